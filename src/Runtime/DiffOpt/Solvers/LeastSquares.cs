using System;
using System.Globalization;
using DiffOpt.Solvers.Internal;

namespace DiffOpt.Solvers;

/// <summary>
/// Solvers for nonlinear least squares, min over x of F(x) = ½‖r(x)‖₂² with r: ℝⁿ → ℝᵐ, that use the Jacobian only
/// through products J·v and Jᵀ·u (forward and reverse mode).
/// </summary>
/// <remarks>
/// The optimality measure is ‖J(x)ᵀr(x)‖₂ = ‖∇F(x)‖₂; <see cref="OptimizationResult.Value"/> is F(x). The linear
/// subproblems are solved by matrix-free CGLS (conjugate gradients on the normal equations without forming JᵀJ),
/// at most <see cref="SolverOptions.MaxInnerIterations"/> iterations each; <see cref="OptimizationResult.InnerIterations"/>
/// counts them. <see cref="OptimizationResult.FunctionEvaluations"/> counts residual evaluations.
/// </remarks>
public static class LeastSquares
{
    private const string GaussNewtonName = "Gauss-Newton";
    private const string LevenbergMarquardtName = "Levenberg-Marquardt";

    /// <summary>
    /// Gauss–Newton with a backtracking (Armijo) line search: each step solves min ‖J·p + r‖₂ and moves along p.
    /// </summary>
    /// <param name="residual">The residual function r.</param>
    /// <param name="jacobianVectorProduct">J(x)·v.</param>
    /// <param name="vectorJacobianProduct">J(x)ᵀ·u.</param>
    /// <param name="residualCount">m, the length of r(x); ≥ 1.</param>
    /// <param name="x0">The starting point (copied; must be finite and non-empty).</param>
    /// <param name="options">Tolerance, iteration limit, inner-iteration limit, <see cref="SolverOptions.ArmijoConstant"/>,
    /// <see cref="SolverOptions.BacktrackingFactor"/> and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">A function is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x0"/> is empty or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="residualCount"/> is less than 1.</exception>
    /// <remarks>
    /// Damped Gauss–Newton (Nocedal &amp; Wright, <i>Numerical Optimization</i>, §10.3) with an inexact inner solve
    /// whose relative tolerance min(0.1, √(‖Jᵀr‖/‖Jᵀr₀‖)) tightens as the run converges. Fast on problems with small
    /// residuals and a well-conditioned Jacobian; prefer <see cref="LevenbergMarquardt"/> when J may be rank-deficient.
    /// </remarks>
    public static OptimizationResult GaussNewton(
        ResidualFunction residual,
        JacobianVectorProduct jacobianVectorProduct,
        VectorJacobianProduct vectorJacobianProduct,
        int residualCount,
        ReadOnlySpan<double> x0,
        SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(residual);
        ArgumentNullException.ThrowIfNull(jacobianVectorProduct);
        ArgumentNullException.ThrowIfNull(vectorJacobianProduct);
        ArgumentOutOfRangeException.ThrowIfLessThan(residualCount, 1);
        Guard.StartingPoint(x0, nameof(x0));
        SolverOptions o = Guard.Options(options);

        var w = new Workspace(x0, residualCount);
        int evaluations = 1, inner = 0;
        residual(w.X, w.R);
        if (!Vec.AllFinite(w.R))
        {
            return Results.Create(GaussNewtonName, w.X, double.NaN, double.NaN, double.NaN, 0, evaluations, 0, OptimizationStatus.NonFiniteValue, "At the starting point.");
        }

        double value = 0.5 * Vec.Dot(w.R, w.R);
        vectorJacobianProduct(w.X, w.R, w.G);
        if (!Vec.AllFinite(w.G))
        {
            return Results.Create(GaussNewtonName, w.X, value, double.NaN, double.NaN, 0, evaluations, 0, OptimizationStatus.NonFiniteValue, "Jᵀr at the starting point.");
        }

        double gnorm = Vec.Norm(w.G), gnorm0 = Math.Max(1.0, gnorm);
        double threshold;
        int maxInner = Guard.InnerIterations(o, w.X.Length);
        o.Progress?.Report(new SolverProgress(GaussNewtonName, 0, value, gnorm, 0, evaluations));

        for (int k = 0; ; k++)
        {
            threshold = Convergence.Threshold(o.Tolerance, gnorm0, value);
            if (gnorm <= threshold)
            {
                return Results.Create(GaussNewtonName, w.X, value, gnorm, threshold, k, evaluations, inner, OptimizationStatus.Converged);
            }

            if (k >= o.MaxIterations)
            {
                return Results.Create(GaussNewtonName, w.X, value, gnorm, threshold, k, evaluations, inner, OptimizationStatus.MaxIterationsReached);
            }

            double forcing = Math.Min(0.1, Math.Sqrt(gnorm / gnorm0));
            bool finite = DampedCgls.Solve(jacobianVectorProduct, vectorJacobianProduct, w.X, w.R, w.G, 0, forcing, maxInner, w.Step, w.S, w.P, w.Q, w.Rho, out int cgIterations);
            inner += cgIterations;
            if (!finite)
            {
                return Results.Create(GaussNewtonName, w.X, value, gnorm, threshold, k, evaluations, inner, OptimizationStatus.NonFiniteValue, "A Jacobian product was not finite.");
            }

            double slope = Vec.Dot(w.G, w.Step);
            if (!(slope < 0))
            {
                return Results.Create(GaussNewtonName, w.X, value, gnorm, threshold, k, evaluations, inner, OptimizationStatus.NotDescentDirection);
            }

            double step = 1.0, newValue = double.NaN;
            bool accepted = false, sawFinite = false;
            double roundOff = 1e-14 * value;
            for (int t = 0; t < o.MaxLineSearchSteps; t++, step *= o.BacktrackingFactor)
            {
                Vec.AddScaled(w.X, step, w.Step, w.XNew);
                residual(w.XNew, w.RNew);
                evaluations++;
                newValue = 0.5 * Vec.Dot(w.RNew, w.RNew);
                bool ok = double.IsFinite(newValue);
                sawFinite |= ok;
                if (ok && newValue <= value + o.ArmijoConstant * step * slope + roundOff)
                {
                    accepted = true;
                    break;
                }
            }

            if (!accepted)
            {
                OptimizationStatus status = sawFinite ? OptimizationStatus.LineSearchFailed : OptimizationStatus.NonFiniteValue;
                return Results.Create(GaussNewtonName, w.X, value, gnorm, threshold, k, evaluations, inner, status);
            }

            double oldValue = value;
            w.Accept();
            value = newValue;
            vectorJacobianProduct(w.X, w.R, w.G);
            if (!Vec.AllFinite(w.G))
            {
                return Results.Create(GaussNewtonName, w.X, value, double.NaN, threshold, k + 1, evaluations, inner, OptimizationStatus.NonFiniteValue, "Jᵀr was not finite.");
            }

            gnorm = Vec.Norm(w.G);
            o.Progress?.Report(new SolverProgress(GaussNewtonName, k + 1, value, gnorm, step, evaluations));
            if (gnorm > Convergence.Threshold(o.Tolerance, gnorm0, value) && Convergence.SmallValueChange(o, oldValue, value))
            {
                return Results.Create(GaussNewtonName, w.X, value, gnorm, threshold, k + 1, evaluations, inner, OptimizationStatus.SmallValueChange);
            }
        }
    }

