using System;
using System.ComponentModel;
using System.Globalization;

namespace DiffOpt.Ilgpu;

/// <summary>Argument checks shared by the generated host-side launchers (not meant to be called by hand).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelLaunch
{
    /// <summary>Checks a batch size: at least one item.</summary>
    /// <param name="batch">The number of items.</param>
    /// <param name="parameterName">The parameter it came from.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is less than 1.</exception>
    public static void CheckBatch(int batch, string parameterName)
    {
        if (batch < 1)
        {
            throw new ArgumentOutOfRangeException(parameterName, batch, "A batch needs at least one item.");
        }
    }

    /// <summary>
    /// The per-item length of a structure-of-arrays view (<c>length / batch</c>), checking that it divides evenly.
    /// </summary>
    /// <param name="viewLength">The view's length.</param>
    /// <param name="batch">The number of items.</param>
    /// <param name="parameterName">The view's parameter name, for the exception.</param>
    /// <returns>The number of elements per item.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="batch"/>.</exception>
    public static int ItemLength(long viewLength, int batch, string parameterName)
    {
        if (viewLength % batch != 0 || viewLength / batch > int.MaxValue)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' has {viewLength} elements, which is not a whole number of elements per item for a batch of {batch} (structure of arrays: element j of item i at j * batch + i)."), parameterName);
        }

        return (int)(viewLength / batch);
    }

    /// <summary>Checks that a view has exactly the expected length.</summary>
    /// <param name="actual">The view's length.</param>
    /// <param name="expected">The length it must have.</param>
    /// <param name="parameterName">The view's parameter name.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void CheckLength(long actual, long expected, string parameterName)
    {
        if (actual != expected)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{parameterName}' has {actual} elements; expected {expected}."), parameterName);
        }
    }
}
