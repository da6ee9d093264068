namespace DiffOpt.Generators.Tests.CompileAndRun.Models;

/// <summary>double[] and ReadOnlySpan&lt;double&gt; inputs read by constant and computed indices, and .Length.</summary>
public static partial class VectorConstructs
{
    // Constant indices, .Length in an index, the same element read twice.
    [Differentiable]
    public static double SpanConstantIndices(ReadOnlySpan<double> w) =>
        w[0] * w[1] - w[2] / (1 + w[0] * w[0]) + w[w.Length - 1] * w[1] * w[1];

    [Gradient(nameof(SpanConstantIndices))]
    public static partial double SpanConstantIndicesGradient(ReadOnlySpan<double> w, Span<double> dw);

    [Jvp(nameof(SpanConstantIndices))]
    public static partial double SpanConstantIndicesJvp(ReadOnlySpan<double> w, ReadOnlySpan<double> dw, out double dResult);

    // The same on a double[].
    [Differentiable]
    public static double ArrayConstantIndices(double[] w)
    {
        double s = w[0] * w[1];
        s += Math.Sin(w[2]) * w[w.Length - 1];
        return s * w.Length;
    }

    [Gradient(nameof(ArrayConstantIndices))]
    public static partial double ArrayConstantIndicesGradient(double[] w, Span<double> dw);

    [Jvp(nameof(ArrayConstantIndices))]
    public static partial double ArrayConstantIndicesJvp(double[] w, ReadOnlySpan<double> dw, out double dResult);

    // Indices computed from int parameters and int locals.
    [Differentiable]
    public static double ComputedIndices(ReadOnlySpan<double> w, int i, int j)
    {
        int k = i + j;
        int last = w.Length - 1;
        double a = w[i] * w[k];
        a += w[last - i] / (2 + w[j * 2 % w.Length]);
        return a * w[(i + 1) % w.Length];
    }

    [Gradient(nameof(ComputedIndices))]
    public static partial double ComputedIndicesGradient(ReadOnlySpan<double> w, int i, int j, Span<double> dw);

    [Jvp(nameof(ComputedIndices))]
    public static partial double ComputedIndicesJvp(ReadOnlySpan<double> w, int i, int j, ReadOnlySpan<double> dw, out double dResult);

    // Scalars and a vector mixed; the gradient covers every input.
    [Differentiable]
    public static double Mixed(double a, int n, ReadOnlySpan<double> w, double b)
    {
        double s = a * w[0] + Math.Sin(b * w[1]);
        if (s > 1)
        {
            return Math.Exp(-s * s) + a * n;
        }

        return s * a / b + w[n];
    }

    [Gradient(nameof(Mixed))]
    public static partial double MixedGradient(double a, int n, ReadOnlySpan<double> w, double b, out double da, Span<double> dw, out double db);

    [Jvp(nameof(Mixed))]
    public static partial double MixedJvp(double a, int n, ReadOnlySpan<double> w, double b, double da, ReadOnlySpan<double> dw, double db, out double dResult);

    // Only some inputs differentiated: b is a constant in this gradient and w in this JVP.
    [Gradient(nameof(Mixed))]
    public static partial double MixedGradientAW(double a, int n, ReadOnlySpan<double> w, double b, out double da, Span<double> dw);

    [Gradient(nameof(Mixed))]
    public static partial double MixedGradientB(double a, int n, ReadOnlySpan<double> w, double b, out double db);

    [Jvp(nameof(Mixed))]
    public static partial double MixedJvpAB(double a, int n, ReadOnlySpan<double> w, double b, double da, double db, out double dResult);

    // Two vector inputs of different lengths.
    [Differentiable]
    public static double TwoVectors(double[] u, ReadOnlySpan<double> v) => u[0] * v[0] + u[1] * v[1] + u[1] * v[2] * v[2];

    [Gradient(nameof(TwoVectors))]
    public static partial double TwoVectorsGradient(double[] u, ReadOnlySpan<double> v, Span<double> du, Span<double> dv);

    [Jvp(nameof(TwoVectors))]
    public static partial double TwoVectorsJvp(double[] u, ReadOnlySpan<double> v, ReadOnlySpan<double> du, ReadOnlySpan<double> dv, out double dResult);

    // A gradient that returns void (the value is not needed).
    [Gradient(nameof(SpanConstantIndices))]
    public static partial void SpanConstantIndicesGradientOnly(ReadOnlySpan<double> w, Span<double> dw);
}
