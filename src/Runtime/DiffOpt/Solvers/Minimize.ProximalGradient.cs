using System;
using DiffOpt.Solvers.Internal;

namespace DiffOpt.Solvers;

public static partial class Minimize
{
    private const string ProximalGradientName = "ProximalGradient";

    /// <summary>
    /// Minimises a composite objective f(x) + g(x), f smooth and g convex with a cheap proximal operator, by the
    /// accelerated proximal gradient method (FISTA) with backtracking and adaptive restart.
    /// </summary>
    /// <param name="smooth">The smooth part f and its gradient.</param>
    /// <param name="prox">The proximal operator of g, e.g. from <see cref="Proximal"/>.</param>
    /// <param name="x0">The starting point (copied; must be finite and non-empty).</param>
    /// <param name="options">Tolerance, iteration limit, <see cref="SolverOptions.BacktrackingFactor"/>,
    /// <see cref="SolverOptions.InitialStepSize"/> and progress; <see langword="null"/> for the defaults.
    /// <see cref="SolverOptions.ValueTolerance"/> is ignored (FISTA is not monotone).</param>
    /// <returns>The result; <see cref="OptimizationResult.Value"/> is f + g and
    /// <see cref="OptimizationResult.Residual"/> the norm of the gradient mapping ‖y − prox(y − t∇f(y))‖₂/t at the
    /// last extrapolated point y, which is zero exactly at the minimisers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="smooth"/> or <paramref name="prox"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x0"/> is empty or not finite.</exception>
    /// <remarks>
    /// FISTA with backtracking: Beck &amp; Teboulle, "A Fast Iterative Shrinkage-Thresholding Algorithm for Linear
    /// Inverse Problems", SIAM J. Imaging Sci. 2 (2009). The step t only shrinks, starting from
    /// <see cref="SolverOptions.InitialStepSize"/> or a secant estimate of 1/L. Momentum is reset whenever it points
    /// uphill, (y − x⁺)ᵀ(x⁺ − x) &gt; 0 — the gradient restart of O'Donoghue &amp; Candès, "Adaptive Restart for
    /// Accelerated Gradient Schemes", Found. Comput. Math. 15 (2015) — which restores linear convergence on
    /// strongly convex problems.
    /// </remarks>
    public static OptimizationResult ProximalGradient(ValueAndGradient smooth, ProximalOperator prox, ReadOnlySpan<double> x0, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(smooth);
        ArgumentNullException.ThrowIfNull(prox);
        Guard.StartingPoint(x0, nameof(x0));
        SolverOptions o = Guard.Options(options);

        int n = x0.Length;
        double[] x = x0.ToArray();     // last accepted iterate x_k
        double[] y = x0.ToArray();     // extrapolated point
        double[] gy = new double[n];   // ∇f(y)
        double[] xNew = new double[n];
        double[] gNew = new double[n]; // ∇f(x⁺), reused as ∇f(y) after a restart
        double[] work = new double[n];

        int evaluations = 1;
        double fy = smooth(y, gy);
        if (!double.IsFinite(fy) || !Vec.AllFinite(gy))
        {
            return Results.Create(ProximalGradientName, x, fy, double.NaN, double.NaN, 0, evaluations, 0, OptimizationStatus.NonFiniteValue, "At the starting point.");
        }

        double step = o.InitialStepSize ?? StepSize.Secant(smooth, y, gy, xNew, gNew, ref evaluations);
        double beta = o.BacktrackingFactor;
        double momentum = 1.0;
        double threshold = double.NaN, measure = double.NaN, measure0 = double.NaN, value = double.NaN;
        bool haveValue = false;

        for (int k = 0; ; k++)
        {
            if (k >= o.MaxIterations)
            {
                if (!haveValue)
                {
                    // Nothing ran: report f + g at the starting point, g from a zero-length prox step on a copy.
                    x.CopyTo(work);
                    value = fy + prox(work, 0);
                }

                return Results.Create(ProximalGradientName, x, value, measure, threshold, k, evaluations, 0, OptimizationStatus.MaxIterationsReached);
            }

            bool accepted = false, sawFinite = false;
            double fNew = double.NaN, gValue = double.NaN;
            double roundOff = 1e-14 * Math.Abs(fy);
            for (int t = 0; t < o.MaxLineSearchSteps; t++, step *= beta)
            {
                Vec.AddScaled(y, -step, gy, xNew);
                gValue = prox(xNew, step);
                fNew = smooth(xNew, gNew);
                evaluations++;
                bool finite = double.IsFinite(fNew) && Vec.AllFinite(gNew) && double.IsFinite(gValue);
                sawFinite |= finite;
                if (finite && QuadraticUpperBoundHolds(fNew, fy, y, xNew, gy, step, work, roundOff))
                {
                    accepted = true;
                    break;
                }
            }

            if (!accepted)
            {
                OptimizationStatus status = sawFinite ? OptimizationStatus.LineSearchFailed : OptimizationStatus.NonFiniteValue;
                return Results.Create(ProximalGradientName, x, haveValue ? value : fy, measure, threshold, k, evaluations, 0, status);
            }

            // work = x⁺ − y from the bound test: the gradient mapping is (y − x⁺)/t.
            measure = Vec.Norm(work) / step;
            if (k == 0)
            {
                measure0 = measure;
            }

            value = fNew + gValue;
            threshold = Convergence.Threshold(o.Tolerance, measure0, value);
            haveValue = true;
            o.Progress?.Report(new SolverProgress(ProximalGradientName, k + 1, value, measure, step, evaluations));
            if (measure <= threshold)
            {
                return Results.Create(ProximalGradientName, xNew, value, measure, threshold, k + 1, evaluations, 0, OptimizationStatus.Converged);
            }

            // Restart test (y − x⁺)ᵀ(x⁺ − x) > 0, with work = x⁺ − y.
            double uphill = 0;
            for (int i = 0; i < n; i++)
            {
                uphill -= work[i] * (xNew[i] - x[i]);
            }

            if (uphill > 0 || k == 0)
            {
                // Restart: y = x⁺, whose value and gradient are already known.
                momentum = 1.0;
                xNew.CopyTo(y);
                (gy, gNew) = (gNew, gy);
                fy = fNew;
                (x, xNew) = (xNew, x);
                continue;
            }

            double momentumNew = 0.5 * (1 + Math.Sqrt(1 + 4 * momentum * momentum));
            double weight = (momentum - 1) / momentumNew;
            momentum = momentumNew;

            // y = x⁺ + weight·(x⁺ − x)
            for (int i = 0; i < n; i++)
            {
                y[i] = xNew[i] + weight * (xNew[i] - x[i]);
            }

            (x, xNew) = (xNew, x);
            if (weight == 0)
            {
                (gy, gNew) = (gNew, gy);
                fy = fNew;
                continue;
            }

            fy = smooth(y, gy);
            evaluations++;
            if (!double.IsFinite(fy) || !Vec.AllFinite(gy))
            {
                return Results.Create(ProximalGradientName, x, value, measure, threshold, k + 1, evaluations, 0, OptimizationStatus.NonFiniteValue, "At an extrapolated point.");
            }
        }
    }
}
