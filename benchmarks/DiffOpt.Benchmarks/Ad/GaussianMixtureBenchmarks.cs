using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace DiffOpt.Benchmarks.Ad;

/// <summary>ADBench-style GMM objective gradient with respect to alphas, means and icf.</summary>
[Config(typeof(AdBenchmarkConfig))]
public abstract class GaussianMixtureBenchmarks
{
    private const double WishartGamma = 1.0;
    private const int WishartM = 0;
    private double[] _alphas = null!, _means = null!, _icf = null!, _workspace = null!;
    private double[] _dAlphas = null!, _dMeans = null!, _dIcf = null!;
    private double[,] _x = null!;
    private torch.Tensor _alphasT = null!, _meansT = null!, _icfT = null!, _xT = null!, _indexT = null!;

    /// <summary>Dimension.</summary>
    protected abstract int D { get; }

    /// <summary>Components.</summary>
    protected abstract int K { get; }

    /// <summary>Data points.</summary>
    protected virtual int Points => 10_000;

    /// <summary>
    /// Whether the generated gradient's tape fits: it stores 2 doubles and 1 int (20 bytes) per iteration of the
    /// innermost loop, n·k·d(d−1)/2 iterations (about 10⁹, 20 GB, at d = 64, k = 50, n = 10,000), beyond DiffOpt.Tape's
    /// limit of 2³⁰ values. See docs/benchmarks.md (AD section).
    /// </summary>
    protected virtual bool GeneratedTapeFits => true;

    /// <summary>All parameters (alphas, means, icf) in one vector, for finite differences.</summary>
    protected double[] Parameters { get; private set; } = null!;

    /// <summary>Gradient buffer for finite differences.</summary>
    protected double[] ParameterGradient { get; private set; } = null!;

    /// <summary>The objective of the packed parameter vector.</summary>
    protected double ObjectiveOfPacked(double[] packed)
    {
        int k = K, d = D;
        return GaussianMixture.Objective(
            packed.AsSpan(0, k), packed.AsSpan(k, k * d), packed.AsSpan(k + k * d), _x, WishartGamma, WishartM);
    }

    [GlobalSetup]
    public void Setup()
    {
        TorchWorkloads.Initialise();
        int k = K, d = D, icfSize = d * (d + 1) / 2;
        _alphas = BenchmarkData.Uniform(21, k, -1, 1);
        _means = BenchmarkData.Uniform(22, k * d, -1, 1);
        _icf = BenchmarkData.Uniform(23, k * icfSize, -0.3, 0.3);
        double[] flat = BenchmarkData.Uniform(24, Points * d, -1, 1);
        _x = new double[Points, d];
        Buffer.BlockCopy(flat, 0, _x, 0, flat.Length * sizeof(double));
        _workspace = new double[GaussianMixture.WorkspaceLength(k, d)];
        _dAlphas = new double[k];
        _dMeans = new double[k * d];
        _dIcf = new double[k * icfSize];
        _alphasT = TorchWorkloads.Leaf(_alphas);
        _meansT = TorchWorkloads.Leaf(_means, k, d);
        _icfT = TorchWorkloads.Leaf(_icf, k, icfSize);
        _xT = TorchWorkloads.Constant(flat, Points, d);
        _indexT = TorchWorkloads.GmmFactorIndex(d);
        Parameters = _alphas.Concat(_means).Concat(_icf).ToArray();
        ParameterGradient = new double[Parameters.Length];

        double[] eA = new double[k], eM = new double[k * d], eI = new double[k * icfSize];
        double value = GaussianMixture.HandGradient(_alphas, _means, _icf, _x, WishartGamma, WishartM, eA, eM, eI, _workspace);
        GradientCheck.Report($"GMM d={d} k={k} n={Points}", value);
        double[] expected = eA.Concat(eM).Concat(eI).ToArray();
        GradientCheck.AssertClose("primal", value, Primal(), 1e-10);
        if (GeneratedTapeFits)
        {
            GradientCheck.AssertClose("generated value", value, Generated(), 1e-10);
            GradientCheck.AssertClose("generated gradient", expected, _dAlphas.Concat(_dMeans).Concat(_dIcf).ToArray(), 1e-9);
        }
        GradientCheck.AssertClose("TorchSharp value", value, TorchSharp(), 1e-10);
        GradientCheck.AssertClose("TorchSharp gradient", expected, _dAlphas.Concat(_dMeans).Concat(_dIcf).ToArray(), 1e-9);
        if (Parameters.Length <= 100)
        {
            GradientCheck.CentralDifferences(ObjectiveOfPacked, (double[])Parameters.Clone(), ParameterGradient);
            GradientCheck.AssertClose("finite differences", expected, ParameterGradient, 1e-5);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (torch.Tensor t in new[] { _alphasT, _meansT, _icfT, _xT, _indexT })
        {
            t.Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    public double Primal() => GaussianMixture.Objective(_alphas, _means, _icf, _x, WishartGamma, WishartM);

    [Benchmark]
    public double Generated()
        => !GeneratedTapeFits
            ? throw new InvalidOperationException("the generated gradient's tape does not fit in memory at this size")
            : GaussianMixture.Gradient(_alphas, _means, _icf, _x, WishartGamma, WishartM, _dAlphas, _dMeans, _dIcf);

    [Benchmark]
    public double HandWritten()
        => GaussianMixture.HandGradient(_alphas, _means, _icf, _x, WishartGamma, WishartM, _dAlphas, _dMeans, _dIcf, _workspace);

    [Benchmark]
    public double TorchSharp()
        => TorchWorkloads.GmmGradient(_alphasT, _meansT, _icfT, _xT, _indexT, WishartGamma, WishartM, _dAlphas, _dMeans, _dIcf);
}

/// <summary>d = 2, k = 5 (30 parameters), with central finite differences.</summary>
public class GaussianMixtureD2K5 : GaussianMixtureBenchmarks
{
    private Func<double[], double> _objective = null!;

    protected override int D => 2;

    protected override int K => 5;

    [Benchmark]
    public double FiniteDifferences()
        => GradientCheck.CentralDifferences(_objective ??= ObjectiveOfPacked, Parameters, ParameterGradient);
}

/// <summary>d = 64, k = 50 (107,250 parameters), n = 10,000; the generated gradient does not fit (see GeneratedTapeFits).</summary>
public class GaussianMixtureD64K50 : GaussianMixtureBenchmarks
{
    protected override int D => 64;

    protected override int K => 50;

    protected override bool GeneratedTapeFits => false;
}

/// <summary>d = 64, k = 50 on the first n = 500 points: small enough for the generated gradient's tape (about 1 GB).</summary>
public class GaussianMixtureD64K50N500 : GaussianMixtureBenchmarks
{
    protected override int D => 64;

    protected override int K => 50;

    protected override int Points => 500;
}
