using System;
using DiffOpt;

namespace Snapshot;

public static partial class Functions
{
    [Differentiable]
    public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    [Kernel(nameof(Rosenbrock))]
    public static partial class RosenbrockKernels;

    [Differentiable]
    public static float LogisticLoss(ReadOnlySpan<float> w, ReadOnlySpan<float> x, float y)
    {
        float z = 0;
        for (var i = 0; i < w.Length; i++)
        {
            z += w[i] * x[i];
        }

        return MathF.Log(1 + MathF.Exp(-y * z));
    }

    [Kernel(nameof(LogisticLoss), Shared = new[] { "w" })]
    public static partial class LogisticLossKernels;
}
