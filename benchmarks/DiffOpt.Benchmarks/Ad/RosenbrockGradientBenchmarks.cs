using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace DiffOpt.Benchmarks.Ad;

/// <summary>Rosenbrock gradient: primal, generated, hand-written and TorchSharp autograd side by side.</summary>
[Config(typeof(AdBenchmarkConfig))]
public abstract class RosenbrockGradientBenchmarks
{
    private double[] _x = null!;
    private double[] _dx = null!;
    private torch.Tensor _xTorch = null!;

    /// <summary>The dimension.</summary>
    protected abstract int N { get; }

    /// <summary>The point: x_i uniform in [−1.5, 1.5).</summary>
    protected double[] X => _x;

    /// <summary>Gradient output buffer.</summary>
    protected double[] Dx => _dx;

    [GlobalSetup]
    public void Setup()
    {
        TorchWorkloads.Initialise();
        _x = BenchmarkData.Uniform(11, N, -1.5, 1.5);
        _dx = new double[N];
        _xTorch = TorchWorkloads.Leaf(_x);
        double[] expected = new double[N];
        double value = Rosenbrock.HandGradient(_x, expected);
        GradientCheck.Report($"Rosenbrock n={N}", value);
        GradientCheck.AssertClose("primal", value, Rosenbrock.Value(_x), 1e-12);
        GradientCheck.AssertClose("generated value", value, Rosenbrock.Gradient(_x, _dx), 1e-12);
        GradientCheck.AssertClose("generated gradient", expected, _dx, 1e-12);
        GradientCheck.AssertClose("TorchSharp value", value, TorchWorkloads.RosenbrockGradient(_xTorch, _dx), 1e-10);
        GradientCheck.AssertClose("TorchSharp gradient", expected, _dx, 1e-10);
        if (N <= 1000)
        {
            GradientCheck.CentralDifferences(x => Rosenbrock.Value(x), (double[])_x.Clone(), _dx);
            GradientCheck.AssertClose("finite differences", expected, _dx, 1e-5);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _xTorch.Dispose();

    [Benchmark(Baseline = true)]
    public double Primal() => Rosenbrock.Value(_x);

    [Benchmark]
    public double Generated() => Rosenbrock.Gradient(_x, _dx);

    [Benchmark]
    public double HandWritten() => Rosenbrock.HandGradient(_x, _dx);

    [Benchmark]
    public double TorchSharp() => TorchWorkloads.RosenbrockGradient(_xTorch, _dx);
}

/// <summary>n = 10, with central finite differences.</summary>
public class Rosenbrock10Gradient : RosenbrockGradientBenchmarks
{
    private static readonly Func<double[], double> PrimalFunction = x => Rosenbrock.Value(x);

    protected override int N => 10;

    [Benchmark]
    public double FiniteDifferences() => GradientCheck.CentralDifferences(PrimalFunction, X, Dx);
}

/// <summary>n = 1,000,000.</summary>
public class Rosenbrock1MGradient : RosenbrockGradientBenchmarks
{
    protected override int N => 1_000_000;
}
