using DiffOpt.Analyzers.Tests.Infrastructure;

namespace DiffOpt.Analyzers.Tests;

/// <summary>Code inside the supported subset gets no diagnostic (only the hidden DOPT0012 that carries the fixes).</summary>
public sealed class ValidCodeTests
{
    [Fact]
    public Task Supported_constructs_and_matching_declarations_report_nothing()
    {
        var source = """
            using System;
            using DiffOpt;

            namespace Samples;

            public static partial class Model
            {
                private const double Scale = 0.5;

                [Differentiable]
                public static double {|DOPT0012:Loss|}(double a, double b, ReadOnlySpan<double> w, double[] v, int n, bool clip)
                {
                    double y = a * w[0] + b * v[n - 1] - w.Length;
                    y += Math.Sin(a) * Math.Exp(-b) + Math.Pow(a, 2) + Math.Log(b, 2) + Math.Atan2(a, b);
                    y *= Scale;
                    if (clip && (y > 1 || !(y > -1)))
                    {
                        return Math.Clamp(y, -1, 1);
                    }
                    else
                    {
                        y = -y + (double)n / 3 + (int)a % 2;
                    }

                    int k = n;
                    k++;
                    return y > 0 ? Math.Sqrt(y) + Square(a) : Math.Abs(y) + k;
                }

                [Differentiable]
                public static double {|DOPT0012:Square|}(double x) => x * x;

                [Gradient(nameof(Loss))]
                public static partial double LossGradient(double a, double b, ReadOnlySpan<double> w, double[] v, int n, bool clip, out double da, Span<double> dw);

                [Gradient(nameof(Loss))]
                public static partial void LossGradientOfV(double a, double b, ReadOnlySpan<double> w, double[] v, int n, bool clip, Span<double> dV);

                [Jvp(nameof(Loss))]
                public static partial double LossJvp(double a, double b, ReadOnlySpan<double> w, double[] v, int n, bool clip, double da, double dB, ReadOnlySpan<double> dw, out double dResult);
            }

            public partial class Layer
            {
                private double weight = 2;

                public double Bias { get; set; } = 1;

                [Differentiable]
                public double {|DOPT0012:Apply|}(double x) => weight * Math.Tanh(x) + this.Bias + Twice(x);

                [Differentiable]
                private double {|DOPT0012:Twice|}(double x) => 2 * x;

                [Gradient(nameof(Apply))]
                public partial double ApplyGradient(double x, out double dx);
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Loops_local_arrays_matrices_vector_outputs_and_every_derivative_kind_report_nothing()
    {
        var source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:Rosenbrock|}(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i + 1 < x.Length; i++)
                    {
                        double a = x[i + 1] - x[i] * x[i];
                        double b = 1 - x[i];
                        s += 100 * a * a + b * b;
                    }

                    return s;
                }

                [Gradient(nameof(Rosenbrock))]
                public static partial double RosenbrockGradient(ReadOnlySpan<double> x, Span<double> dx);

                [Hvp(nameof(Rosenbrock))]
                public static partial void RosenbrockHvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);

                [Differentiable]
                public static double {|DOPT0012:Iterate|}(double s, double a, int n)
                {
                    int k = 0;
                    while (k < n)
                    {
                        s = Math.Sin(s) * a;
                        k++;
                        if (s > 10)
                        {
                            break;
                        }
                    }

                    do
                    {
                        s = Math.Sqrt(s * s + 1);
                    }
                    while (s < 2);

                    for (int i = 0; i < n; i++)
                    {
                        if (i % 2 == 0)
                        {
                            continue;
                        }

                        if (s > 100)
                        {
                            return s;
                        }

                        s += a;
                    }

                    return s;
                }

                [Jvp(nameof(Iterate))]
                public static partial double IterateJvp(double s, double a, int n, double ds, double da, out double dResult);

                [Hvp(nameof(Iterate), "s")]
                public static partial double IterateHvp(double s, double a, int n, double v, out double hv);

                // 's' is reassigned in the body: its tangent is zero in an HVP with respect to 'a'.
                [Hvp(nameof(Iterate), "a")]
                public static partial double IterateHvpA(double s, double a, int n, double v, out double hv);

                [Differentiable]
                public static double {|DOPT0012:Quadratic|}(double[,] m, double[] x)
                {
                    double[] mx = new double[x.Length];
                    for (int i = 0; i < m.GetLength(0); i++)
                    {
                        for (int j = 0; j < m.GetLength(1); j++)
                        {
                            mx[i] += m[i, j] * x[j];
                        }
                    }

                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        mx[i] *= 0.5;
                        mx[i]++;
                        s += x[i] * mx[i];
                    }

                    return s;
                }

                [Gradient(nameof(Quadratic))]
                public static partial double QuadraticGradient(double[,] m, double[] x, Span<double> dm, Span<double> dx);

                [Differentiable]
                public static void {|DOPT0012:Residual|}(ReadOnlySpan<double> x, double a, Span<double> r)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        r[i] = Math.Sin(x[i]) * a + x[(i + 1) % x.Length] * x[i];
                    }
                }

                [Vjp(nameof(Residual))]
                public static partial void ResidualVjp(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da, ReadOnlySpan<double> dr);

                [Jvp(nameof(Residual))]
                public static partial void ResidualJvp(ReadOnlySpan<double> x, double a, Span<double> r, ReadOnlySpan<double> dx, double da, Span<double> dr);

                public static double Softplus(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));

                [DerivativeOf(nameof(Softplus))]
                public static double SoftplusDerivative(double x, out double dx)
                {
                    dx = 1 / (1 + Math.Exp(-x));
                    return Softplus(x);
                }

                [Differentiable]
                public static double {|DOPT0012:Loss|}(ReadOnlySpan<double> x, double a, [NonDifferentiable] double scale)
                {
                    double[] r = new double[x.Length];
                    Residual(x, a, r);
                    double s = 0;
                    for (int i = 0; i < r.Length; i++)
                    {
                        s += Softplus(r[i] * scale) + Ad.StopGradient(r[i]) * r[i];
                    }

                    return 0.5 * s;
                }

                [Gradient(nameof(Loss))]
                public static partial double LossGradient(ReadOnlySpan<double> x, double a, double scale, Span<double> dx, out double da);

                [Hvp(nameof(Loss), "x")]
                public static partial void LossHvp(ReadOnlySpan<double> x, double a, double scale, ReadOnlySpan<double> v, Span<double> hv);
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Code_without_DiffOpt_attributes_reports_nothing()
    {
        var source = """
            using System.Linq;

            public static class Plain
            {
                public static double Sum(double[] w)
                {
                    double s = 0;
                    foreach (var v in w) { s += v; }
                    try { return s + w.Sum(); } catch { throw; }
                }
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Attributes_spelled_in_full_are_recognised()
    {
        var source = """
            public static partial class Model
            {
                [global::DiffOpt.DifferentiableAttribute]
                public static double {|DOPT0012:F|}(double x) => x * x;

                [DiffOpt.Gradient(nameof(F))]
                public static partial double FGradient(double x, out double dx);
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source);
    }
}
