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

    /// <summary>Rents a pooled array holding a copy of <paramref name="source"/>, widened to double.</summary>
    /// <param name="source">The values to copy.</param>
    /// <returns>An array at least as long as <paramref name="source"/>, its first elements a copy of it.</returns>
    public static double[] RentCopy(ReadOnlySpan<float> source)
    {
        var array = ArrayPool<double>.Shared.Rent(Math.Max(source.Length, 1));
        for (var i = 0; i < source.Length; i++)
        {
            array[i] = source[i];
        }

        return array;
    }

    /// <summary>Returns an array from <see cref="RentCopy(ReadOnlySpan{double})"/> to the pool.</summary>
    /// <param name="array">The rented array.</param>
    public static void ReturnRented(double[] array) => ArrayPool<double>.Shared.Return(array);

    /// <summary>Rents a pooled array of at least <paramref name="length"/> zeros.</summary>
    /// <param name="length">The number of elements needed.</param>
    /// <returns>A pooled array whose first <paramref name="length"/> elements are zero.</returns>
    public static double[] RentZeroed(int length)
    {
        var array = ArrayPool<double>.Shared.Rent(Math.Max(length, 1));
        Array.Clear(array, 0, length);
        return array;
    }

    /// <summary>Adds <paramref name="scale"/> · <paramref name="source"/> to <paramref name="target"/>; does nothing when <paramref name="target"/> is empty.</summary>
    /// <param name="target">The accumulator (an adjoint span; empty when the caller does not need it).</param>
    /// <param name="source">The values to add (at least as long as <paramref name="target"/>).</param>
    /// <param name="scale">The factor.</param>
    public static void AccumulateScaled(Span<double> target, ReadOnlySpan<double> source, double scale)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += scale * source[i];
        }
    }

    /// <summary>The dot product of the first <paramref name="tangent"/>.Length elements; zero when <paramref name="tangent"/> is empty.</summary>
    /// <param name="gradient">The gradient values.</param>
    /// <param name="tangent">The tangent (empty for a zero tangent).</param>
    /// <returns>Σ gradient[i] · tangent[i].</returns>
    public static double Dot(ReadOnlySpan<double> gradient, ReadOnlySpan<double> tangent)
    {
        var sum = 0.0;
        for (var i = 0; i < tangent.Length; i++)
        {
            sum += gradient[i] * tangent[i];
        }

        return sum;
    }

    /// <summary>Throws the <see cref="NotSupportedException"/> of a derivative that a custom derivative cannot provide.</summary>
    /// <param name="function">The method with the custom derivative.</param>
    /// <param name="what">What was asked for.</param>
    [DoesNotReturn]
    public static void ThrowCustomDerivativeUnsupported(string function, string what) =>
        throw new NotSupportedException(
            string.Format(CultureInfo.InvariantCulture, "{0} of '{1}' is not available: '{1}' is differentiated through its [DerivativeOf] method, which provides only first-order reverse mode{2}.", what, function, what.StartsWith("Forward", StringComparison.Ordinal) ? string.Empty : " (and forward mode for scalar functions)"));
}
