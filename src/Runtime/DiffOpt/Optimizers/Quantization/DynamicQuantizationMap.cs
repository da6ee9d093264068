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
/// with error at most 0.45 · 10^(−E) / 2^F (half the gap between its codes); a value below the smallest nonzero
/// code is encoded with error at most half that smallest value.
/// </para>
/// </remarks>
public sealed class DynamicQuantizationMap
{
    private readonly double[] values = new double[256];

    // Nearest-value search works on magnitudes (the signed map is symmetric): the distinct magnitudes in
    // ascending order, the code of each, and the midpoints between neighbours. A magnitude's nearest entry is
    // the number of midpoints below it; a table indexed by the magnitude's exponent and top mantissa bits gives
    // a starting count that is at most one short, so encoding costs a lookup and one comparison.
    private const int MantissaBits = 8;
    private readonly byte[] magnitudeCodes;
    private readonly double[] midpoints;
    private readonly byte[] bucketStart;
    private readonly int lowestBucketKey;

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

        int count = 1 << magnitudeBits; // codes 0 … count − 1 are the non-negative ones
        var magnitudes = new double[count];
        magnitudeCodes = new byte[count];
        for (int code = 0; code < count; code++)
        {
            magnitudes[code] = values[code];
            magnitudeCodes[code] = (byte)code;
        }

        Array.Sort(magnitudes, magnitudeCodes);
        // One midpoint between each pair of neighbours, then +∞ so that the probe below never runs off the end.
        midpoints = new double[count];
        for (int k = 0; k < count - 1; k++)
        {
            midpoints[k] = (magnitudes[k] + magnitudes[k + 1]) / 2;
        }

        midpoints[count - 1] = double.PositiveInfinity;

        // Buckets cover [2^e, 1) for the exponent e of the smallest midpoint; below it everything rounds to 0.
        // A bucket is 2^−8 wide relative to its values, narrower than the closest midpoints (0.9/128 relative),
        // so it holds at most one midpoint and a single comparison finishes the search.
        lowestBucketKey = BucketKey(Math.Pow(2, Math.Floor(Math.Log2(midpoints[0]))));
        bucketStart = new byte[BucketKey(1.0) - lowestBucketKey];
        for (int b = 0, k = 0; b < bucketStart.Length; b++)
        {
            double bucketLow = BitConverter.Int64BitsToDouble((long)(lowestBucketKey + b) << (52 - MantissaBits));
            double bucketHigh = BitConverter.Int64BitsToDouble((long)(lowestBucketKey + b + 1) << (52 - MantissaBits));
            while (midpoints[k] < bucketLow)
            {
                k++;
            }

            bucketStart[b] = (byte)k;
            if (k + 1 < midpoints.Length && midpoints[k + 1] < bucketHigh)
            {
                throw new InvalidOperationException("A quantization bucket holds two midpoints; MantissaBits is too small for this map.");
            }
        }

        SmallestPositiveCode = magnitudeCodes[1];
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
    /// <param name="value">A value, normally in [−1, 1] (signed) or [0, 1] (unsigned); NaN encodes as 0.</param>
    /// <returns>The code.</returns>
    public byte Encode(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int sign = (int)((ulong)bits >> 63);
        if (sign != 0 && !IsSigned)
        {
            return ZeroCode;
        }

        long magnitudeBits = bits & long.MaxValue;
        double a = BitConverter.Int64BitsToDouble(magnitudeBits);
        if (!(a < 1))
        {
            return a >= 1 ? (byte)(magnitudeCodes[magnitudeCodes.Length - 1] | (sign << 7)) : ZeroCode; // else NaN
        }

        int bucket = (int)(magnitudeBits >> (52 - MantissaBits)) - lowestBucketKey;
        if (bucket < 0)
        {
            return ZeroCode;
        }

        int k = bucketStart[bucket];
        k += midpoints[k] < a ? 1 : 0;
        // The signed map's codes are sign bit | magnitude code; −0 (0x80) also decodes to 0.
        return (byte)(magnitudeCodes[k] | (sign << 7));
    }

    // Sign-free bits of a positive double above the top mantissa bits: exponent and MantissaBits mantissa bits.
    private static int BucketKey(double positive) => (int)(BitConverter.DoubleToInt64Bits(positive) >> (52 - MantissaBits));

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
