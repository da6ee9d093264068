using BenchmarkDotNet.Attributes;

namespace DiffOpt.Benchmarks.StraightLine;

/// <summary>
/// The gradient of <see cref="StraightLineFunctions.Scalar"/> (three scalar inputs, a few Math calls): generated
/// reverse mode vs the hand-written gradient (baseline) vs central finite differences, with the primal for scale.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class StraightLineScalarBenchmarks
{
    private double a = 0.7;
    private double b = -1.3;
    private double c = 0.4;

    /// <summary>Refuses to benchmark gradients that disagree.</summary>
    [GlobalSetup]
    public void CheckGradientsAgree()
    {
        double generatedValue = StraightLineFunctions.ScalarGradient(a, b, c, out double ga, out double gb, out double gc);
        double handValue = HandWrittenGradients.Scalar(a, b, c, out double ha, out double hb, out double hc);
        double primal = StraightLineFunctions.Scalar(a, b, c);
        ReadOnlySpan<double> hand = [ha, hb, hc];
        GradientAgreement.Require("generated vs hand-written gradient of Scalar", hand, [ga, gb, gc], 1e-13);
        GradientAgreement.Require("generated vs hand-written value of Scalar", [handValue], [generatedValue], 1e-13);
        GradientAgreement.Require("value of ScalarGradient vs Scalar", [primal], [generatedValue], 1e-13);

        // The hand-written gradient is itself checked against finite differences.
        double fa = 0, fb = 0, fc = 0;
        CentralDifferencesInto(ref fa, ref fb, ref fc);
        GradientAgreement.Require("hand-written gradient of Scalar vs central differences", [fa, fb, fc], hand, 1e-7);
    }

    /// <summary>The function alone.</summary>
    [Benchmark]
    public double Primal() => StraightLineFunctions.Scalar(a, b, c);

    /// <summary>The DiffOpt-generated gradient (value and three partials).</summary>
    [Benchmark]
    public double GeneratedGradient()
    {
        double value = StraightLineFunctions.ScalarGradient(a, b, c, out double da, out double db, out double dc);
        return value + da + db + dc;
    }

    /// <summary>The hand-written gradient (value and three partials).</summary>
    [Benchmark(Baseline = true)]
    public double HandWrittenGradient()
    {
        double value = HandWrittenGradients.Scalar(a, b, c, out double da, out double db, out double dc);
        return value + da + db + dc;
    }

    /// <summary>Central finite differences: six evaluations of the function (and less accurate).</summary>
    [Benchmark]
    public double CentralDifferences()
    {
        double da = 0, db = 0, dc = 0;
        CentralDifferencesInto(ref da, ref db, ref dc);
        return StraightLineFunctions.Scalar(a, b, c) + da + db + dc;
    }

    private void CentralDifferencesInto(ref double da, ref double db, ref double dc)
    {
        // h ≈ cbrt(machine epsilon)·max(1, |x|): balances truncation and rounding error.
        const double h = 6.0555e-6;
        double ha = h * Math.Max(1, Math.Abs(a));
        double hb = h * Math.Max(1, Math.Abs(b));
        double hc = h * Math.Max(1, Math.Abs(c));
        da = (StraightLineFunctions.Scalar(a + ha, b, c) - StraightLineFunctions.Scalar(a - ha, b, c)) / (2 * ha);
        db = (StraightLineFunctions.Scalar(a, b + hb, c) - StraightLineFunctions.Scalar(a, b - hb, c)) / (2 * hb);
        dc = (StraightLineFunctions.Scalar(a, b, c + hc) - StraightLineFunctions.Scalar(a, b, c - hc)) / (2 * hc);
    }
}
