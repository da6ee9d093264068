using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.CodeFixes;

namespace DiffOpt.Analyzers.Tests;

/// <summary>"Fix derivative parameter" on DOPT0008: the parameter becomes the declaration the binder expects, and the fixed code compiles with the generator.</summary>
public sealed class FixDerivativeParameterFixTests
{
    [Fact]
    public Task Gradient_parameters_get_out_and_Span()
    {
        var source = """
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double x, double[] w) => x * w[0];

                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}(double x, double[] w, {|DOPT0008:double dx|}, {|DOPT0008:double[] dw|});
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double x, double[] w) => x * w[0];

                [Gradient(nameof(F))]
                public static partial double FGradient(double x, double[] w, out double dx, Span<double> dw);
            }
            """;
        return CodeFixVerifier<FixDerivativeParameterCodeFixProvider>.VerifyAsync(source, fixedSource, FixDerivativeParameterCodeFixProvider.FixParameterKey);
    }

    [Fact]
    public Task Tangent_parameters_lose_out_and_become_read_only()
    {
        var source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double x, ReadOnlySpan<double> w) => x * w[0];

                [Jvp(nameof(F))]
                public static partial double {|CS8795:FJvp|}(double x, ReadOnlySpan<double> w,
                    {|DOPT0008:out double dx|},
                    {|DOPT0008:Span<double> dw|},
                    out double dResult);
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double x, ReadOnlySpan<double> w) => x * w[0];

                [Jvp(nameof(F))]
                public static partial double FJvp(double x, ReadOnlySpan<double> w,
                    double dx,
                    ReadOnlySpan<double> dw,
                    out double dResult);
            }
            """;
        return CodeFixVerifier<FixDerivativeParameterCodeFixProvider>.VerifyAsync(source, fixedSource, FixDerivativeParameterCodeFixProvider.FixParameterKey);
    }

    [Fact]
    public Task Vjp_output_cotangent_becomes_read_only()
    {
        var source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static void {|DOPT0012:Residual|}(ReadOnlySpan<double> x, Span<double> r)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        r[i] = x[i] * x[i];
                    }
                }

                [Vjp(nameof(Residual))]
                public static partial void {|CS8795:ResidualVjp|}(ReadOnlySpan<double> x, Span<double> r, Span<double> dx, {|DOPT0008:Span<double> dr|});
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static void {|DOPT0012:Residual|}(ReadOnlySpan<double> x, Span<double> r)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        r[i] = x[i] * x[i];
                    }
                }

                [Vjp(nameof(Residual))]
                public static partial void ResidualVjp(ReadOnlySpan<double> x, Span<double> r, Span<double> dx, ReadOnlySpan<double> dr);
            }
            """;
        return CodeFixVerifier<FixDerivativeParameterCodeFixProvider>.VerifyAsync(source, fixedSource, FixDerivativeParameterCodeFixProvider.FixParameterKey);
    }

    [Fact]
    public Task Hvp_direction_and_result_get_their_expected_declarations()
    {
        var source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:Cubic|}(double[] x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += x[i] * x[i] * x[i];
                    }

                    return s;
                }

                [Hvp(nameof(Cubic))]
                public static partial void {|CS8795:CubicHvp|}(double[] x, {|DOPT0008:double[] v|}, {|DOPT0008:double[] hv|});
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:Cubic|}(double[] x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        s += x[i] * x[i] * x[i];
                    }

                    return s;
                }

                [Hvp(nameof(Cubic))]
                public static partial void CubicHvp(double[] x, ReadOnlySpan<double> v, Span<double> hv);
            }
            """;
        return CodeFixVerifier<FixDerivativeParameterCodeFixProvider>.VerifyAsync(source, fixedSource, FixDerivativeParameterCodeFixProvider.FixParameterKey);
    }

    [Fact]
    public Task No_fix_is_offered_when_the_expected_declaration_is_unknown()
    {
        // A name that matches no input: the binder cannot know what was meant, so the source stays as it is.
        var source = """
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double x) => x * x;

                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}(double x, {|DOPT0008:out double dq|});
            }
            """;
        return CodeFixVerifier<FixDerivativeParameterCodeFixProvider>.VerifyAsync(source, source, FixDerivativeParameterCodeFixProvider.FixParameterKey);
    }
}
