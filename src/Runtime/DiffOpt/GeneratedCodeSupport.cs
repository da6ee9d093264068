using System;
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
}
