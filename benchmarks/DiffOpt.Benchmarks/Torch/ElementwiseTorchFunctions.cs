using DiffOpt;
using TorchSharp;
using static TorchSharp.torch;

namespace DiffOpt.Benchmarks.Torch;

/// <summary>The benchmarked scalar function, its generated TorchSharp form, and the same formula written by hand in tensor ops.</summary>
public static partial class ElementwiseTorchFunctions
{
    /// <summary>A smooth gate with a branch: arithmetic, transcendental functions, a comparison and a max.</summary>
    [Differentiable]
    public static double Gate(double x, double y)
    {
        double r = Math.Sqrt(x * x + y * y + 1.0);
        double s = x > y ? Math.Sin(x) * y : Math.Exp(-y) + x * x * x;
        return s / r + Math.Max(x, 0.5) + Math.Tanh(x * y);
    }

    /// <summary>The generated elementwise lowering of <see cref="Gate"/>.</summary>
    [TorchFunction(nameof(Gate))]
    public static partial Tensor GateTorch(Tensor x, Tensor y);

    /// <summary>The same function as a <c>torch.autograd.Function</c> over the generated primal and pullback (CPU doubles, one item per element).</summary>
    [TorchFunction(nameof(Gate), UseAutogradFunction = true)]
    public static partial Tensor GateFunction(Tensor x, Tensor y);

    /// <summary>The CPU-generated gradient, for the plain C# loop.</summary>
    [Gradient(nameof(Gate))]
    public static partial double GateGradient(double x, double y, out double dx, out double dy);

    /// <summary>The same formula as a TorchSharp user would write it.</summary>
    public static Tensor GateByHand(Tensor x, Tensor y)
    {
        var r = (x * x + y * y + 1.0).sqrt();
        var s = torch.where(x > y, x.sin() * y, (-y).exp() + x * x * x);
        return s / r + torch.where(x >= 0.5, x, torch.tensor(0.5, x.dtype)) + (x * y).tanh();
    }
}
