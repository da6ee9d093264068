using System;
using DiffOpt.Solvers.Internal;

namespace DiffOpt.Solvers;

public static partial class Minimize
{
    private const string ProjectedGradientName = "ProjectedGradient";

    /// <summary>
    /// Minimises a smooth function over a closed convex set C by projected gradient steps
    /// x⁺ = P(x − t∇f(x)) with spectral (Barzilai–Borwein) step sizes and backtracking.
    /// </summary>
    /// <param name="f">The objective and its gradient (evaluated only at points of C).</param>
    /// <param name="projection">The Euclidean projection onto C, e.g. from <see cref="Projections"/>.</param>
    /// <param name="x0">The starting point (copied and projected onto C first; must be finite and non-empty).</param>
    /// <param name="options">Tolerance, iteration limit, <see cref="SolverOptions.BacktrackingFactor"/>,
    /// <see cref="SolverOptions.InitialStepSize"/> and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The result; <see cref="OptimizationResult.Residual"/> is the projected-gradient norm
    /// ‖x − P(x − ∇f(x))‖₂, which is zero exactly at the constrained minimisers of a convex f.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="projection"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x0"/> is empty or not finite.</exception>
    /// <remarks>
    /// A trial step t is accepted when f(x⁺) ≤ f(x) + ∇f(x)ᵀ(x⁺ − x) + ‖x⁺ − x‖²/(2t), the sufficient-decrease test
    /// of Beck &amp; Teboulle (SIAM J. Imaging Sci. 2, 2009), so the method is monotone. The next trial step is the
    /// Barzilai–Borwein step sᵀs/sᵀy (IMA J. Numer. Anal. 8, 1988), as in the spectral projected gradient method
    /// of Birgin, Martínez &amp; Raydan (SIAM J. Optim. 10, 2000).
    /// </remarks>
    public static OptimizationResult ProjectedGradient(ValueAndGradient f, Projection projection, ReadOnlySpan<double> x0, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(projection);
        Guard.StartingPoint(x0, nameof(x0));
        SolverOptions o = Guard.Options(options);

        int n = x0.Length;
        double[] x = x0.ToArray();
        double[] g = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] work = new double[n];
        projection(x);

        int evaluations = 1;
        double fx = f(x, g);
        if (!double.IsFinite(fx) || !Vec.AllFinite(g))
        {
            return Results.Create(ProjectedGradientName, x, fx, double.NaN, double.NaN, 0, evaluations, 0, OptimizationStatus.NonFiniteValue, "At the (projected) starting point.");
        }

        double measure = ProjectedGradientNorm(x, g, projection, work);
        double measure0 = measure, fOld = double.NaN, threshold;
        double beta = o.BacktrackingFactor;
        double step = o.InitialStepSize ?? StepSize.Secant(f, x, g, xNew, gNew, ref evaluations);
        o.Progress?.Report(new SolverProgress(ProjectedGradientName, 0, fx, measure, 0, evaluations));

        for (int k = 0; ; k++)
        {
            threshold = Convergence.Threshold(o.Tolerance, measure0, fx);
            if (measure <= threshold)
            {
                return Results.Create(ProjectedGradientName, x, fx, measure, threshold, k, evaluations, 0, OptimizationStatus.Converged);
            }

            if (k > 0 && Convergence.SmallValueChange(o, fOld, fx))
            {
                return Results.Create(ProjectedGradientName, x, fx, measure, threshold, k, evaluations, 0, OptimizationStatus.SmallValueChange);
            }

            if (k >= o.MaxIterations)
            {
                return Results.Create(ProjectedGradientName, x, fx, measure, threshold, k, evaluations, 0, OptimizationStatus.MaxIterationsReached);
            }

            bool accepted = false, sawFinite = false;
            double fNew = fx;
            double roundOff = 1e-14 * Math.Abs(fx);
            for (int t = 0; t < o.MaxLineSearchSteps; t++, step *= beta)
            {
                Vec.AddScaled(x, -step, g, xNew);
                projection(xNew);
                fNew = f(xNew, gNew);
                evaluations++;
                bool finite = double.IsFinite(fNew) && Vec.AllFinite(gNew);
                sawFinite |= finite;
                if (finite && QuadraticUpperBoundHolds(fNew, fx, x, xNew, g, step, work, roundOff))
                {
                    accepted = true;
                    break;
                }
            }

            if (!accepted)
            {
                OptimizationStatus status = sawFinite ? OptimizationStatus.LineSearchFailed : OptimizationStatus.NonFiniteValue;
                return Results.Create(ProjectedGradientName, x, fx, measure, threshold, k, evaluations, 0, status);
            }

            double acceptedStep = step;

            // Barzilai–Borwein step for the next iteration from s = x⁺ − x, y = g⁺ − g.
            Vec.Subtract(xNew, x, work);
            double ss = Vec.Dot(work, work);
            Vec.Subtract(gNew, g, work);
            double sy = 0;
            for (int i = 0; i < n; i++)
            {
                sy += (xNew[i] - x[i]) * work[i];
            }

            step = sy > 0 && ss > 0 ? Math.Clamp(ss / sy, 1e-30, 1e30) : Math.Min(step / beta, 1e30);

            fOld = fx;
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            fx = fNew;
            measure = ProjectedGradientNorm(x, g, projection, work);
            o.Progress?.Report(new SolverProgress(ProjectedGradientName, k + 1, fx, measure, acceptedStep, evaluations));
        }
    }

    /// <summary>‖x − P(x − g)‖₂, using <paramref name="work"/> as scratch.</summary>
    private static double ProjectedGradientNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> g, Projection projection, Span<double> work)
    {
        Vec.Subtract(x, g, work);
        projection(work);
        return Vec.Distance(x, work);
    }

    /// <summary>f(x⁺) ≤ f(y) + ∇f(y)ᵀ(x⁺ − y) + ‖x⁺ − y‖²/(2t), with a round-off allowance.</summary>
    private static bool QuadraticUpperBoundHolds(
        double fNew, double fy, ReadOnlySpan<double> y, ReadOnlySpan<double> xNew, ReadOnlySpan<double> gy, double step, Span<double> work, double roundOff)
    {
        Vec.Subtract(xNew, y, work);
        double model = fy + Vec.Dot(gy, work) + Vec.Dot(work, work) / (2 * step);
        return fNew <= model + roundOff;
    }
}
