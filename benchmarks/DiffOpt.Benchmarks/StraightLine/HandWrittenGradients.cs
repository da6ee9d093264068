namespace DiffOpt.Benchmarks.StraightLine;

/// <summary>
/// Gradients of <see cref="StraightLineFunctions"/> derived and written by hand, as a careful programmer would:
/// shared subexpressions computed once, no allocation. The baselines of the benchmarks.
/// </summary>
public static class HandWrittenGradients
{
    /// <summary>
    /// Value and gradient of <see cref="StraightLineFunctions.Scalar"/>:
    /// ∂/∂a = b·cos(ab) + exp(−c²)·2a/(1 + a²), ∂/∂b = a·cos(ab) + b/r, ∂/∂c = −2c·exp(−c²)·ln(1 + a²) + c/r,
    /// with r = √(b² + c²).
    /// </summary>
    public static double Scalar(double a, double b, double c, out double da, out double db, out double dc)
    {
        double ab = a * b;
        double cosAb = Math.Cos(ab);
        double gauss = Math.Exp(-c * c);
        double onePlusA2 = 1 + a * a;
        double log = Math.Log(onePlusA2);
        double r = Math.Sqrt(b * b + c * c);

        da = b * cosAb + gauss * 2 * a / onePlusA2;
        db = a * cosAb + b / r;
        dc = -2 * c * gauss * log + c / r;
        return Math.Sin(ab) + gauss * log + r;
    }

    /// <summary>
    /// Value and gradient of <see cref="StraightLineFunctions.Rosenbrock10"/>. With tᵢ = xᵢ₊₁ − xᵢ² and uᵢ = 1 − xᵢ:
    /// ∂/∂xᵢ = 200·tᵢ₋₁ − 400·xᵢ·tᵢ − 2·uᵢ (terms with an index outside 0..8 left out).
    /// </summary>
    public static double Rosenbrock10(ReadOnlySpan<double> x, Span<double> dx)
    {
        if (x.Length != 10)
        {
            throw new ArgumentException("Rosenbrock10 takes 10 inputs.", nameof(x));
        }

        if (dx.Length != x.Length)
        {
            throw new ArgumentException("dx must have the length of x.", nameof(dx));
        }

        double value = 0;
        double fromPrevious = 0; // 200·tᵢ₋₁, the contribution of term i − 1 to ∂/∂xᵢ
        for (int i = 0; i < 9; i++)
        {
            double xi = x[i];
            double t = x[i + 1] - xi * xi;
            double u = 1 - xi;
            value += 100 * t * t + u * u;
            dx[i] = fromPrevious - 400 * xi * t - 2 * u;
            fromPrevious = 200 * t;
        }

        dx[9] = fromPrevious;
        return value;
    }
}
