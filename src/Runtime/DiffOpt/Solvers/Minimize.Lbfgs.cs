using System;
using DiffOpt.Solvers.Internal;

namespace DiffOpt.Solvers;

public static partial class Minimize
{
    private const string LbfgsName = "L-BFGS";

    /// <summary>
    /// Minimises a smooth function with limited-memory BFGS and a strong Wolfe line search.
    /// </summary>
    /// <param name="f">The objective and its gradient.</param>
    /// <param name="x0">The starting point (copied; must be finite and non-empty).</param>
    /// <param name="options">Tolerance, iteration limit, <see cref="SolverOptions.HistorySize"/>, line-search
    /// constants and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The result; <see cref="OptimizationResult.Residual"/> is ‖∇f‖₂ at the solution.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x0"/> is empty or not finite, or the options are inconsistent.</exception>
    /// <remarks>
    /// The two-loop recursion of Nocedal &amp; Wright, <i>Numerical Optimization</i> (2nd ed.), Algorithm 7.4, with the
    /// initial scaling γ = sᵀy / yᵀy (their eq. 7.20). Pairs with sᵀy ≤ ε·yᵀy are skipped, which keeps the
    /// inverse-Hessian approximation positive definite. If the line search fails, the memory is cleared and one
    /// steepest-descent step is tried before giving up.
    /// </remarks>
    public static OptimizationResult Lbfgs(ValueAndGradient f, ReadOnlySpan<double> x0, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.StartingPoint(x0, nameof(x0));
        SolverOptions o = Guard.Options(options);

        int n = x0.Length;
        int m = o.HistorySize;
        double[] x = x0.ToArray();
        double[] g = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] d = new double[n];
        double[] s = new double[m * n];
        double[] y = new double[m * n];
        double[] rho = new double[m];
        double[] alpha = new double[m];
        int count = 0, newest = -1;

        int evaluations = 1;
        double fx = f(x, g);
        if (!double.IsFinite(fx) || !Vec.AllFinite(g))
        {
            return Results.Create(LbfgsName, x, fx, double.NaN, double.NaN, 0, evaluations, 0, OptimizationStatus.NonFiniteValue, "At the starting point.");
        }

        double gnorm = Vec.Norm(g);
        double gnorm0 = gnorm, fOld = double.NaN, threshold;
        o.Progress?.Report(new SolverProgress(LbfgsName, 0, fx, gnorm, 0, evaluations));

        for (int k = 0; ; k++)
        {
            threshold = Convergence.Threshold(o.Tolerance, gnorm0, fx);
            if (gnorm <= threshold)
            {
                return Results.Create(LbfgsName, x, fx, gnorm, threshold, k, evaluations, 0, OptimizationStatus.Converged);
            }

            if (k > 0 && Convergence.SmallValueChange(o, fOld, fx))
            {
                return Results.Create(LbfgsName, x, fx, gnorm, threshold, k, evaluations, 0, OptimizationStatus.SmallValueChange);
            }

            if (k >= o.MaxIterations)
            {
                return Results.Create(LbfgsName, x, fx, gnorm, threshold, k, evaluations, 0, OptimizationStatus.MaxIterationsReached);
            }

            LineSearchOutcome outcome;
            double step, fNew;
            while (true)
            {
                TwoLoopDirection(g, s, y, rho, alpha, count, newest, m, n, d);
                double slope = Vec.Dot(g, d);
                double initialStep = 1.0;
                if (!(slope < 0))
                {
                    // Round-off can spoil the product of the memory; steepest descent is always a descent direction.
                    count = 0;
                    Vec.Negate(g, d);
                    slope = -gnorm * gnorm;
                    if (!(slope < 0))
                    {
                        return Results.Create(LbfgsName, x, fx, gnorm, threshold, k, evaluations, 0, OptimizationStatus.NotDescentDirection);
                    }
                }

                if (count == 0)
                {
                    initialStep = Math.Min(1.0, 1.0 / gnorm);
                }

                outcome = StrongWolfeLineSearch.Search(f, x, d, fx, slope, initialStep, xNew, gNew, o, ref evaluations, out step, out fNew);
                if (outcome is LineSearchOutcome.Accepted or LineSearchOutcome.SufficientDecreaseOnly || count == 0)
                {
                    break;
                }

                count = 0;
            }

            if (outcome == LineSearchOutcome.NonFinite)
            {
                return Results.Create(LbfgsName, x, fx, gnorm, threshold, k, evaluations, 0, OptimizationStatus.NonFiniteValue, "Every line-search trial was non-finite.");
            }

            if (outcome == LineSearchOutcome.Failed)
            {
                return Results.Create(LbfgsName, x, fx, gnorm, threshold, k, evaluations, 0, OptimizationStatus.LineSearchFailed);
            }

            if (!Vec.AllFinite(gNew))
            {
                return Results.Create(LbfgsName, x, fx, gnorm, threshold, k, evaluations, 0, OptimizationStatus.NonFiniteValue, "The gradient at the accepted step was not finite.");
            }

            // Store the correction pair s = x⁺ − x, y = g⁺ − g in the next ring slot, unless its curvature is too small.
            int slot = (newest + 1) % m;
            Span<double> sSlot = s.AsSpan(slot * n, n);
            Span<double> ySlot = y.AsSpan(slot * n, n);
            Vec.Subtract(xNew, x, sSlot);
            Vec.Subtract(gNew, g, ySlot);
            double sy = Vec.Dot(sSlot, ySlot);
            double yy = Vec.Dot(ySlot, ySlot);
            if (sy > 2.2e-16 * yy && sy > 0)
            {
                rho[slot] = 1.0 / sy;
                newest = slot;
                count = Math.Min(count + 1, m);
            }
            else if (count == m)
            {
                // The skipped pair overwrote the oldest one.
                count--;
            }

            fOld = fx;
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            fx = fNew;
            gnorm = Vec.Norm(g);
            o.Progress?.Report(new SolverProgress(LbfgsName, k + 1, fx, gnorm, step, evaluations));
        }
    }

    /// <summary>d ← −H·g with H the L-BFGS inverse-Hessian approximation built from the stored pairs.</summary>
    private static void TwoLoopDirection(
        ReadOnlySpan<double> g,
        ReadOnlySpan<double> s,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> rho,
        Span<double> alpha,
        int count,
        int newest,
        int m,
        int n,
        Span<double> d)
    {
        g.CopyTo(d);
        if (count == 0)
        {
            Vec.Negate(d, d);
            return;
        }

        for (int i = 0, slot = newest; i < count; i++, slot = (slot - 1 + m) % m)
        {
            double a = rho[slot] * Vec.Dot(s.Slice(slot * n, n), d);
            alpha[slot] = a;
            Vec.Axpy(-a, y.Slice(slot * n, n), d);
        }

        ReadOnlySpan<double> sNewest = s.Slice(newest * n, n);
        ReadOnlySpan<double> yNewest = y.Slice(newest * n, n);
        Vec.Scale(Vec.Dot(sNewest, yNewest) / Vec.Dot(yNewest, yNewest), d);

        int oldest = (newest - count + 1 + m) % m;
        for (int i = 0, slot = oldest; i < count; i++, slot = (slot + 1) % m)
        {
            double b = rho[slot] * Vec.Dot(y.Slice(slot * n, n), d);
            Vec.Axpy(alpha[slot] - b, s.Slice(slot * n, n), d);
        }

        Vec.Negate(d, d);
    }
}
