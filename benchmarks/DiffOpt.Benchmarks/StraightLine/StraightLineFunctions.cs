using DiffOpt;

namespace DiffOpt.Benchmarks.StraightLine;

/// <summary>
/// The two straight-line functions the benchmarks differentiate, with the derivative declarations the
/// DiffOpt generator implements. Loops are not supported yet, so the span function reads x[0]..x[9] one by one.
/// </summary>
public static partial class StraightLineFunctions
{
    /// <summary>A few Math calls on three scalars: sin(ab) + exp(−c²)·ln(1 + a²) + √(b² + c²).</summary>
    [Differentiable]
    public static double Scalar(double a, double b, double c) =>
        Math.Sin(a * b) + Math.Exp(-c * c) * Math.Log(1 + a * a) + Math.Sqrt(b * b + c * c);

    /// <summary>The generated reverse-mode gradient of <see cref="Scalar"/>.</summary>
    [Gradient(nameof(Scalar))]
    public static partial double ScalarGradient(double a, double b, double c, out double da, out double db, out double dc);

    /// <summary>
    /// The chained Rosenbrock function in 10 dimensions, Σᵢ₌₀⁸ 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², written out
    /// term by term (straight-line code). Its minimum is 0 at x = (1, …, 1).
    /// </summary>
    [Differentiable]
    public static double Rosenbrock10(ReadOnlySpan<double> x)
    {
        double t0 = x[1] - x[0] * x[0];
        double t1 = x[2] - x[1] * x[1];
        double t2 = x[3] - x[2] * x[2];
        double t3 = x[4] - x[3] * x[3];
        double t4 = x[5] - x[4] * x[4];
        double t5 = x[6] - x[5] * x[5];
        double t6 = x[7] - x[6] * x[6];
        double t7 = x[8] - x[7] * x[7];
        double t8 = x[9] - x[8] * x[8];
        double u0 = 1 - x[0];
        double u1 = 1 - x[1];
        double u2 = 1 - x[2];
        double u3 = 1 - x[3];
        double u4 = 1 - x[4];
        double u5 = 1 - x[5];
        double u6 = 1 - x[6];
        double u7 = 1 - x[7];
        double u8 = 1 - x[8];
        double valley = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4 + t5 * t5 + t6 * t6 + t7 * t7 + t8 * t8;
        double distance = u0 * u0 + u1 * u1 + u2 * u2 + u3 * u3 + u4 * u4 + u5 * u5 + u6 * u6 + u7 * u7 + u8 * u8;
        return 100 * valley + distance;
    }

    /// <summary>The generated reverse-mode gradient of <see cref="Rosenbrock10"/>.</summary>
    [Gradient(nameof(Rosenbrock10))]
    public static partial double Rosenbrock10Gradient(ReadOnlySpan<double> x, Span<double> dx);
}
