using System;
using DiffOpt.Solvers.Internal;

namespace DiffOpt.Solvers;

public static partial class Minimize
{
    private const string NewtonCgName = "Newton-CG";

    /// <summary>
    /// Minimises a smooth function with the line-search Newton-CG method (truncated Newton): each step solves
    /// ∇²f·d = −∇f approximately by conjugate gradients using Hessian–vector products only.
    /// </summary>
    /// <param name="f">The objective and its gradient.</param>
    /// <param name="hessianVectorProduct">∇²f(x)·v, for example a generated <c>[Hvp]</c> method.</param>
    /// <param name="x0">The starting point (copied; must be finite and non-empty).</param>
    /// <param name="options">Tolerance, iteration limit, <see cref="SolverOptions.MaxInnerIterations"/>,
    /// line-search constants and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The result; <see cref="OptimizationResult.Residual"/> is ‖∇f‖₂ and
    /// <see cref="OptimizationResult.InnerIterations"/> counts the Hessian–vector products.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="hessianVectorProduct"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x0"/> is empty or not finite.</exception>
    /// <remarks>
    /// Nocedal &amp; Wright, <i>Numerical Optimization</i> (2nd ed.), Algorithm 7.1: the inner CG stops when
    /// ‖∇²f·d + ∇f‖ ≤ min(0.5, √‖∇f‖)·‖∇f‖ (superlinear convergence) or at the first direction of non-positive
    /// curvature, returning the iterate so far (or −∇f on the first inner step), which is always a descent
    /// direction; then a strong Wolfe line search starting at α = 1.
    /// </remarks>
    public static OptimizationResult NewtonCg(ValueAndGradient f, HessianVectorProduct hessianVectorProduct, ReadOnlySpan<double> x0, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(hessianVectorProduct);
        Guard.StartingPoint(x0, nameof(x0));
        SolverOptions o = Guard.Options(options);

        int n = x0.Length;
        double[] x = x0.ToArray();
        double[] g = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] d = new double[n];
        double[] r = new double[n];
        double[] p = new double[n];
        double[] hp = new double[n];
        int maxInner = Guard.InnerIterations(o, n);
        int inner = 0;

        int evaluations = 1;
        double fx = f(x, g);
        if (!double.IsFinite(fx) || !Vec.AllFinite(g))
        {
            return Results.Create(NewtonCgName, x, fx, double.NaN, double.NaN, 0, evaluations, 0, OptimizationStatus.NonFiniteValue, "At the starting point.");
        }

        double gnorm = Vec.Norm(g);
        double gnorm0 = gnorm, fOld = double.NaN, threshold;
        o.Progress?.Report(new SolverProgress(NewtonCgName, 0, fx, gnorm, 0, evaluations));

        for (int k = 0; ; k++)
        {
            threshold = Convergence.Threshold(o.Tolerance, gnorm0, fx);
            if (gnorm <= threshold)
            {
                return Results.Create(NewtonCgName, x, fx, gnorm, threshold, k, evaluations, inner, OptimizationStatus.Converged);
            }

            if (k > 0 && Convergence.SmallValueChange(o, fOld, fx))
            {
                return Results.Create(NewtonCgName, x, fx, gnorm, threshold, k, evaluations, inner, OptimizationStatus.SmallValueChange);
            }

            if (k >= o.MaxIterations)
            {
                return Results.Create(NewtonCgName, x, fx, gnorm, threshold, k, evaluations, inner, OptimizationStatus.MaxIterationsReached);
            }

            double forcing = Math.Min(0.5, Math.Sqrt(gnorm)) * gnorm;
            TruncatedConjugateGradient.Outcome cg = TruncatedConjugateGradient.Solve(
                hessianVectorProduct, x, g, forcing, maxInner, d, r, p, hp, out int cgIterations);
            inner += cgIterations;
            if (cg == TruncatedConjugateGradient.Outcome.NonFinite)
            {
                return Results.Create(NewtonCgName, x, fx, gnorm, threshold, k, evaluations, inner, OptimizationStatus.NonFiniteValue, "The Hessian-vector product was not finite.");
            }

            double slope = Vec.Dot(g, d);
            if (!(slope < 0))
            {
                Vec.Negate(g, d);
                slope = -gnorm * gnorm;
                if (!(slope < 0))
                {
                    return Results.Create(NewtonCgName, x, fx, gnorm, threshold, k, evaluations, inner, OptimizationStatus.NotDescentDirection);
                }
            }

            LineSearchOutcome outcome = StrongWolfeLineSearch.Search(f, x, d, fx, slope, 1.0, xNew, gNew, o, ref evaluations, out double step, out double fNew);
            if (outcome == LineSearchOutcome.Failed && cg == TruncatedConjugateGradient.Outcome.Solved)
            {
                // A poor Newton direction (e.g. from an inaccurate Hessian): retry along steepest descent.
                Vec.Negate(g, d);
                outcome = StrongWolfeLineSearch.Search(f, x, d, fx, -gnorm * gnorm, Math.Min(1.0, 1.0 / gnorm), xNew, gNew, o, ref evaluations, out step, out fNew);
            }

            if (outcome == LineSearchOutcome.NonFinite)
            {
                return Results.Create(NewtonCgName, x, fx, gnorm, threshold, k, evaluations, inner, OptimizationStatus.NonFiniteValue, "Every line-search trial was non-finite.");
            }

            if (outcome == LineSearchOutcome.Failed)
            {
                return Results.Create(NewtonCgName, x, fx, gnorm, threshold, k, evaluations, inner, OptimizationStatus.LineSearchFailed);
            }

            if (!Vec.AllFinite(gNew))
            {
                return Results.Create(NewtonCgName, x, fx, gnorm, threshold, k, evaluations, inner, OptimizationStatus.NonFiniteValue, "The gradient at the accepted step was not finite.");
            }

            fOld = fx;
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            fx = fNew;
            gnorm = Vec.Norm(g);
            o.Progress?.Report(new SolverProgress(NewtonCgName, k + 1, fx, gnorm, step, evaluations));
        }
    }
}
