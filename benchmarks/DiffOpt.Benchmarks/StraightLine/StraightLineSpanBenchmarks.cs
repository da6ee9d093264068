using BenchmarkDotNet.Attributes;

namespace DiffOpt.Benchmarks.StraightLine;

/// <summary>
/// The gradient of <see cref="StraightLineFunctions.Rosenbrock10"/> (a span of 10 inputs, straight-line code):
/// generated reverse mode vs the hand-written gradient (baseline) vs central finite differences, with the primal
/// for scale.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class StraightLineSpanBenchmarks
{
    private const int Size = 10;
    private readonly double[] x = new double[Size];
    private readonly double[] gradient = new double[Size];
    private readonly double[] shifted = new double[Size];

    /// <summary>Sets a point away from the minimum and refuses to benchmark gradients that disagree.</summary>
    [GlobalSetup]
    public void CheckGradientsAgree()
    {
        for (int i = 0; i < Size; i++)
        {
            x[i] = -1.2 + 0.27 * i; // -1.2, -0.93, ..., 1.23: both signs, every term active
        }

        var generated = new double[Size];
        var hand = new double[Size];
        var differences = new double[Size];
        double generatedValue = StraightLineFunctions.Rosenbrock10Gradient(x, generated);
        double handValue = HandWrittenGradients.Rosenbrock10(x, hand);
        double primal = StraightLineFunctions.Rosenbrock10(x);
        GradientAgreement.Require("generated vs hand-written gradient of Rosenbrock10", hand, generated, 1e-13);
        GradientAgreement.Require("generated vs hand-written value of Rosenbrock10", [handValue], [generatedValue], 1e-13);
        GradientAgreement.Require("value of Rosenbrock10Gradient vs Rosenbrock10", [primal], [generatedValue], 1e-13);

        // The hand-written gradient is itself checked against finite differences.
        CentralDifferencesInto(differences);
        GradientAgreement.Require("hand-written gradient of Rosenbrock10 vs central differences", differences, hand, 1e-7);
    }

    /// <summary>The function alone.</summary>
    [Benchmark]
    public double Primal() => StraightLineFunctions.Rosenbrock10(x);

    /// <summary>The DiffOpt-generated gradient (value and 10 partials).</summary>
    [Benchmark]
    public double GeneratedGradient() => StraightLineFunctions.Rosenbrock10Gradient(x, gradient) + gradient[Size - 1];

    /// <summary>The hand-written gradient (value and 10 partials).</summary>
    [Benchmark(Baseline = true)]
    public double HandWrittenGradient() => HandWrittenGradients.Rosenbrock10(x, gradient) + gradient[Size - 1];

    /// <summary>Central finite differences: 20 evaluations of the function (and less accurate).</summary>
    [Benchmark]
    public double CentralDifferences()
    {
        CentralDifferencesInto(gradient);
        return StraightLineFunctions.Rosenbrock10(x) + gradient[Size - 1];
    }

    private void CentralDifferencesInto(Span<double> dx)
    {
        // h ≈ cbrt(machine epsilon)·max(1, |xᵢ|): balances truncation and rounding error.
        const double h = 6.0555e-6;
        x.CopyTo(shifted, 0);
        for (int i = 0; i < Size; i++)
        {
            double step = h * Math.Max(1, Math.Abs(x[i]));
            shifted[i] = x[i] + step;
            double forward = StraightLineFunctions.Rosenbrock10(shifted);
            shifted[i] = x[i] - step;
            double backward = StraightLineFunctions.Rosenbrock10(shifted);
            shifted[i] = x[i];
            dx[i] = (forward - backward) / (2 * step);
        }
    }
}
