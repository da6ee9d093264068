// [ImplicitDiff] on hand-written solvers: a named root condition and a fixed-point map, and a [Vjp] declaration on a solver.
using System;
using DiffOpt;

namespace Snapshots.ImplicitDiffCondition;

public static partial class Scalar
{
    /// <summary>F(x, a) = x³ + x − a: one real root for every a.</summary>
    [Differentiable]
    public static void Cubic(ReadOnlySpan<double> x, double a, Span<double> residual)
    {
        for (int j = 0; j < x.Length; j++)
        {
            residual[j] = x[j] * x[j] * x[j] + x[j] - a;
        }
    }

    /// <summary>T(x, a) = x − (x³ + x − a) / (3x² + 1), Newton's step.</summary>
    [Differentiable]
    public static void NewtonStep(ReadOnlySpan<double> x, double a, Span<double> next)
    {
        for (int j = 0; j < x.Length; j++)
        {
            next[j] = x[j] - (x[j] * x[j] * x[j] + x[j] - a) / (3 * x[j] * x[j] + 1);
        }
    }

    [ImplicitDiff(nameof(Cubic))]
    public static double[] Root(ReadOnlySpan<double> x0, double a)
    {
        var x = x0.ToArray();
        for (int k = 0; k < 50; k++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                x[j] -= (x[j] * x[j] * x[j] + x[j] - a) / (3 * x[j] * x[j] + 1);
            }
        }

        return x;
    }

    [ImplicitDiff(FixedPoint = nameof(NewtonStep), LinearSolver = LinearSolver.DenseLu)]
    public static double[] Iterate(double[] x0, double a) => Root(x0, a);

    [Vjp(nameof(Root))]
    public static partial void RootVjp(ReadOnlySpan<double> x0, double a, out double dA, ReadOnlySpan<double> dx);
}
