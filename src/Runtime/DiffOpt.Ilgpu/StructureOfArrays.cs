using System;

namespace DiffOpt.Ilgpu;

/// <summary>
/// Converts between item-major data (item <c>i</c>'s elements next to each other: <c>i * length + j</c>) and the
/// structure-of-arrays layout of DiffOpt's kernels (element <c>j</c> of every item next to each other:
/// <c>j * batch + i</c>), in which neighbouring threads read neighbouring addresses.
/// </summary>
public static class StructureOfArrays
{
    /// <summary>Writes item-major <paramref name="items"/> into <paramref name="destination"/> in structure-of-arrays layout.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">Item-major values, <c>batch * itemLength</c> of them.</param>
    /// <param name="itemLength">Elements per item.</param>
    /// <param name="destination">Receives element j of item i at <c>j * batch + i</c>; same length as <paramref name="items"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemLength"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void Pack<T>(ReadOnlySpan<T> items, int itemLength, Span<T> destination)
    {
        var batch = Batch(items.Length, itemLength, destination.Length, nameof(destination));
        for (var i = 0; i < batch; i++)
        {
            for (var j = 0; j < itemLength; j++)
            {
                destination[(j * batch) + i] = items[(i * itemLength) + j];
            }
        }
    }

    /// <summary>Writes structure-of-arrays <paramref name="packed"/> back into item-major order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="packed">Element j of item i at <c>j * batch + i</c>.</param>
    /// <param name="itemLength">Elements per item.</param>
    /// <param name="destination">Receives item i's elements at <c>i * itemLength + j</c>; same length as <paramref name="packed"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemLength"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void Unpack<T>(ReadOnlySpan<T> packed, int itemLength, Span<T> destination)
    {
        var batch = Batch(packed.Length, itemLength, destination.Length, nameof(destination));
        for (var i = 0; i < batch; i++)
        {
            for (var j = 0; j < itemLength; j++)
            {
                destination[(i * itemLength) + j] = packed[(j * batch) + i];
            }
        }
    }

    private static int Batch(int sourceLength, int itemLength, int destinationLength, string destinationName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemLength, 1);
        if (sourceLength % itemLength != 0)
        {
            throw new ArgumentException("The source length is not a multiple of itemLength.", nameof(itemLength));
        }

        if (destinationLength != sourceLength)
        {
            throw new ArgumentException("The destination must have the source's length.", destinationName);
        }

        return sourceLength / itemLength;
    }
}
