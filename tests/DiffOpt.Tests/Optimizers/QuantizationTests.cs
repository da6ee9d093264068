using DiffOpt.Solvers;

namespace DiffOpt.Tests.Optimizers;

/// <summary>
/// The dynamic tree quantization map and block-wise quantization against the structure the paper describes:
/// E leading zero bits give the decade 10^(−E), the bits after the indicator bit split the decade linearly.
/// </summary>
public class QuantizationTests
{
    // Signed: 7 magnitude bits, exponents 0…6; unsigned: 8 magnitude bits, exponents 0…7.
    private static (int MaxExponent, int MaxFractionBits) Shape(DynamicQuantizationMap map) => map.IsSigned ? (6, 6) : (7, 7);

    /// <summary>Largest rounding error allowed for a magnitude a in [0, 1]: half the gap between codes of its decade.</summary>
    private static double Bound(DynamicQuantizationMap map, double a)
    {
        var (maxExponent, maxFractionBits) = Shape(map);
        double smallest = Math.Pow(10, -maxExponent);
        if (a <= smallest)
        {
            return 0.5 * smallest;
        }

        int e = Math.Min((int)Math.Floor(-Math.Log10(a)), maxExponent - 1);
        return 0.45 * Math.Pow(10, -e) / Math.Pow(2, maxFractionBits - e);
    }

    public static TheoryData<bool> Maps => new() { true, false };

    private static DynamicQuantizationMap Map(bool signed) => signed ? DynamicQuantizationMap.Signed : DynamicQuantizationMap.Unsigned;

    [Theory]
    [MemberData(nameof(Maps))]
    public void MapHasTheRangeAndCodeCountOfTheDataType(bool signed)
    {
        DynamicQuantizationMap map = Map(signed);
        var values = map.Values.ToArray();
        Assert.Equal(256, values.Length);
        Assert.Equal(1.0, values.Max());
        Assert.Equal(signed ? -1.0 : 0.0, values.Min());
        Assert.Equal(signed ? 255 : 256, values.Distinct().Count()); // the signed map has ±0
        double smallestPositive = values.Where(v => v > 0).Min();
        Assert.Equal(signed ? 1e-6 : 1e-7, smallestPositive, 1e-21);
        Assert.Equal(smallestPositive, map.Decode(map.SmallestPositiveCode));
        Assert.Equal(0.0, map.Decode(map.ZeroCode));
        // The top decade holds 2^F codes, F = 6 (signed) or 7 (unsigned), evenly spaced by 0.9 / 2^F.
        int top = signed ? 64 : 128;
        var topDecade = values.Where(v => v > 0.1 + 1e-12).OrderBy(v => v).ToArray();
        Assert.Equal(top, topDecade.Length);
        for (int i = 1; i < topDecade.Length; i++)
        {
            Assert.Equal(0.9 / top, topDecade[i] - topDecade[i - 1], 1e-14);
        }

        if (signed)
        {
            foreach (double v in values)
            {
                Assert.Contains(-v, values);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void RoundTripErrorIsWithinHalfACodeGapAcrossAllDecades(bool signed)
    {
        DynamicQuantizationMap map = Map(signed);
        var random = new Random(7);
        for (int trial = 0; trial < 200_000; trial++)
        {
            double magnitude = trial % 2 == 0 ? random.NextDouble() : Math.Pow(10, -9 * random.NextDouble());
            double r = signed && random.Next(2) == 0 ? -magnitude : magnitude;
            double back = map.Decode(map.Encode(r));
            Assert.True(Math.Abs(back - r) <= Bound(map, magnitude) * (1 + 1e-9),
                $"r = {r:R} decoded as {back:R}, error {Math.Abs(back - r):E3} > bound {Bound(map, magnitude):E3}");
        }

        foreach (double v in map.Values)
        {
            Assert.Equal(v, map.Decode(map.Encode(v))); // every code value is a fixed point
        }
    }

    [Fact]
    public void BlockwiseRoundTripKeepsEachBlocksMaximumExactAndIsolatesOutliers()
    {
        const int blockSize = 64;
        var random = new Random(11);
        double[] values = new double[1000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextDouble() - 0.5) * Math.Pow(10, -3 * random.NextDouble());
        }

        values[5] = 1e4; // an outlier in block 0 only
        int blocks = BlockwiseQuantization.BlockCount(values.Length, blockSize);
        Assert.Equal(16, blocks);
        var codes = new byte[values.Length];
        var absmax = new double[blocks];
        BlockwiseQuantization.Quantize(values, DynamicQuantizationMap.Signed, blockSize, codes, absmax);
        var back = new double[values.Length];
        BlockwiseQuantization.Dequantize(codes, absmax, DynamicQuantizationMap.Signed, blockSize, back);

        for (int b = 0; b < blocks; b++)
        {
            var block = values.Skip(b * blockSize).Take(blockSize).ToArray();
            Assert.Equal(block.Max(Math.Abs), absmax[b]);
        }

        Assert.Equal(1e4, back[5]);
        for (int i = 0; i < values.Length; i++)
        {
            double a = absmax[i / blockSize];
            Assert.True(Math.Abs(back[i] - values[i]) <= a * Bound(DynamicQuantizationMap.Signed, Math.Abs(values[i]) / a) * (1 + 1e-9), $"element {i}");
        }

        // Outside block 0 entries above a tenth of their block's maximum keep the top decade's precision,
        // relative error at most (0.9/64)/2 / 0.1 ≈ 7%; inside block 0 the outlier leaves them far coarser.
        static double MedianRelativeError(double[] original, double[] decoded, int from, int to)
        {
            var errors = Enumerable.Range(from, to - from).Where(i => original[i] != 1e4)
                .Select(i => Math.Abs(decoded[i] - original[i]) / Math.Abs(original[i])).OrderBy(e => e).ToArray();
            return errors[errors.Length / 2];
        }

        double worst = 0;
        for (int i = blockSize; i < values.Length; i++)
        {
            if (Math.Abs(values[i]) > 0.1 * absmax[i / blockSize])
            {
                worst = Math.Max(worst, Math.Abs(back[i] - values[i]) / Math.Abs(values[i]));
            }
        }

        Assert.True(worst <= 0.45 / 64 / 0.1, $"worst relative error {worst:E3}");
        double elsewhere = MedianRelativeError(values, back, blockSize, values.Length);
        double withOutlier = MedianRelativeError(values, back, 0, blockSize);
        Assert.True(withOutlier > 10 * elsewhere, $"median relative error {withOutlier:E3} in the outlier's block, {elsewhere:E3} elsewhere");
    }

    [Fact]
    public void BlockwiseQuantizationChecksItsArguments()
    {
        var values = new double[10];
        Assert.Throws<ArgumentException>("codes", () => BlockwiseQuantization.Quantize(values, DynamicQuantizationMap.Signed, 4, new byte[9], new double[3]));
        Assert.Throws<ArgumentException>("absmax", () => BlockwiseQuantization.Quantize(values, DynamicQuantizationMap.Signed, 4, new byte[10], new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>("blockSize", () => BlockwiseQuantization.Quantize(values, DynamicQuantizationMap.Signed, 0, new byte[10], new double[3]));
        Assert.Throws<ArgumentNullException>("map", () => BlockwiseQuantization.Quantize(values, null!, 4, new byte[10], new double[3]));
    }
}
