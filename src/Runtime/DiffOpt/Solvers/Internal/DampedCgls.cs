using System;

namespace DiffOpt.Solvers.Internal;

/// <summary>
/// Matrix-free conjugate gradients on the (damped) normal equations, in the CGLS form that never forms JᵀJ:
/// solves min ‖J·h + r‖₂² + μ‖h‖₂², i.e. (JᵀJ + μI)·h = −Jᵀr, with one J·v and one Jᵀ·u product per iteration.
/// </summary>
/// <remarks>
/// Hestenes &amp; Stiefel (1952); the damped form as in Björck, <i>Numerical Methods for Least Squares Problems</i>
/// (1996), §7.4. Used by Gauss–Newton (μ = 0) and Levenberg–Marquardt.
/// </remarks>
internal static class DampedCgls
{
    /// <param name="jvp">J(x)·v.</param>
    /// <param name="vjp">J(x)ᵀ·u.</param>
    /// <param name="x">The linearisation point.</param>
    /// <param name="r">The residual r(x) (length m).</param>
    /// <param name="gradient">Jᵀr at x (length n), already computed by the caller.</param>
    /// <param name="damping">μ ≥ 0.</param>
    /// <param name="relativeTolerance">Stop when ‖(JᵀJ + μI)h + Jᵀr‖ ≤ this · ‖Jᵀr‖.</param>
    /// <param name="maxIterations">Most iterations.</param>
    /// <param name="h">Receives the step (length n).</param>
    /// <param name="s">Scratch (length n): the normal-equation residual.</param>
    /// <param name="p">Scratch (length n): the search direction.</param>
    /// <param name="q">Scratch (length m): J·p.</param>
    /// <param name="rho">Receives −r − J·h (length m), the residual of the linear least-squares problem.</param>
    /// <param name="iterations">Iterations used.</param>
    /// <returns><see langword="false"/> when a product was not finite.</returns>
    public static bool Solve(
        JacobianVectorProduct jvp,
        VectorJacobianProduct vjp,
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> r,
        ReadOnlySpan<double> gradient,
        double damping,
        double relativeTolerance,
        int maxIterations,
        Span<double> h,
        Span<double> s,
        Span<double> p,
        Span<double> q,
        Span<double> rho,
        out int iterations)
    {
        h.Clear();
        Vec.Negate(r, rho);
        Vec.Negate(gradient, s);
        s.CopyTo(p);
        double gamma = Vec.Dot(s, s);
        double target = relativeTolerance * Math.Sqrt(gamma);
        for (iterations = 0; iterations < maxIterations && gamma > 0; iterations++)
        {
            jvp(x, p, q);
            double delta = Vec.Dot(q, q) + damping * Vec.Dot(p, p);
            if (!double.IsFinite(delta))
            {
                return false;
            }

            if (delta <= 0)
            {
                break;
            }

            double alpha = gamma / delta;
            Vec.Axpy(alpha, p, h);
            Vec.Axpy(-alpha, q, rho);

            // s ← Jᵀρ − μh
            vjp(x, rho, s);
            if (damping != 0)
            {
                Vec.Axpy(-damping, h, s);
            }

            double gammaNew = Vec.Dot(s, s);
            if (!double.IsFinite(gammaNew))
            {
                return false;
            }

            if (Math.Sqrt(gammaNew) <= target)
            {
                iterations++;
                break;
            }

            // p ← s + β·p
            Vec.Scale(gammaNew / gamma, p);
            Vec.Axpy(1.0, s, p);
            gamma = gammaNew;
        }

        return true;
    }
}
