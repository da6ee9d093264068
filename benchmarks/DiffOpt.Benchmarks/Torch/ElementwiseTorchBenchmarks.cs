using BenchmarkDotNet.Attributes;
using DiffOpt.Benchmarks.Ad;
using TorchSharp;
using static TorchSharp.torch;

namespace DiffOpt.Benchmarks.Torch;

/// <summary>
/// Forward + backward of an elementwise function over 10⁶ double elements on the CPU (one libtorch thread): the
/// generated [TorchFunction] lowering against the same expression written by hand in TorchSharp. Both run through
/// TorchSharp's autograd; the comparison measures what the generated code costs over hand-written tensor code.
/// </summary>
[Config(typeof(AdBenchmarkConfig))]
public class ElementwiseTorchBenchmarks
{
    private Tensor x = null!;
    private Tensor y = null!;
    private double[] xs = null!;
    private double[] ys = null!;
    private double[] dxs = null!;
    private double[] dys = null!;

    /// <summary>The number of elements.</summary>
    [Params(1_000_000)]
    public int N { get; set; }

    /// <summary>Builds the inputs and checks that both versions agree on values and gradients (throws otherwise).</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var generator = new Random(20261128);
        xs = new double[N];
        ys = new double[N];
        dxs = new double[N];
        dys = new double[N];
        for (var i = 0; i < N; i++)
        {
            xs[i] = generator.NextDouble() * 4 - 2;
            ys[i] = generator.NextDouble() * 4 - 2;
        }

        x = torch.tensor(xs, ScalarType.Float64).requires_grad_(true);
        y = torch.tensor(ys, ScalarType.Float64).requires_grad_(true);

        using var scope = torch.NewDisposeScope();
        var (lowered, gx1, gy1) = ValueAndGradients(ElementwiseTorchFunctions.GateTorch);
        var (byHand, gx2, gy2) = ValueAndGradients(ElementwiseTorchFunctions.GateByHand);
        var (function, gx3, gy3) = ValueAndGradients(ElementwiseTorchFunctions.GateFunction);
        CpuLoop();
        var cpuDx = torch.tensor(dxs, ScalarType.Float64);
        foreach (var (a, b, what) in new[] { (lowered, byHand, "value"), (gx1, gx2, "dx"), (gy1, gy2, "dy"), (function, byHand, "function value"), (gx3, gx2, "function dx"), (gy3, gy2, "function dy"), (cpuDx, gx2, "CPU dx") })
        {
            var difference = (a - b).abs().max().item<double>();
            if (difference > 1e-12)
            {
                throw new InvalidOperationException($"generated and hand-written {what} differ by {difference}");
            }
        }
    }

    /// <summary>Releases the inputs.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        x.Dispose();
        y.Dispose();
    }

    private (Tensor Value, Tensor Dx, Tensor Dy) ValueAndGradients(Func<Tensor, Tensor, Tensor> f)
    {
        var value = f(x, y);
        var grads = torch.autograd.grad(new[] { value.sum() }, new[] { x, y });
        return (value, grads[0], grads[1]);
    }

    /// <summary>Hand-written TorchSharp: forward, sum, backward.</summary>
    [Benchmark(Baseline = true)]
    public double HandWritten()
    {
        using var scope = torch.NewDisposeScope();
        var (value, dx, _) = ValueAndGradients(ElementwiseTorchFunctions.GateByHand);
        return dx[0].item<double>();
    }

    /// <summary>The autograd-function form (CPU primal and pullback per element): forward, sum, backward.</summary>
    [Benchmark]
    public double AutogradFunction()
    {
        using var scope = torch.NewDisposeScope();
        var (value, dx, _) = ValueAndGradients(ElementwiseTorchFunctions.GateFunction);
        return dx[0].item<double>();
    }

    /// <summary>No TorchSharp: the CPU-generated [Gradient] in a plain loop over the same arrays.</summary>
    [Benchmark]
    public double CpuLoop()
    {
        var sum = 0.0;
        for (var i = 0; i < xs.Length; i++)
        {
            sum += ElementwiseTorchFunctions.GateGradient(xs[i], ys[i], out dxs[i], out dys[i]);
        }

        return sum;
    }

    /// <summary>The generated lowering: forward, sum, backward.</summary>
    [Benchmark]
    public double Generated()
    {
        using var scope = torch.NewDisposeScope();
        var (value, dx, _) = ValueAndGradients(ElementwiseTorchFunctions.GateTorch);
        return dx[0].item<double>();
    }
}
