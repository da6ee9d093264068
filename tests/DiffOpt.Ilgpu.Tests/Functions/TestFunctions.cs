using DiffOpt;

namespace DiffOpt.Ilgpu.Tests.Functions;

/// <summary>
/// The functions the kernel tests run, each with [Kernel] kernels and CPU [Gradient]/[Jvp] declarations made by the
/// same generator from the same IR: the CPU code is the reference the kernels are compared with.
/// </summary>
public static partial class TestFunctions
{
    // Rosenbrock in two variables: straight-line arithmetic.
    [Differentiable]
    public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    [Gradient(nameof(Rosenbrock))]
    public static partial double RosenbrockGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Rosenbrock))]
    public static partial double RosenbrockJvp(double x, double y, double dx, double dy, out double dResult);

    [Kernel(nameof(Rosenbrock))]
    public static partial class RosenbrockKernels;

    // Branches and the Math functions that have a kernel form.
    [Differentiable]
    public static double Mixed(double a, double b, [NonDifferentiable] double c, int n)
    {
        var s = Math.Sin(a) * Math.Exp(-b * b) + Math.Sqrt(1 + a * a);
        if (s > c)
        {
            s = Math.Max(s, Math.Abs(b)) + Math.Pow(1.5 + Math.Cos(b), 2.5);
        }
        else
        {
            s = Math.Clamp(s * b, -1, 1) + Math.Tanh(a) + Math.Log(2 + b * b);
        }

        return s * n + Math.Atan2(a, 1 + b * b);
    }

    [Gradient(nameof(Mixed))]
    public static partial double MixedGradient(double a, double b, double c, int n, out double da, out double db);

    [Jvp(nameof(Mixed))]
    public static partial double MixedJvp(double a, double b, double c, int n, double da, double db, out double dResult);

    [Kernel(nameof(Mixed))]
    public static partial class MixedKernels;

    // A span per item with a loop (no tape: the counter is recomputed, loads are repeated).
    [Differentiable]
    public static double ChainedRosenbrock(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var t = x[i + 1] - x[i] * x[i];
            var u = 1 - x[i];
            sum += 100 * t * t + u * u;
        }

        return sum;
    }

    [Gradient(nameof(ChainedRosenbrock))]
    public static partial double ChainedRosenbrockGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(ChainedRosenbrock))]
    public static partial double ChainedRosenbrockJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    [Kernel(nameof(ChainedRosenbrock))]
    public static partial class ChainedRosenbrockKernels;

    // Logistic loss of one example (features x, label y in {-1, 1}) in the weights w: the map-reduce shape.
    [Differentiable]
    public static double LogisticLoss(ReadOnlySpan<double> w, ReadOnlySpan<double> x, double y)
    {
        double z = 0;
        for (var i = 0; i < w.Length; i++)
        {
            z += w[i] * x[i];
        }

        return Math.Log(1 + Math.Exp(-y * z));
    }

    [Gradient(nameof(LogisticLoss))]
    public static partial double LogisticLossGradient(ReadOnlySpan<double> w, ReadOnlySpan<double> x, double y, Span<double> dw);

    [Jvp(nameof(LogisticLoss))]
    public static partial double LogisticLossJvp(ReadOnlySpan<double> w, ReadOnlySpan<double> x, double y, ReadOnlySpan<double> dw, out double dResult);

    [Kernel(nameof(LogisticLoss), Shared = new[] { "w" })]
    public static partial class LogisticLossKernels;

    // A shared scalar next to a shared span, and a constant-size local array (ILGPU local memory).
    [Differentiable]
    public static double Scaled(ReadOnlySpan<double> w, double scale, double x)
    {
        var powers = new double[3];
        powers[0] = 1;
        powers[1] = x;
        powers[2] = x * x;
        var p = w[0] * powers[0] + w[1] * powers[1] + w[2] * powers[2];
        return scale * p * p;
    }

    [Gradient(nameof(Scaled))]
    public static partial double ScaledGradient(ReadOnlySpan<double> w, double scale, double x, Span<double> dw, out double dScale);

    [Jvp(nameof(Scaled))]
    public static partial double ScaledJvp(ReadOnlySpan<double> w, double scale, double x, ReadOnlySpan<double> dw, double dScale, out double dResult);

    [Kernel(nameof(Scaled), Shared = new[] { "w", "scale" })]
    public static partial class ScaledKernels;

    // float: computed in double inside, rounded where values leave (like the CPU code).
    [Differentiable]
    public static float RosenbrockSingle(float x, float y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    [Gradient(nameof(RosenbrockSingle))]
    public static partial float RosenbrockSingleGradient(float x, float y, out float dx, out float dy);

    [Jvp(nameof(RosenbrockSingle))]
    public static partial float RosenbrockSingleJvp(float x, float y, float dx, float dy, out float dResult);

    [Kernel(nameof(RosenbrockSingle))]
    public static partial class RosenbrockSingleKernels;

    [Differentiable]
    public static float LogisticLossSingle(ReadOnlySpan<float> w, ReadOnlySpan<float> x, float y)
    {
        float z = 0;
        for (var i = 0; i < w.Length; i++)
        {
            z += w[i] * x[i];
        }

        return MathF.Log(1 + MathF.Exp(-y * z));
    }

    [Gradient(nameof(LogisticLossSingle))]
    public static partial float LogisticLossSingleGradient(ReadOnlySpan<float> w, ReadOnlySpan<float> x, float y, Span<float> dw);

    [Kernel(nameof(LogisticLossSingle), Shared = new[] { "w" })]
    public static partial class LogisticLossSingleKernels;
}
