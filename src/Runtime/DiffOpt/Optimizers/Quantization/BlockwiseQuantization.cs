using System;
using System.Numerics.Tensors;

namespace DiffOpt.Solvers;

/// <summary>
/// Block-wise quantization (Dettmers et al. 2022, "8-bit Optimizers via Block-wise Quantization", section 2.1):
/// a tensor is cut into blocks of a fixed size; each block is divided by its own absolute maximum and every
/// element is stored as the 8-bit code of the nearest value of a <see cref="DynamicQuantizationMap"/>. An outlier
/// therefore costs precision only in its own block.
/// </summary>
public static class BlockwiseQuantization
{
    /// <summary>The number of blocks of size <paramref name="blockSize"/> needed for <paramref name="length"/> values.</summary>
    /// <param name="length">The number of values.</param>
    /// <param name="blockSize">The block size; positive.</param>
    /// <returns>⌈length / blockSize⌉.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static int BlockCount(int length, int blockSize)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "Must be 0 or more.");
        }

        OptimizerChecks.Positive(blockSize, nameof(blockSize));
        return (int)(((long)length + blockSize - 1) / blockSize);
    }

    /// <summary>Quantizes <paramref name="values"/> block by block.</summary>
    /// <param name="values">The values.</param>
    /// <param name="map">The quantization map (unsigned maps clamp negative values to 0).</param>
    /// <param name="blockSize">The block size; positive.</param>
    /// <param name="codes">Receives one code per value; same length as <paramref name="values"/>.</param>
    /// <param name="absmax">Receives each block's absolute maximum; length <see cref="BlockCount"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void Quantize(ReadOnlySpan<double> values, DynamicQuantizationMap map, int blockSize, Span<byte> codes, Span<double> absmax)
    {
        if (map is null)
        {
            throw new ArgumentNullException(nameof(map));
        }

        CheckLengths(values.Length, blockSize, codes.Length, absmax.Length);
        for (int b = 0, start = 0; start < values.Length; b++, start += blockSize)
        {
            int length = Math.Min(blockSize, values.Length - start);
            absmax[b] = QuantizeBlock(values.Slice(start, length), map, codes.Slice(start, length));
        }
    }

    /// <summary>Reconstructs values from their codes and block maxima.</summary>
    /// <param name="codes">The codes.</param>
    /// <param name="absmax">Each block's absolute maximum; length <see cref="BlockCount"/>.</param>
    /// <param name="map">The quantization map the codes were made with.</param>
    /// <param name="blockSize">The block size; positive.</param>
    /// <param name="values">Receives the values; same length as <paramref name="codes"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void Dequantize(ReadOnlySpan<byte> codes, ReadOnlySpan<double> absmax, DynamicQuantizationMap map, int blockSize, Span<double> values)
    {
        if (map is null)
        {
            throw new ArgumentNullException(nameof(map));
        }

        CheckLengths(values.Length, blockSize, codes.Length, absmax.Length);
        ReadOnlySpan<double> table = map.Values;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = table[codes[i]] * absmax[i / blockSize];
        }
    }

    /// <summary>Quantizes one block; returns its absolute maximum (0 for an all-zero block, NaN if it holds a NaN).</summary>
    internal static double QuantizeBlock(ReadOnlySpan<double> block, DynamicQuantizationMap map, Span<byte> codes)
    {
        // MaxMagnitude returns NaN if the block holds one; a NaN maximum makes every decoded value of the block
        // NaN, so the failure stays visible.
        double max = block.IsEmpty ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(block));
        if (max == 0 || double.IsNaN(max))
        {
            codes.Fill(map.ZeroCode);
            return max;
        }

        double scale = 1 / max;
        for (int i = 0; i < block.Length; i++)
        {
            codes[i] = map.Encode(block[i] * scale);
        }

        return max;
    }

    private static void CheckLengths(int length, int blockSize, int codes, int absmax)
    {
        int blocks = BlockCount(length, blockSize);
        if (codes != length)
        {
            throw new ArgumentException("Needs one code per value.", nameof(codes));
        }

        if (absmax != blocks)
        {
            throw new ArgumentException("Needs one maximum per block.", nameof(absmax));
        }
    }
}
