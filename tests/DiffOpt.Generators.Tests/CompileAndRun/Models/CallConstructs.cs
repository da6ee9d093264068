namespace DiffOpt.Generators.Tests.CompileAndRun.Models;

/// <summary>
/// Calls to other [Differentiable] methods: in the same type, in another type, in chains, with array and span
/// arguments, with int arguments and with arguments that are expressions.
/// </summary>
public static partial class CallConstructs
{
    [Differentiable]
    public static double Square(double u) => u * u;

    [Differentiable]
    private static double Blend(double u, double v) => Math.Tanh(u * v) + Math.Pow(u, 2) - v;

    // Same type: a private and a public callee, called with expressions and called twice.
    [Differentiable]
    public static double SameType(double x, double y)
    {
        double a = Blend(x * 2, y);
        a += Square(a - x) * Blend(y, x);
        return a + Square(3);
    }

    [Gradient(nameof(SameType))]
    public static partial double SameTypeGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(SameType))]
    public static partial double SameTypeJvp(double x, double y, double dx, double dy, out double dResult);

    // Another type, qualified.
    [Differentiable]
    public static double OtherType(double x, double y) => CallTargets.Bump(x, y) * CallTargets.Scaled(y, 3) + x;

    [Gradient(nameof(OtherType))]
    public static partial double OtherTypeGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(OtherType))]
    public static partial double OtherTypeJvp(double x, double y, double dx, double dy, out double dResult);

    // A chain: Chain → CallTargets.Level1 → Level2 → Square (back in this type).
    [Differentiable]
    public static double Chain(double x, double y) => CallTargets.Level1(x * y, y) - x;

    [Gradient(nameof(Chain))]
    public static partial double ChainGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Chain))]
    public static partial double ChainJvp(double x, double y, double dx, double dy, out double dResult);

    // Spans and arrays passed through: span → span, array → array, array → span, plus an int index.
    [Differentiable]
    public static double PassSpan(ReadOnlySpan<double> w, double s) => CallTargets.WeightedSum(w, s) * s + CallTargets.Element(w, 1);

    [Gradient(nameof(PassSpan))]
    public static partial double PassSpanGradient(ReadOnlySpan<double> w, double s, Span<double> dw, out double ds);

    [Jvp(nameof(PassSpan))]
    public static partial double PassSpanJvp(ReadOnlySpan<double> w, double s, ReadOnlySpan<double> dw, double ds, out double dResult);

    [Differentiable]
    public static double PassArray(double[] w, double s) => CallTargets.ArrayNorm(w) * s + CallTargets.WeightedSum(w, s) + CallTargets.Element(w, 2);

    [Gradient(nameof(PassArray))]
    public static partial double PassArrayGradient(double[] w, double s, Span<double> dw, out double ds);

    [Jvp(nameof(PassArray))]
    public static partial double PassArrayJvp(double[] w, double s, ReadOnlySpan<double> dw, double ds, out double dResult);

    // A callee whose branches and early return run under the caller's derivative.
    [Differentiable]
    public static double CallsBranchy(double x, double y) => CallTargets.Branchy(x, y) + CallTargets.Branchy(y, x);

    [Gradient(nameof(CallsBranchy))]
    public static partial double CallsBranchyGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(CallsBranchy))]
    public static partial double CallsBranchyJvp(double x, double y, double dx, double dy, out double dResult);
}

/// <summary>Callees in a second type.</summary>
public static partial class CallTargets
{
    [Differentiable]
    public static double Bump(double u, double v) => Math.Exp(-u * u) * v;

    [Differentiable]
    internal static double Scaled(double u, int k) => u * k + k;

    [Differentiable]
    public static double Level1(double u, double v) => Level2(u + v) * v;

    [Differentiable]
    public static double Level2(double u) => CallConstructs.Square(Math.Sin(u)) + u;

    [Differentiable]
    public static double WeightedSum(ReadOnlySpan<double> w, double s) => w[0] * s + w[1] * s * s + w[w.Length - 1];

    [Differentiable]
    public static double ArrayNorm(double[] w) => Math.Sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);

    [Differentiable]
    public static double Element(ReadOnlySpan<double> w, int i) => w[i] * w[i];

    [Differentiable]
    public static double Branchy(double u, double v)
    {
        if (u > v)
        {
            return u * v;
        }

        return v - u * u;
    }
}
