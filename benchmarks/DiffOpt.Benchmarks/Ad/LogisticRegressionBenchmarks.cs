using BenchmarkDotNet.Attributes;
using DiffOpt.Benchmarks.Solvers;
using TorchSharp;

namespace DiffOpt.Benchmarks.Ad;

/// <summary>
/// L2 logistic regression loss gradient, n = 100,000 rows × d = 100 features: generated, hand-written in the same
/// scalar loops, hand-written with TensorPrimitives (the solver benchmarks' LogisticProblem), TorchSharp autograd.
/// </summary>
[Config(typeof(AdBenchmarkConfig))]
public class LogisticRegressionBenchmarks
{
    private const int Rows = 100_000, Columns = 100;
    private double[] _a = null!, _y = null!, _w = null!, _dw = null!;
    private LogisticProblem _simd = null!;
    private torch.Tensor _aTorch = null!, _yTorch = null!, _wTorch = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchWorkloads.Initialise();
        (_a, _y) = BenchmarkData.Logistic(Rows, Columns);
        _w = BenchmarkData.Uniform(13, Columns, -0.5, 0.5);
        _dw = new double[Columns];
        _simd = LogisticProblem.Synthetic(Rows, Columns);
        _aTorch = TorchWorkloads.Constant(_a, Rows, Columns);
        _yTorch = TorchWorkloads.Constant(_y);
        _wTorch = TorchWorkloads.Leaf(_w);
        double[] expected = new double[Columns];
        double value = LogisticRegression.HandGradient(_w, _a, _y, expected);
        GradientCheck.Report($"Logistic n={Rows} d={Columns}", value);
        GradientCheck.AssertClose("primal", value, LogisticRegression.Loss(_w, _a, _y), 1e-10);
        GradientCheck.AssertClose("generated value", value, LogisticRegression.Gradient(_w, _a, _y, _dw), 1e-10);
        GradientCheck.AssertClose("generated gradient", expected, _dw, 1e-10);
        GradientCheck.AssertClose("TensorPrimitives value", value, _simd.ValueAndGradient(_w, _dw), 1e-10);
        GradientCheck.AssertClose("TensorPrimitives gradient", expected, _dw, 1e-10);
        GradientCheck.AssertClose("TorchSharp value", value, TorchWorkloads.LogisticGradient(_wTorch, _aTorch, _yTorch, _dw), 1e-10);
        GradientCheck.AssertClose("TorchSharp gradient", expected, _dw, 1e-10);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aTorch.Dispose();
        _yTorch.Dispose();
        _wTorch.Dispose();
    }

    [Benchmark(Baseline = true)]
    public double Primal() => LogisticRegression.Loss(_w, _a, _y);

    [Benchmark]
    public double Generated() => LogisticRegression.Gradient(_w, _a, _y, _dw);

    [Benchmark]
    public double HandWritten() => LogisticRegression.HandGradient(_w, _a, _y, _dw);

    [Benchmark]
    public double HandWrittenTensorPrimitives() => _simd.ValueAndGradient(_w, _dw);

    [Benchmark]
    public double TorchSharp() => TorchWorkloads.LogisticGradient(_wTorch, _aTorch, _yTorch, _dw);
}
