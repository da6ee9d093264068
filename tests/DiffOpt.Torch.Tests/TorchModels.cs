using DiffOpt;
using TorchSharp;
using static TorchSharp.torch;

namespace DiffOpt.TorchTests;

/// <summary>The [Differentiable] functions under test, their TorchSharp forms, and their CPU derivatives (the independent reference path).</summary>
public static partial class TorchModels
{
    // ---- elementwise form ----

    [Differentiable]
    public static double Softplus(double x) => x > 20 ? x : Math.Log(1 + Math.Exp(x));

    [TorchFunction(nameof(Softplus))]
    public static partial Tensor SoftplusTorch(Tensor x);

    [Differentiable]
    public static double Mix(double x, double y)
    {
        double r = Math.Sqrt(x * x + y * y + 1.0);
        double s;
        if (x > y)
        {
            s = Math.Sin(x) * y;
        }
        else
        {
            s = Math.Exp(-y) + Math.Pow(x, 3);
        }

        return s / r + Math.Max(x, 0.5) - Math.Atan2(y, 2.0) + Math.Tanh(x * y);
    }

    [TorchFunction(nameof(Mix))]
    public static partial Tensor MixTorch(Tensor x, Tensor y);

    [Gradient(nameof(Mix))]
    public static partial double MixGradient(double x, double y, out double dx, out double dy);

    /// <summary>Every other primitive of the elementwise table, with an early return.</summary>
    [Differentiable]
    public static double Many(double x, double y)
    {
        if (x < -2.5)
        {
            return Math.Abs(y) * 0.5;
        }

        double a = Math.Abs(x) + Math.Log(1 + x * x) + Math.Clamp(x, -1.0, 1.0) + Math.Min(x, y) + Math.Cosh(x / 3);
        double b = Math.Log10(2 + y * y) + Math.Log2(3 + x * x) + Math.Cbrt(x + 10) + Math.Sinh(y / 4) + Math.Atan(x - y);
        double c = Math.FusedMultiplyAdd(x, y, 1.5) + Math.Log(4 + y * y, 3.0) + Math.Asinh(x) + Math.Floor(y) * x;
        double d = Math.Pow(2.0, y / 3) + Math.Pow(1.5 + x * x, y / 5) + (x >= 0 && y >= 0 ? x * y : -x);
        return a + b + c + d - Math.Tan(x / 4) + Math.Asin(x / 10) - Math.Acos(y / 10) + Math.Acosh(2 + x * x) + Math.Atanh(y / 5) + Math.Sign(y) * x;
    }

    [TorchFunction(nameof(Many))]
    public static partial Tensor ManyTorch(Tensor x, Tensor y);

    [Gradient(nameof(Many))]
    public static partial double ManyGradient(double x, double y, out double dx, out double dy);

    // ---- autograd-function form ----

    [Differentiable]
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            sum += a * a + 100 * b * b;
        }

        return sum;
    }

    [TorchFunction(nameof(Rosenbrock))]
    public static partial Tensor RosenbrockTorch(Tensor x);

    [Gradient(nameof(Rosenbrock))]
    public static partial double RosenbrockGradient(ReadOnlySpan<double> x, Span<double> dx);

    /// <summary>A vector-valued function: softmax of scale·z.</summary>
    [Differentiable]
    public static void Softmax(ReadOnlySpan<double> z, double scale, Span<double> p)
    {
        double max = z[0] * scale;
        for (int i = 1; i < z.Length; i++)
        {
            max = Math.Max(max, z[i] * scale);
        }

        double total = 0;
        for (int i = 0; i < z.Length; i++)
        {
            p[i] = Math.Exp(z[i] * scale - max);
            total += p[i];
        }

        for (int i = 0; i < z.Length; i++)
        {
            p[i] = p[i] / total;
        }
    }

    [TorchFunction(nameof(Softmax))]
    public static partial Tensor SoftmaxTorch(Tensor z, Tensor scale, int pLength);

    /// <summary>An int parameter passes through; a [NonDifferentiable] vector gets no gradient.</summary>
    [Differentiable]
    public static double WeightedPower(ReadOnlySpan<double> w, [NonDifferentiable] ReadOnlySpan<double> c, int power)
    {
        double sum = 0;
        for (int i = 0; i < w.Length; i++)
        {
            sum += c[i] * Math.Pow(w[i], power);
        }

        return sum;
    }

    [TorchFunction(nameof(WeightedPower))]
    public static partial Tensor WeightedPowerTorch(Tensor w, Tensor c, int power);

    /// <summary>A scalar function with a loop (Heron's square root): elementwise lowering cannot take it, the autograd function can.</summary>
    [Differentiable]
    public static double HeronSqrt(double a)
    {
        double x = 1 + a / 2;
        for (int i = 0; i < 8; i++)
        {
            x = 0.5 * (x + a / x);
        }

        return x;
    }

    [TorchFunction(nameof(HeronSqrt), UseAutogradFunction = true)]
    public static partial Tensor HeronSqrtTorch(Tensor a);
}
