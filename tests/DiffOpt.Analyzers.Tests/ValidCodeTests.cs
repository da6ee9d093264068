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
