using System;

namespace DiffOpt.Solvers;

/// <summary>
/// An 8-bit dynamic tree quantization map (Dettmers 2016, "8-Bit Approximations for Parallelism in Deep
/// Learning"; used for optimizer state in Dettmers et al. 2022, "8-bit Optimizers via Block-wise Quantization"):
/// 256 codes for values in [−1, 1] (signed) or [0, 1] (unsigned) whose relative precision is roughly the same
/// across seven or eight decades.
/// </summary>
/// <remarks>
/// <para>
/// Bits of a code, from the most significant: a sign bit (signed map only); then E zero bits, the exponent;
/// then a 1, the indicator; then the remaining F bits, a fraction index j. The code stands for
/// <c>± 10^(−E) · (0.1 + 0.9 · (j + 1) / 2^F)</c>: decade E is split into 2^F equal steps and the code is the
/// upper edge of its step. A code whose bits after the sign are all zero stands for 0.
/// </para>
/// <para>
/// Signed map: E = 0 … 6, F = 6 − E, so values from ±1e-6 to ±1 with 64 steps in the top decade.
/// Unsigned map (the sign bit becomes a fraction bit, as in the paper): E = 0 … 7, F = 7 − E, values from 1e-7 to 1.
/// Using the upper edge (rather than the paper's bin midpoints) makes ±1 exact, so the element that sets
/// a block's absolute maximum is stored without error.
/// </para>
/// <para>
/// Rounding error bound: a value r with 10^(−E−1) ≤ |r| ≤ 10^(−E), E below the largest exponent, is encoded
/// with error at most 0.45 · 10^(−E) / 2^F; below the smallest nonzero code the error is at most half of it.
/// </para>
/// </remarks>
public sealed class DynamicQuantizationMap
{
    private readonly double[] values = new double[256];

    // Distinct representable values in ascending order and the code of each, for nearest-value search.
    private readonly double[] sorted;
    private readonly byte[] sortedCodes;

    private DynamicQuantizationMap(bool signed)
    {
        IsSigned = signed;
        int magnitudeBits = signed ? 7 : 8;
        for (int code = 0; code < 256; code++)
        {
            int magnitude = code & ((1 << magnitudeBits) - 1);
            bool negative = signed && (code & 0x80) != 0;
            double value = MagnitudeValue(magnitude, magnitudeBits);
            values[code] = negative ? -value : value;
        }

        int count = signed ? 255 : 256; // the signed map has +0 and −0; keep one zero
        sorted = new double[count];
        sortedCodes = new byte[count];
        int k = 0;
        for (int code = 0; code < 256; code++)
        {
            if (signed && code == 0x80)
            {
                continue;
            }

            sorted[k] = values[code];
            sortedCodes[k] = (byte)code;
            k++;
        }

        Array.Sort(sorted, sortedCodes);
        SmallestPositiveCode = sortedCodes[Array.IndexOf(sorted, 0.0) + 1];
        ZeroCode = 0;
    }

    /// <summary>The signed map, for values in [−1, 1] (the first moment of Adam).</summary>
    public static DynamicQuantizationMap Signed { get; } = new(signed: true);

    /// <summary>The unsigned map, for values in [0, 1] (the second moment of Adam).</summary>
    public static DynamicQuantizationMap Unsigned { get; } = new(signed: false);

    /// <summary>Whether the map has a sign bit.</summary>
    public bool IsSigned { get; }

    /// <summary>The value of every code, indexed by code.</summary>
    public ReadOnlySpan<double> Values => values;

    /// <summary>The code of 0.</summary>
    public byte ZeroCode { get; }

    /// <summary>The code of the smallest positive value.</summary>
    public byte SmallestPositiveCode { get; }

    /// <summary>The value a code stands for.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The value, in [−1, 1].</returns>
    public double Decode(byte code) => values[code];

    /// <summary>The code of the representable value nearest to <paramref name="value"/> (clamped to the map's range).</summary>
    /// <param name="value">A value, normally in [−1, 1] (signed) or [0, 1] (unsigned).</param>
    /// <returns>The code.</returns>
    public byte Encode(double value)
    {
        double[] s = sorted;
        // Fixed-depth binary search for the last entry ≤ value (branch-light; 8 probes for 255/256 entries).
        int lo = 0;
        for (int half = 128; half > 0; half >>= 1)
        {
            int probe = lo + half;
            if (probe < s.Length && s[probe] <= value)
            {
                lo = probe;
            }
        }

        if (lo + 1 < s.Length && s[lo + 1] - value < value - s[lo])
        {
            lo++;
        }

        return sortedCodes[lo];
    }

    private static double MagnitudeValue(int magnitude, int bits)
    {
        if (magnitude == 0)
        {
            return 0;
        }

        // Leading zeros within the magnitude bits = exponent E; the bits after the indicator form j.
        int exponent = 0;
        while ((magnitude & (1 << (bits - 1 - exponent))) == 0)
        {
            exponent++;
        }

        int fractionBits = bits - 1 - exponent;
        int j = magnitude & ((1 << fractionBits) - 1);
        double fraction = 0.1 + 0.9 * (j + 1) / (1 << fractionBits);
        return Math.Pow(10, -exponent) * fraction;
    }
}
