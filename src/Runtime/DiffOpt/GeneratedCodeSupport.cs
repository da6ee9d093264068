using System;
using System.Buffers;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DiffOpt;

/// <summary>
/// Support members called by DiffOpt-generated code. Not meant to be called by hand; public so that code
/// generated into other assemblies can reach them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedCodeSupport
{
    /// <summary>Throws the <see cref="ArgumentException"/> for a derivative span whose length does not match its input.</summary>
    /// <param name="parameterName">The derivative parameter with the wrong length.</param>
    /// <param name="inputName">The input whose length it must have.</param>
    /// <param name="expectedLength">The input's length.</param>
    /// <param name="actualLength">The derivative parameter's length.</param>
    [DoesNotReturn]
    public static void ThrowLengthMismatch(string parameterName, string inputName, int expectedLength, int actualLength) =>
        throw new ArgumentException(
            string.Format(CultureInfo.InvariantCulture, "'{0}' has length {1}, but it must have the length of '{2}' ({3}).", parameterName, actualLength, inputName, expectedLength),
            parameterName);

    /// <summary>Rents a pooled array holding a copy of <paramref name="source"/> (the writable adjoint of a vector output).</summary>
    /// <param name="source">The values to copy.</param>
    /// <returns>An array at least as long as <paramref name="source"/>, its first elements a copy of it.</returns>
    public static double[] RentCopy(ReadOnlySpan<double> source)
    {
        var array = ArrayPool<double>.Shared.Rent(Math.Max(source.Length, 1));
        source.CopyTo(array);
        return array;
    }

    /// <summary>Returns an array from <see cref="RentCopy"/> to the pool.</summary>
    /// <param name="array">The rented array.</param>
    public static void ReturnRented(double[] array) => ArrayPool<double>.Shared.Return(array);
}
