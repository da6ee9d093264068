using System;
using DiffOpt.Solvers.Internal;

namespace DiffOpt.Solvers;

public static partial class Minimize
{
    private const string GradientDescentName = "GradientDescent";

    /// <summary>
    /// Minimises a smooth function by steepest descent with a backtracking (Armijo) line search.
    /// </summary>
    /// <param name="f">The objective and its gradient.</param>
    /// <param name="x0">The starting point (copied; must be finite and non-empty).</param>
    /// <param name="options">Tolerance, iteration limit, <see cref="SolverOptions.ArmijoConstant"/>,
    /// <see cref="SolverOptions.BacktrackingFactor"/>, <see cref="SolverOptions.InitialStepSize"/> and progress;
    /// <see langword="null"/> for the defaults.</param>
    /// <returns>The result; <see cref="OptimizationResult.Residual"/> is ‖∇f‖₂ at the solution.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x0"/> is empty or not finite.</exception>
    /// <remarks>
    /// Each iteration tries the previous accepted step divided by the backtracking factor (so the step can grow
    /// again) and shrinks it until f(x − αg) ≤ f(x) − c₁α‖g‖² (Nocedal &amp; Wright, Algorithm 3.1). The first trial
    /// step is <see cref="SolverOptions.InitialStepSize"/> or min(1, 1/‖g₀‖). Steepest descent converges linearly
    /// at a rate set by the condition number; prefer <see cref="Lbfgs"/> unless the simplicity matters.
    /// </remarks>
    public static OptimizationResult GradientDescent(ValueAndGradient f, ReadOnlySpan<double> x0, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.StartingPoint(x0, nameof(x0));
        SolverOptions o = Guard.Options(options);

        int n = x0.Length;
        double[] x = x0.ToArray();
        double[] g = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];

        int evaluations = 1;
        double fx = f(x, g);
        if (!double.IsFinite(fx) || !Vec.AllFinite(g))
        {
            return Results.Create(GradientDescentName, x, fx, double.NaN, double.NaN, 0, evaluations, 0, OptimizationStatus.NonFiniteValue, "At the starting point.");
        }

        double gnorm = Vec.Norm(g);
        double gnorm0 = gnorm, fOld = double.NaN, threshold;
        double beta = o.BacktrackingFactor;
        double step = (o.InitialStepSize ?? Math.Min(1.0, 1.0 / gnorm)) * beta; // divided by beta before the first trial
        o.Progress?.Report(new SolverProgress(GradientDescentName, 0, fx, gnorm, 0, evaluations));

        for (int k = 0; ; k++)
        {
            threshold = Convergence.Threshold(o.Tolerance, gnorm0, fx);
            if (gnorm <= threshold)
            {
                return Results.Create(GradientDescentName, x, fx, gnorm, threshold, k, evaluations, 0, OptimizationStatus.Converged);
            }

            if (k > 0 && Convergence.SmallValueChange(o, fOld, fx))
            {
                return Results.Create(GradientDescentName, x, fx, gnorm, threshold, k, evaluations, 0, OptimizationStatus.SmallValueChange);
            }

            if (k >= o.MaxIterations)
            {
                return Results.Create(GradientDescentName, x, fx, gnorm, threshold, k, evaluations, 0, OptimizationStatus.MaxIterationsReached);
            }

            // Backtracking from a step one factor larger than the last accepted one.
            step = Math.Min(step / beta, 1e20);
            double decrease = o.ArmijoConstant * gnorm * gnorm;
            double roundOff = 1e-14 * Math.Abs(fx);
            bool accepted = false, sawFinite = false;
            double fNew = fx;
            for (int t = 0; t < o.MaxLineSearchSteps; t++, step *= beta)
            {
                Vec.AddScaled(x, -step, g, xNew);
                fNew = f(xNew, gNew);
                evaluations++;
                bool finite = double.IsFinite(fNew) && Vec.AllFinite(gNew);
                sawFinite |= finite;
                // Near the optimum the decrease is lost in round-off: then also accept a step that satisfies the
                // approximate Wolfe conditions of Hager & Zhang (SIAM J. Optim. 16, 2005),
                // c₂φ'(0) ≤ φ'(α) ≤ (2c₁ − 1)φ'(0) with φ'(α) = −∇f(x − αg)ᵀg; the lower bound needs real progress
                // along the line, so a gradient that does not match f is still caught.
                if (finite && (fNew <= fx - step * decrease
                    || (fNew <= fx + roundOff && ApproximateWolfe(Vec.Dot(gNew, g), gnorm * gnorm, o))))
                {
                    accepted = true;
                    break;
                }
            }

            if (!accepted)
            {
                OptimizationStatus status = sawFinite ? OptimizationStatus.LineSearchFailed : OptimizationStatus.NonFiniteValue;
                return Results.Create(GradientDescentName, x, fx, gnorm, threshold, k, evaluations, 0, status);
            }

            fOld = fx;
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            fx = fNew;
            gnorm = Vec.Norm(g);
            o.Progress?.Report(new SolverProgress(GradientDescentName, k + 1, fx, gnorm, step, evaluations));
        }
    }

    /// <summary>Hager–Zhang's approximate Wolfe test along d = −g, given gᵀ∇f(trial) and ‖g‖².</summary>
    private static bool ApproximateWolfe(double gDotTrialGradient, double gg, SolverOptions o)
    {
        double slope = -gDotTrialGradient; // φ'(α)
        return slope >= -o.CurvatureConstant * gg && slope <= (1 - 2 * o.ArmijoConstant) * gg;
    }
}
