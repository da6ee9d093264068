using System;
using DiffOpt;
using TorchSharp;
using static TorchSharp.torch;

namespace Snapshots.Torch;

public static partial class Functions
{
    // Elementwise: arithmetic, Math calls, an if/else merged with torch.where, Max with the CPU tie rule, a constant branch.
    [Differentiable]
    public static double Gate(double x, double y)
    {
        double s;
        if (x > 0.5)
        {
            s = Math.Exp(-x) * y;
        }
        else
        {
            s = 2.0;
        }

        return s + Math.Max(x, y) - Math.Pow(y, 2) / 3;
    }

    [TorchFunction(nameof(Gate))]
    public static partial Tensor GateTorch(Tensor x, Tensor y);

    // Autograd function: a span input, a [NonDifferentiable] scalar, an int passed through.
    [Differentiable]
    public static double Norm(ReadOnlySpan<double> w, [NonDifferentiable] double scale, int count)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += w[i] * w[i];
        }

        return scale * Math.Sqrt(sum);
    }

    /// <summary>The documented declaration keeps the user's docs.</summary>
    [TorchFunction(nameof(Norm))]
    public static partial Tensor NormTorch(Tensor w, Tensor scale, int count);

    // Autograd function, vector-valued: the output is given by its length.
    [Differentiable]
    public static void Scale(ReadOnlySpan<double> x, double factor, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = factor * x[i];
        }
    }

    [TorchFunction(nameof(Scale))]
    public static partial Tensor ScaleTorch(Tensor x, Tensor factor, int yLength);
}
