using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace DiffOpt.Benchmarks.Ad;

/// <summary>RK4 damped oscillator over 1,000 steps: gradient with respect to (x₀, v₀, ω, ζ).</summary>
[Config(typeof(AdBenchmarkConfig))]
public class DampedOscillatorBenchmarks
{
    private const int Steps = 1000;
    private const double H = 0.01;
    private static readonly Func<double[], double> PrimalFunction = p => DampedOscillator.Loss(p, H, Steps);
    private readonly double[] _p = { 1.0, 0.0, 2.0, 0.1 };
    private readonly double[] _dp = new double[4];
    private readonly double[] _states = new double[2 * (Steps + 1)];
    private torch.Tensor _pTorch = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchWorkloads.Initialise();
        _pTorch = TorchWorkloads.Leaf(_p);
        double[] expected = new double[4];
        double value = DampedOscillator.HandGradient(_p, H, Steps, expected, _states);
        GradientCheck.Report($"RK4 oscillator {Steps} steps", value);
        GradientCheck.AssertClose("primal", value, DampedOscillator.Loss(_p, H, Steps), 1e-12);
        GradientCheck.AssertClose("generated value", value, DampedOscillator.Gradient(_p, H, Steps, _dp), 1e-12);
        GradientCheck.AssertClose("generated gradient", expected, _dp, 1e-10);
        GradientCheck.AssertClose("TorchSharp value", value, TorchWorkloads.OscillatorGradient(_pTorch, H, Steps, _dp), 1e-10);
        GradientCheck.AssertClose("TorchSharp gradient", expected, _dp, 1e-10);
        GradientCheck.CentralDifferences(PrimalFunction, (double[])_p.Clone(), _dp);
        GradientCheck.AssertClose("finite differences", expected, _dp, 1e-6);
    }

    [GlobalCleanup]
    public void Cleanup() => _pTorch.Dispose();

    [Benchmark(Baseline = true)]
    public double Primal() => DampedOscillator.Loss(_p, H, Steps);

    [Benchmark]
    public double Generated() => DampedOscillator.Gradient(_p, H, Steps, _dp);

    [Benchmark]
    public double HandWritten() => DampedOscillator.HandGradient(_p, H, Steps, _dp, _states);

    [Benchmark]
    public double TorchSharp() => TorchWorkloads.OscillatorGradient(_pTorch, H, Steps, _dp);

    [Benchmark]
    public double FiniteDifferences() => GradientCheck.CentralDifferences(PrimalFunction, _p, _dp);
}
