using System;

namespace DiffOpt.Solvers.Internal;

/// <summary>First step of the first-order methods.</summary>
internal static class StepSize
{
    /// <summary>
    /// 1/L where L is the curvature of f along −g measured by a secant: L ≈ ‖∇f(x − δ·g) − ∇f(x)‖ / ‖δ·g‖.
    /// One extra evaluation; falls back to min(1, 1/‖g‖) when the secant is not usable.
    /// </summary>
    /// <param name="f">The smooth objective.</param>
    /// <param name="x">The current point.</param>
    /// <param name="g">The gradient at <paramref name="x"/>.</param>
    /// <param name="xTrial">Scratch, length n.</param>
    /// <param name="gTrial">Scratch, length n.</param>
    /// <param name="evaluations">Incremented by the evaluation made.</param>
    public static double Secant(ValueAndGradient f, ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> xTrial, Span<double> gTrial, ref int evaluations)
    {
        double gnorm = Vec.Norm(g);
        double fallback = Math.Min(1.0, 1.0 / gnorm);
        if (!(gnorm > 0) || !double.IsFinite(gnorm))
        {
            return 1.0;
        }

        // A small step relative to the scale of x keeps the secant local without drowning it in round-off.
        double delta = 1e-4 * Math.Max(1.0, Vec.Norm(x)) / gnorm;
        Vec.AddScaled(x, -delta, g, xTrial);
        double value = f(xTrial, gTrial);
        evaluations++;
        if (!double.IsFinite(value) || !Vec.AllFinite(gTrial))
        {
            return fallback;
        }

        double curvature = Vec.Distance(gTrial, g) / (delta * gnorm);
        return curvature > 0 && double.IsFinite(curvature) ? 1.0 / curvature : fallback;
    }
}
