using System;
using System.Globalization;
using DiffOpt.Solvers.Internal;

namespace DiffOpt.Solvers;

/// <summary>
/// Euclidean projections onto common convex sets, for <see cref="Minimize.ProjectedGradient"/>. Each returned
/// <see cref="Projection"/> works in place and allocates nothing.
/// </summary>
public static class Projections
{
    /// <summary>Projection onto the non-negative orthant {x : xᵢ ≥ 0}: xᵢ ← max(xᵢ, 0).</summary>
    /// <returns>The projection.</returns>
    public static Projection NonNegative() => static x =>
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (!(x[i] >= 0))
            {
                x[i] = 0;
            }
        }
    };

    /// <summary>Projection onto the box {x : lower ≤ xᵢ ≤ upper} with the same bounds for every coordinate.</summary>
    /// <param name="lower">Lower bound (may be −∞).</param>
    /// <param name="upper">Upper bound (may be +∞); must be ≥ <paramref name="lower"/>.</param>
    /// <returns>The projection.</returns>
    /// <exception cref="ArgumentException">A bound is NaN, or <paramref name="lower"/> &gt; <paramref name="upper"/>.</exception>
    public static Projection Box(double lower, double upper)
    {
        if (double.IsNaN(lower))
        {
            throw new ArgumentException("The lower bound must not be NaN.", nameof(lower));
        }

        if (double.IsNaN(upper) || upper < lower)
        {
            throw new ArgumentException("The upper bound must not be NaN and must be at least the lower bound.", nameof(upper));
        }

        return x =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = Math.Clamp(x[i], lower, upper);
            }
        };
    }

    /// <summary>Projection onto the box {x : lowerᵢ ≤ xᵢ ≤ upperᵢ}; the bounds are copied.</summary>
    /// <param name="lower">Lower bounds (entries may be −∞).</param>
    /// <param name="upper">Upper bounds (entries may be +∞), same length as <paramref name="lower"/>.</param>
    /// <returns>The projection; it throws <see cref="ArgumentException"/> (parameter <c>x</c>) when applied to a
    /// vector of another length.</returns>
    /// <exception cref="ArgumentException">The lengths differ, a bound is NaN, or some lowerᵢ &gt; upperᵢ.</exception>
    public static Projection Box(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        if (upper.Length != lower.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {lower.Length} upper bounds (one per lower bound), got {upper.Length}."),
                nameof(upper));
        }

        for (int i = 0; i < lower.Length; i++)
        {
            if (double.IsNaN(lower[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"lower[{i}] is NaN."), nameof(lower));
            }

            if (double.IsNaN(upper[i]) || upper[i] < lower[i])
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"upper[{i}] = {upper[i]} must not be NaN and must be at least lower[{i}] = {lower[i]}."),
                    nameof(upper));
            }
        }

        double[] lo = lower.ToArray();
        double[] hi = upper.ToArray();
        return x =>
        {
            if (x.Length != lo.Length)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The box has {lo.Length} coordinates but the vector has {x.Length}."),
                    nameof(x));
            }

            for (int i = 0; i < x.Length; i++)
            {
                x[i] = Math.Clamp(x[i], lo[i], hi[i]);
            }
        };
    }

    /// <summary>
    /// Projection onto the simplex {x : xᵢ ≥ 0, Σxᵢ = radius}: xᵢ ← max(xᵢ − τ, 0) with τ chosen so the entries sum
    /// to the radius.
    /// </summary>
    /// <param name="radius">The sum of the entries; finite and &gt; 0. Default 1 (probability vectors).</param>
    /// <returns>The projection.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radius"/> is not finite and positive.</exception>
    /// <remarks>
    /// τ is found without sorting or scratch memory by Michelot's iteration (J. Optim. Theory Appl. 50, 1986), which
    /// is Newton's method on the piecewise-linear equation Σ max(xᵢ − τ, 0) = radius started left of the root, and
    /// so reaches the exact τ in finitely many O(n) passes (Condat, Math. Program. 158, 2016).
    /// </remarks>
    public static Projection Simplex(double radius = 1.0)
    {
        Positive(radius, nameof(radius));
        return x =>
        {
            double tau = SimplexThreshold(x, radius, absolute: false);
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = Math.Max(x[i] - tau, 0);
            }
        };
    }

    /// <summary>Projection onto the Euclidean ball {x : ‖x‖₂ ≤ radius}: x ← x · min(1, radius/‖x‖₂).</summary>
    /// <param name="radius">The radius; finite and &gt; 0.</param>
    /// <returns>The projection.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radius"/> is not finite and positive.</exception>
    public static Projection L2Ball(double radius = 1.0)
    {
        Positive(radius, nameof(radius));
        return x =>
        {
            double norm = Vec.Norm(x);
            if (norm > radius)
            {
                Vec.Scale(radius / norm, x);
            }
        };
    }

    /// <summary>
    /// Projection onto the ℓ₁ ball {x : ‖x‖₁ ≤ radius}: unchanged inside; outside, xᵢ ← sign(xᵢ)·max(|xᵢ| − τ, 0)
    /// with τ from the simplex projection of |x| (Duchi et al., ICML 2008).
    /// </summary>
    /// <param name="radius">The radius; finite and &gt; 0.</param>
    /// <returns>The projection.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radius"/> is not finite and positive.</exception>
    public static Projection L1Ball(double radius = 1.0)
    {
        Positive(radius, nameof(radius));
        return x =>
        {
            double norm1 = 0;
            for (int i = 0; i < x.Length; i++)
            {
                norm1 += Math.Abs(x[i]);
            }

            if (norm1 <= radius)
            {
                return;
            }

            double tau = SimplexThreshold(x, radius, absolute: true);
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = Math.CopySign(Math.Max(Math.Abs(x[i]) - tau, 0), x[i]);
            }
        };
    }

    /// <summary>The τ with Σ max(vᵢ − τ, 0) = radius, where vᵢ = xᵢ or |xᵢ|.</summary>
    private static double SimplexThreshold(ReadOnlySpan<double> x, double radius, bool absolute)
    {
        // Start from τ₀ = (Σv − radius)/n, which lies left of the root; each pass is a Newton step on the
        // active set {i : vᵢ > τ}, which only shrinks, so the loop ends after at most n passes.
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += absolute ? Math.Abs(x[i]) : x[i];
        }

        double tau = (sum - radius) / x.Length;
        int active = x.Length;
        while (true)
        {
            double activeSum = 0;
            int activeCount = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double v = absolute ? Math.Abs(x[i]) : x[i];
                if (v > tau)
                {
                    activeSum += v;
                    activeCount++;
                }
            }

            double next = (activeSum - radius) / activeCount;
            if (activeCount == active || !(next > tau))
            {
                return Math.Max(next, tau);
            }

            active = activeCount;
            tau = next;
        }
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be finite and > 0.");
        }
    }
}
