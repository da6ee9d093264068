namespace DiffOpt.Generators.Tests.CompileAndRun.Models;

/// <summary>
/// Bare non-smooth primitives, to pin down the derivative conventions at their kinks and ties
/// (docs/supported-csharp.md): Max/Min ties go to the first argument, |x|'(0) = 0, Clamp's derivative goes to
/// whichever argument it returned, the piecewise-constant functions have derivative 0 everywhere.
/// </summary>
public static partial class ConventionFunctions
{
    [Differentiable]
    public static double MaxOf(double x, double y) => Math.Max(x, y);

    [Gradient(nameof(MaxOf))]
    public static partial double MaxOfGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(MaxOf))]
    public static partial double MaxOfJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double MinOf(double x, double y) => Math.Min(x, y);

    [Gradient(nameof(MinOf))]
    public static partial double MinOfGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(MinOf))]
    public static partial double MinOfJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double AbsOf(double x) => Math.Abs(x);

    [Gradient(nameof(AbsOf))]
    public static partial double AbsOfGradient(double x, out double dx);

    [Jvp(nameof(AbsOf))]
    public static partial double AbsOfJvp(double x, double dx, out double dResult);

    [Differentiable]
    public static double ClampOf(double x, double lo, double hi) => Math.Clamp(x, lo, hi);

    [Gradient(nameof(ClampOf))]
    public static partial double ClampOfGradient(double x, double lo, double hi, out double dx, out double dLo, out double dHi);

    [Jvp(nameof(ClampOf))]
    public static partial double ClampOfJvp(double x, double lo, double hi, double dx, double dLo, double dHi, out double dResult);

    [Differentiable]
    public static double PowOf(double x, double y) => Math.Pow(x, y);

    [Gradient(nameof(PowOf))]
    public static partial double PowOfGradient(double x, double y, out double dx, out double dy);

    // ReLU written four ways: at 0 the derivative depends on which way (docs/supported-csharp.md).
    [Differentiable]
    public static double ReluGreater(double x) => x > 0 ? x : 0;

    [Gradient(nameof(ReluGreater))]
    public static partial double ReluGreaterGradient(double x, out double dx);

    [Differentiable]
    public static double ReluGreaterOrEqual(double x) => x >= 0 ? x : 0;

    [Gradient(nameof(ReluGreaterOrEqual))]
    public static partial double ReluGreaterOrEqualGradient(double x, out double dx);

    [Differentiable]
    public static double ReluMaxFirst(double x) => Math.Max(x, 0);

    [Gradient(nameof(ReluMaxFirst))]
    public static partial double ReluMaxFirstGradient(double x, out double dx);

    [Jvp(nameof(ReluMaxFirst))]
    public static partial double ReluMaxFirstJvp(double x, double dx, out double dResult);

    [Differentiable]
    public static double ReluMaxSecond(double x) => Math.Max(0, x);

    [Gradient(nameof(ReluMaxSecond))]
    public static partial double ReluMaxSecondGradient(double x, out double dx);

    [Jvp(nameof(ReluMaxSecond))]
    public static partial double ReluMaxSecondJvp(double x, double dx, out double dResult);

    [Differentiable]
    public static double SqrtOf(double x) => Math.Sqrt(x);

    [Gradient(nameof(SqrtOf))]
    public static partial double SqrtOfGradient(double x, out double dx);

    // Every piecewise-constant member, on their own and inside arithmetic.
    [Differentiable]
    public static double PiecewiseConstant(double x) =>
        Math.Floor(x) + Math.Ceiling(2 * x) * Math.Round(3 * x) - Math.Truncate(x / 2) + Math.Sign(x) * Math.Floor(x * x);

    [Gradient(nameof(PiecewiseConstant))]
    public static partial double PiecewiseConstantGradient(double x, out double dx);

    [Jvp(nameof(PiecewiseConstant))]
    public static partial double PiecewiseConstantJvp(double x, double dx, out double dResult);

    // A vector function for the adjoint (dot-product) and Taylor tests.
    [Differentiable]
    public static double Energy(ReadOnlySpan<double> w)
    {
        double a = w[0] * w[1] - Math.Sin(w[2] * w[3]);
        double b = Math.Exp(0.3 * w[4]) + Math.Sqrt(1 + w[5] * w[5]);
        double c = Math.Log(1 + w[0] * w[0]) * Math.Atan(w[5] - w[1]);
        if (a > b)
        {
            c += Math.Tanh(a - b) * w[2];
        }
        else
        {
            c -= Math.Pow(b - a, 1.5) / (1 + w[4] * w[4]);
        }

        return a * b + c * c + w[w.Length - 1] / (2 + Math.Cos(w[3]));
    }

    [Gradient(nameof(Energy))]
    public static partial double EnergyGradient(ReadOnlySpan<double> w, Span<double> dw);

    [Jvp(nameof(Energy))]
    public static partial double EnergyJvp(ReadOnlySpan<double> w, ReadOnlySpan<double> dw, out double dResult);
}
