using BenchmarkDotNet.Attributes;

namespace DiffOpt.Benchmarks.Implicit;

/// <summary>
/// Ridge hypergradient dL/dλ, n = 1,000 training and 1,000 validation rows, d ∈ {100, 1,000}, λ = 0.1: implicit
/// differentiation through a generated L-BFGS solver with each linear solver, against unrolled gradient descent (step
/// 1/L, from w = 0) differentiated through 10, 100 and 500 iterations. Every method returns dL/dλ; the
/// <see cref="RelativeErrorColumn"/> shows |dL/dλ − closed form| / |closed form|, measured once per d in the setup.
/// </summary>
[Config(typeof(ImplicitBenchmarkConfig))]
public class RidgeHypergradientBenchmarks
{
    private RidgeProblem _problem = null!;

    [Params(100, 1_000)]
    public int D { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _problem = RidgeProblem.Get(D);
        HypergradientAccuracy.Measure(this, D, _problem);
    }

    [Benchmark(Baseline = true)]
    public double ImplicitCg()
    {
        RidgeHypergradientModel.ValidationLossCgGradient(Lambda, _problem.X, _problem.Y, _problem.ValidationX, _problem.ValidationY, D, out double dLambda);
        return dLambda;
    }

    [Benchmark]
    public double ImplicitNormalCg()
    {
        RidgeHypergradientModel.ValidationLossNormalCgGradient(Lambda, _problem.X, _problem.Y, _problem.ValidationX, _problem.ValidationY, D, out double dLambda);
        return dLambda;
    }

    [Benchmark]
    public double ImplicitGmres()
    {
        RidgeHypergradientModel.ValidationLossGmresGradient(Lambda, _problem.X, _problem.Y, _problem.ValidationX, _problem.ValidationY, D, out double dLambda);
        return dLambda;
    }

    [Benchmark]
    public double ImplicitBiCgStab()
    {
        RidgeHypergradientModel.ValidationLossBiCgStabGradient(Lambda, _problem.X, _problem.Y, _problem.ValidationX, _problem.ValidationY, D, out double dLambda);
        return dLambda;
    }

    [Benchmark]
    public double ImplicitDenseLu()
    {
        RidgeHypergradientModel.ValidationLossDenseLuGradient(Lambda, _problem.X, _problem.Y, _problem.ValidationX, _problem.ValidationY, D, out double dLambda);
        return dLambda;
    }

    [Benchmark]
    public double ImplicitDenseCholesky()
    {
        RidgeHypergradientModel.ValidationLossDenseCholeskyGradient(Lambda, _problem.X, _problem.Y, _problem.ValidationX, _problem.ValidationY, D, out double dLambda);
        return dLambda;
    }

    /// <summary>The inner solve alone (no derivative): what the implicit hypergradient costs on top of it.</summary>
    [Benchmark]
    public double SolveOnly() =>
        RidgeHypergradientModel.HalfMeanSquaredError(RidgeHypergradientModel.FitCg(new double[D], Lambda, _problem.X, _problem.Y, D),
            _problem.ValidationX, _problem.ValidationY, D);

    [Benchmark]
    public double Unrolled10() => Unrolled(10);

    [Benchmark]
    public double Unrolled100() => Unrolled(100);

    [Benchmark]
    public double Unrolled500() => Unrolled(500);

    /// <summary>Unrolled with the fewest steps whose hypergradient is within 1e-6 of the closed form (see the log).</summary>
    [Benchmark]
    public double UnrolledToMicroError() => Unrolled(_problem.IterationsForMicroError);

    private static double Lambda => RidgeProblem.Lambda;

    private double Unrolled(int iterations)
    {
        RidgeHypergradientModel.UnrolledValidationLossGradient(Lambda, _problem.X, _problem.Y, _problem.ValidationX, _problem.ValidationY, D,
            iterations, _problem.GradientDescentStep, out double dLambda);
        return dLambda;
    }
}
