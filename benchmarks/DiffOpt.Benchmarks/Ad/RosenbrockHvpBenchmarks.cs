using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace DiffOpt.Benchmarks.Ad;

/// <summary>
/// Rosenbrock Hessian-vector products: the generated [Hvp] (forward over reverse), a hand-written one, TorchSharp's
/// double backward, and a central difference of the generated gradient along v (two gradient calls); the primal and
/// the generated gradient give the scale.
/// </summary>
[Config(typeof(AdBenchmarkConfig))]
public class RosenbrockHvpBenchmarks
{
    private double[] _x = null!, _v = null!, _hv = null!, _xp = null!, _xm = null!, _gp = null!, _gm = null!;
    private torch.Tensor _xTorch = null!, _vTorch = null!;

    [Params(10, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchWorkloads.Initialise();
        _x = BenchmarkData.Uniform(11, N, -1.5, 1.5);
        _v = BenchmarkData.Uniform(12, N, -1, 1);
        _hv = new double[N];
        _xp = new double[N];
        _xm = new double[N];
        _gp = new double[N];
        _gm = new double[N];
        _xTorch = TorchWorkloads.Leaf(_x);
        _vTorch = TorchWorkloads.Constant(_v);
        double[] expected = new double[N];
        Rosenbrock.HandHvp(_x, _v, expected);
        Rosenbrock.Hvp(_x, _v, _hv);
        GradientCheck.AssertClose("generated HVP", expected, _hv, 1e-12);
        TorchWorkloads.RosenbrockHvp(_xTorch, _vTorch, _hv);
        GradientCheck.AssertClose("TorchSharp HVP", expected, _hv, 1e-10);
        DifferenceOfGradients();
        GradientCheck.AssertClose("difference of gradients", expected, _hv, 1e-4);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _xTorch.Dispose();
        _vTorch.Dispose();
    }

    [Benchmark(Baseline = true)]
    public double Primal() => Rosenbrock.Value(_x);

    [Benchmark]
    public double GeneratedGradient() => Rosenbrock.Gradient(_x, _gp);

    [Benchmark]
    public void GeneratedHvp() => Rosenbrock.Hvp(_x, _v, _hv);

    [Benchmark]
    public void HandWrittenHvp() => Rosenbrock.HandHvp(_x, _v, _hv);

    [Benchmark]
    public void TorchSharpHvp() => TorchWorkloads.RosenbrockHvp(_xTorch, _vTorch, _hv);

    /// <summary>(∇f(x + εv) − ∇f(x − εv)) / 2ε with the generated gradient.</summary>
    [Benchmark]
    public void DifferenceOfGradients()
    {
        const double eps = 1e-6;
        for (int i = 0; i < _x.Length; i++)
        {
            _xp[i] = _x[i] + eps * _v[i];
            _xm[i] = _x[i] - eps * _v[i];
        }
        Rosenbrock.Gradient(_xp, _gp);
        Rosenbrock.Gradient(_xm, _gm);
        for (int i = 0; i < _x.Length; i++)
        {
            _hv[i] = (_gp[i] - _gm[i]) / (2 * eps);
        }
    }
}
