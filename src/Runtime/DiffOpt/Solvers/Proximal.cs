using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Proximal operators of common non-smooth regularisers, for <see cref="Minimize.ProximalGradient"/>. Each returned
/// <see cref="ProximalOperator"/> works in place, allocates nothing and returns the regulariser's value at the
/// result.
/// </summary>
public static class Proximal
{
    /// <summary>
    /// g(x) = strength·‖x‖₁ (lasso). Its prox is soft-thresholding: xᵢ ← sign(xᵢ)·max(|xᵢ| − t·strength, 0).
    /// </summary>
    /// <param name="strength">λ ≥ 0, finite.</param>
    /// <returns>The proximal operator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="strength"/> is negative or not finite.</exception>
    public static ProximalOperator L1(double strength)
    {
        NonNegativeFinite(strength, nameof(strength));
        return (x, t) =>
        {
            double threshold = t * strength, norm1 = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double v = Math.Max(Math.Abs(x[i]) - threshold, 0);
                x[i] = Math.CopySign(v, x[i]);
                norm1 += v;
            }

            return strength * norm1;
        };
    }

    /// <summary>
    /// g(x) = l1·‖x‖₁ + (l2/2)·‖x‖₂² (elastic net). Its prox soft-thresholds by t·l1 and then shrinks by 1/(1 + t·l2).
    /// </summary>
    /// <param name="l1">ℓ₁ strength ≥ 0, finite.</param>
    /// <param name="l2">ℓ₂ strength ≥ 0, finite (note the ½ in g).</param>
    /// <returns>The proximal operator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A strength is negative or not finite.</exception>
    public static ProximalOperator ElasticNet(double l1, double l2)
    {
        NonNegativeFinite(l1, nameof(l1));
        NonNegativeFinite(l2, nameof(l2));
        return (x, t) =>
        {
            double threshold = t * l1, shrink = 1.0 / (1.0 + t * l2), norm1 = 0, norm2 = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double v = Math.Max(Math.Abs(x[i]) - threshold, 0) * shrink;
                x[i] = Math.CopySign(v, x[i]);
                norm1 += v;
                norm2 += v * v;
            }

            return l1 * norm1 + 0.5 * l2 * norm2;
        };
    }

    /// <summary>
    /// g(x) = strength·Σxᵢ for x ≥ 0 and +∞ otherwise (non-negative lasso). Its prox is xᵢ ← max(xᵢ − t·strength, 0).
    /// </summary>
    /// <param name="strength">λ ≥ 0, finite; 0 gives the projection onto x ≥ 0.</param>
    /// <returns>The proximal operator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="strength"/> is negative or not finite.</exception>
    public static ProximalOperator NonNegativeL1(double strength)
    {
        NonNegativeFinite(strength, nameof(strength));
        return (x, t) =>
        {
            double threshold = t * strength, sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double v = Math.Max(x[i] - threshold, 0);
                x[i] = v;
                sum += v;
            }

            return strength * sum;
        };
    }

    /// <summary>
    /// The indicator function of a convex set (0 inside, +∞ outside), whose prox is the projection: proximal gradient
    /// with it is projected gradient with FISTA acceleration.
    /// </summary>
    /// <param name="projection">The projection onto the set.</param>
    /// <returns>The proximal operator (returns 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="projection"/> is null.</exception>
    public static ProximalOperator Indicator(Projection projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return (x, _) =>
        {
            projection(x);
            return 0;
        };
    }

    /// <summary>g = 0: proximal gradient reduces to accelerated gradient descent.</summary>
    /// <returns>The identity operator (returns 0).</returns>
    public static ProximalOperator Zero() => static (_, _) => 0;

    private static void NonNegativeFinite(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be finite and >= 0.");
        }
    }
}
