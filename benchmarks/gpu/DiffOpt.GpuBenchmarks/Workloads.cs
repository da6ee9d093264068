using DiffOpt;

namespace DiffOpt.GpuBenchmarks;

/// <summary>The benchmarked functions, each with kernels and the CPU gradient the generator makes from the same IR.</summary>
public static partial class Workloads
{
    [Differentiable]
    public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    [Gradient(nameof(Rosenbrock))]
    public static partial double RosenbrockGradient(double x, double y, out double dx, out double dy);

    [Kernel(nameof(Rosenbrock))]
    public static partial class RosenbrockKernels;

    [Differentiable]
    public static float RosenbrockSingle(float x, float y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    [Gradient(nameof(RosenbrockSingle))]
    public static partial float RosenbrockSingleGradient(float x, float y, out float dx, out float dy);

    [Kernel(nameof(RosenbrockSingle))]
    public static partial class RosenbrockSingleKernels;

    /// <summary>Logistic loss of one example (features x, label y = ±1) in the weights w.</summary>
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

    [Kernel(nameof(LogisticLoss), Shared = new[] { "w" })]
    public static partial class LogisticLossKernels;

    /// <summary>Himmelblau's function (samples/GpuBatch): four minima with f = 0.</summary>
    [Differentiable]
    public static double Himmelblau(double x, double y) => (x * x + y - 11) * (x * x + y - 11) + (x + y * y - 7) * (x + y * y - 7);

    [Kernel(nameof(Himmelblau))]
    public static partial class HimmelblauKernels;
}