    /// <summary>
    /// Levenberg–Marquardt: each step solves (JᵀJ + μI)·h = −Jᵀr and adapts the damping μ from the ratio of actual
    /// to predicted reduction.
    /// </summary>
    /// <param name="residual">The residual function r.</param>
    /// <param name="jacobianVectorProduct">J(x)·v.</param>
    /// <param name="vectorJacobianProduct">J(x)ᵀ·u.</param>
    /// <param name="residualCount">m, the length of r(x); ≥ 1.</param>
    /// <param name="x0">The starting point (copied; must be finite and non-empty).</param>
    /// <param name="options">Tolerance, iteration limit (every trial step counts as an iteration), inner-iteration
    /// limit and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">A function is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x0"/> is empty or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="residualCount"/> is less than 1.</exception>
    /// <remarks>
    /// The damping strategy of Nielsen (1999), as given in Madsen, Nielsen &amp; Tingleff, <i>Methods for
    /// Non-Linear Least Squares Problems</i> (2004), Algorithm 3.16: on a step with gain ratio ρ &gt; 0 the step is
    /// taken and μ ← μ·max(⅓, 1 − (2ρ − 1)³), ν ← 2; otherwise μ ← μ·ν, ν ← 2ν. The initial μ is 10⁻³ times the
    /// curvature of JᵀJ along Jᵀr (a Rayleigh quotient, since diag(JᵀJ) is not available matrix-free). The
    /// predicted reduction is computed from the Gauss–Newton model at the inexact step, so it stays exact when the
    /// inner solve stops early. A run whose damping exceeds 10³⁰ ends with
    /// <see cref="OptimizationStatus.DampingLimitReached"/>.
    /// </remarks>
    public static OptimizationResult LevenbergMarquardt(
        ResidualFunction residual,
        JacobianVectorProduct jacobianVectorProduct,
        VectorJacobianProduct vectorJacobianProduct,
        int residualCount,
        ReadOnlySpan<double> x0,
        SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(residual);
        ArgumentNullException.ThrowIfNull(jacobianVectorProduct);
        ArgumentNullException.ThrowIfNull(vectorJacobianProduct);
        ArgumentOutOfRangeException.ThrowIfLessThan(residualCount, 1);
        Guard.StartingPoint(x0, nameof(x0));
        SolverOptions o = Guard.Options(options);

        var w = new Workspace(x0, residualCount);
        int evaluations = 1, inner = 0;
        residual(w.X, w.R);
        if (!Vec.AllFinite(w.R))
        {
            return Results.Create(LevenbergMarquardtName, w.X, double.NaN, double.NaN, double.NaN, 0, evaluations, 0, OptimizationStatus.NonFiniteValue, "At the starting point.");
        }

        double value = 0.5 * Vec.Dot(w.R, w.R);
        vectorJacobianProduct(w.X, w.R, w.G);
        if (!Vec.AllFinite(w.G))
        {
            return Results.Create(LevenbergMarquardtName, w.X, value, double.NaN, double.NaN, 0, evaluations, 0, OptimizationStatus.NonFiniteValue, "Jᵀr at the starting point.");
        }

        double gnorm = Vec.Norm(w.G), gnorm0 = Math.Max(1.0, gnorm);
        double threshold;
        int maxInner = Guard.InnerIterations(o, w.X.Length);
        o.Progress?.Report(new SolverProgress(LevenbergMarquardtName, 0, value, gnorm, 0, evaluations));

        double mu = double.NaN, nu = 2;
        if (gnorm > 0)
        {
            jacobianVectorProduct(w.X, w.G, w.Q);
            double curvature = Vec.Dot(w.Q, w.Q) / (gnorm * gnorm);
            mu = 1e-3 * (curvature > 0 && double.IsFinite(curvature) ? curvature : 1.0);
        }

        for (int k = 0; ; k++)
        {
            threshold = Convergence.Threshold(o.Tolerance, gnorm0, value);
            if (gnorm <= threshold)
            {
                return Results.Create(LevenbergMarquardtName, w.X, value, gnorm, threshold, k, evaluations, inner, OptimizationStatus.Converged);
            }

            if (k >= o.MaxIterations)
            {
                return Results.Create(LevenbergMarquardtName, w.X, value, gnorm, threshold, k, evaluations, inner, OptimizationStatus.MaxIterationsReached);
            }

            if (!(mu <= 1e30))
            {
                return Results.Create(LevenbergMarquardtName, w.X, value, gnorm, threshold, k, evaluations, inner, OptimizationStatus.DampingLimitReached,
                    string.Create(CultureInfo.InvariantCulture, $"Damping μ = {mu:E3}."));
            }

            double forcing = Math.Min(0.1, Math.Sqrt(gnorm / gnorm0));
            bool finite = DampedCgls.Solve(jacobianVectorProduct, vectorJacobianProduct, w.X, w.R, w.G, mu, forcing, maxInner, w.Step, w.S, w.P, w.Q, w.Rho, out int cgIterations);
            inner += cgIterations;
            if (!finite)
            {
                return Results.Create(LevenbergMarquardtName, w.X, value, gnorm, threshold, k, evaluations, inner, OptimizationStatus.NonFiniteValue, "A Jacobian product was not finite.");
            }

            // Predicted reduction of the Gauss–Newton model: L(0) − L(h) = −gᵀh − ½‖Jh‖², with J·h = −r − ρ.
            double jhSquared = Vec.Dot(w.R, w.R) + 2 * Vec.Dot(w.R, w.Rho) + Vec.Dot(w.Rho, w.Rho);
            double predicted = -Vec.Dot(w.G, w.Step) - 0.5 * jhSquared;

            Vec.Add(w.X, w.Step, w.XNew);
            residual(w.XNew, w.RNew);
            evaluations++;
            double newValue = 0.5 * Vec.Dot(w.RNew, w.RNew);
            double gain = (value - newValue) / predicted;
            if (double.IsFinite(newValue) && predicted > 0 && gain > 0)
            {
                double oldValue = value;
                w.Accept();
                value = newValue;
                vectorJacobianProduct(w.X, w.R, w.G);
                if (!Vec.AllFinite(w.G))
                {
                    return Results.Create(LevenbergMarquardtName, w.X, value, double.NaN, threshold, k + 1, evaluations, inner, OptimizationStatus.NonFiniteValue, "Jᵀr was not finite.");
                }

                gnorm = Vec.Norm(w.G);
                double c = 2 * gain - 1;
                mu *= Math.Max(1.0 / 3.0, 1 - c * c * c);
                nu = 2;
                o.Progress?.Report(new SolverProgress(LevenbergMarquardtName, k + 1, value, gnorm, 1, evaluations));
                if (gnorm > Convergence.Threshold(o.Tolerance, gnorm0, value) && Convergence.SmallValueChange(o, oldValue, value))
                {
                    return Results.Create(LevenbergMarquardtName, w.X, value, gnorm, threshold, k + 1, evaluations, inner, OptimizationStatus.SmallValueChange);
                }
            }
            else
            {
                mu *= nu;
                nu *= 2;
                o.Progress?.Report(new SolverProgress(LevenbergMarquardtName, k + 1, value, gnorm, 0, evaluations));
            }
        }
    }

    /// <summary>The buffers of one least-squares run, allocated once.</summary>
    private sealed class Workspace
    {
        public Workspace(ReadOnlySpan<double> x0, int m)
        {
            int n = x0.Length;
            X = x0.ToArray();
            XNew = new double[n];
            G = new double[n];
            Step = new double[n];
            S = new double[n];
            P = new double[n];
            R = new double[m];
            RNew = new double[m];
            Q = new double[m];
            Rho = new double[m];
        }

        public double[] X { get; private set; }

        public double[] XNew { get; private set; }

        public double[] R { get; private set; }

        public double[] RNew { get; private set; }

        public double[] G { get; }

        public double[] Step { get; }

        public double[] S { get; }

        public double[] P { get; }

        public double[] Q { get; }

        public double[] Rho { get; }

        /// <summary>Makes the trial point (XNew, RNew) current.</summary>
        public void Accept()
        {
            (X, XNew) = (XNew, X);
            (R, RNew) = (RNew, R);
        }
    }
}
