using System;

namespace DiffOpt.Solvers.Internal;

/// <summary>
/// The inner solve of Newton-CG: approximately solves ∇²f(x)·d = −∇f(x) by conjugate gradients, stopping early at
/// the forcing tolerance or at the first direction of non-positive curvature.
/// </summary>
/// <remarks>Nocedal &amp; Wright, <i>Numerical Optimization</i> (2nd ed.), Algorithm 7.1.</remarks>
internal static class TruncatedConjugateGradient
{
    public enum Outcome
    {
        /// <summary>The residual met the tolerance (or the iteration limit was reached).</summary>
        Solved,

        /// <summary>Non-positive curvature was met; the direction is the last iterate, or −g on the first step.</summary>
        NegativeCurvature,

        /// <summary>The Hessian–vector product was not finite.</summary>
        NonFinite,
    }

    /// <param name="hvp">The Hessian–vector product.</param>
    /// <param name="x">The point.</param>
    /// <param name="g">The gradient at <paramref name="x"/>.</param>
    /// <param name="tolerance">Absolute tolerance on ‖∇²f·d + g‖.</param>
    /// <param name="maxIterations">Most CG iterations.</param>
    /// <param name="direction">Receives the search direction.</param>
    /// <param name="r">Scratch: the residual.</param>
    /// <param name="p">Scratch: the CG direction.</param>
    /// <param name="hp">Scratch: ∇²f·p.</param>
    /// <param name="iterations">CG iterations used.</param>
    public static Outcome Solve(
        HessianVectorProduct hvp,
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> g,
        double tolerance,
        int maxIterations,
        Span<double> direction,
        Span<double> r,
        Span<double> p,
        Span<double> hp,
        out int iterations)
    {
        direction.Clear();
        g.CopyTo(r);
        Vec.Negate(g, p);
        double rr = Vec.Dot(r, r);
        for (iterations = 0; iterations < maxIterations; iterations++)
        {
            hvp(x, p, hp);
            double curvature = Vec.Dot(p, hp);
            if (!double.IsFinite(curvature))
            {
                return Outcome.NonFinite;
            }

            if (curvature <= 0)
            {
                if (iterations == 0)
                {
                    Vec.Negate(g, direction);
                }

                iterations++;
                return Outcome.NegativeCurvature;
            }

            double alpha = rr / curvature;
            Vec.Axpy(alpha, p, direction);
            Vec.Axpy(alpha, hp, r);
            double rrNew = Vec.Dot(r, r);
            if (Math.Sqrt(rrNew) <= tolerance)
            {
                iterations++;
                return Outcome.Solved;
            }

            // p ← −r + β·p
            Vec.Scale(rrNew / rr, p);
            Vec.Subtract(p, r, p);
            rr = rrNew;
        }

        return Outcome.Solved;
    }
}
