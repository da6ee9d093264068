using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>
/// "Add gradient declaration" / "Add JVP declaration" on DOPT0012. The generator runs on the fixed code, and the
/// test fails on any compiler error there: the inserted declaration is one the generator implements.
/// </summary>
public sealed class AddDerivativeDeclarationFixTests
{
    private static Task VerifyAsync(string source, string fixedSource, string key, params string[] additionalFiles) =>
        CodeFixVerifier<AddDerivativeDeclarationCodeFixProvider>.VerifyAsync(source, fixedSource, key, test =>
        {
            // The hidden diagnostic stays after the fix (more declarations can be added), so apply exactly one fix
            // and expect the markup of the fixed code to hold it.
            test.CodeFixTestBehaviors |= CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck;
            test.FixedState.MarkupHandling = MarkupMode.Allow;
            for (var i = 0; i < additionalFiles.Length; i++)
            {
                test.TestState.Sources.Add(("Extra" + i + ".cs", additionalFiles[i]));
                test.FixedState.Sources.Add(("Extra" + i + ".cs", additionalFiles[i]));
            }
        });

    [Fact]
    public Task Gradient_declaration_differentiates_every_differentiable_input()
    {
        var source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:Loss|}(double a, int n, ReadOnlySpan<double> w, double[] v) => a * w[n] + v[0];
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:Loss|}(double a, int n, ReadOnlySpan<double> w, double[] v) => a * w[n] + v[0];

                [Gradient(nameof(Loss))]
                public static partial double LossGradient(double a, int n, ReadOnlySpan<double> w, double[] v, out double da, Span<double> dw, Span<double> dv);
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddGradientKey);
    }

    [Fact]
    public Task Jvp_declaration_takes_tangents_and_returns_the_result_tangent()
    {
        var source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:Loss|}(double a, ReadOnlySpan<double> w) => a * w[0];

                public static double Other() => 1;
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:Loss|}(double a, ReadOnlySpan<double> w) => a * w[0];

                [Jvp(nameof(Loss))]
                public static partial double LossJvp(double a, ReadOnlySpan<double> w, double da, ReadOnlySpan<double> dw, out double dResult);

                public static double Other() => 1;
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddJvpKey);
    }

    [Fact]
    public Task Missing_usings_are_added()
    {
        var source = """
            namespace Physics
            {
                public static partial class Model
                {
                    [DiffOpt.Differentiable]
                    public static double {|DOPT0012:Energy|}(System.ReadOnlySpan<double> q) => q[0] * q[0];
                }
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            namespace Physics
            {
                public static partial class Model
                {
                    [DiffOpt.Differentiable]
                    public static double {|DOPT0012:Energy|}(System.ReadOnlySpan<double> q) => q[0] * q[0];

                    [Gradient(nameof(Energy))]
                    public static partial double EnergyGradient(ReadOnlySpan<double> q, Span<double> dq);
                }
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddGradientKey);
    }

    [Fact]
    public Task Global_usings_are_respected()
    {
        var source = """
            namespace Physics;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:Energy|}(ReadOnlySpan<double> q) => q[0] * q[0];
            }
            """;
        var fixedSource = """
            namespace Physics;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:Energy|}(ReadOnlySpan<double> q) => q[0] * q[0];

                [Gradient(nameof(Energy))]
                public static partial double EnergyGradient(ReadOnlySpan<double> q, Span<double> dq);
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddGradientKey, "global using System;\nglobal using DiffOpt;\n");
    }

    [Fact]
    public Task Name_already_taken_gets_a_number()
    {
        var source = """
            using DiffOpt;

            public partial class Layer
            {
                [Differentiable]
                public double {|DOPT0012:Apply|}(double x) => x * x;

                [Gradient(nameof(Apply))]
                public partial double ApplyGradient(double x, out double dx);

                public int ApplyGradient2 { get; set; }
            }
            """;
        var fixedSource = """
            using DiffOpt;

            public partial class Layer
            {
                [Differentiable]
                public double {|DOPT0012:Apply|}(double x) => x * x;

                [Gradient(nameof(Apply))]
                public partial double ApplyGradient3(double x, out double dx);

                [Gradient(nameof(Apply))]
                public partial double ApplyGradient(double x, out double dx);

                public int ApplyGradient2 { get; set; }
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddGradientKey);
    }

    [Fact]
    public Task Instance_method_gets_an_instance_declaration_with_its_accessibility()
    {
        var source = """
            using DiffOpt;

            internal partial class Layer
            {
                private readonly double weight = 3;

                [Differentiable]
                internal double {|DOPT0012:Apply|}(double x, bool relu) => relu && x < 0 ? 0 : weight * x;
            }
            """;
        var fixedSource = """
            using DiffOpt;

            internal partial class Layer
            {
                private readonly double weight = 3;

                [Differentiable]
                internal double {|DOPT0012:Apply|}(double x, bool relu) => relu && x < 0 ? 0 : weight * x;

                [Jvp(nameof(Apply))]
                internal partial double ApplyJvp(double x, bool relu, double dx, out double dResult);
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddJvpKey);
    }

    [Fact]
    public Task Method_in_a_nested_type_with_windows_line_endings()
    {
        var source = "using DiffOpt;\r\n\r\npublic static partial class Outer\r\n{\r\n    public static partial class Inner\r\n    {\r\n        [Differentiable]\r\n        public static double {|DOPT0012:F|}(double x) => x * x;\r\n    }\r\n}\r\n";
        var fixedSource = "using DiffOpt;\r\n\r\npublic static partial class Outer\r\n{\r\n    public static partial class Inner\r\n    {\r\n        [Differentiable]\r\n        public static double {|DOPT0012:F|}(double x) => x * x;\r\n\r\n        [Gradient(nameof(F))]\r\n        public static partial double FGradient(double x, out double dx);\r\n    }\r\n}\r\n";
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddGradientKey);
    }

    [Fact]
    public Task Keyword_parameter_names_are_escaped()
    {
        var source = """
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double @in, double @double) => @in * @double;
            }
            """;
        var fixedSource = """
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double @in, double @double) => @in * @double;

                [Gradient(nameof(F))]
                public static partial double FGradient(double @in, double @double, out double dIn, out double dDouble);
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddGradientKey);
    }

    [Theory]
    [InlineData(AddDerivativeDeclarationCodeFixProvider.AddGradientKey)]
    [InlineData(AddDerivativeDeclarationCodeFixProvider.AddJvpKey)]
    public Task No_fix_is_offered_when_a_primal_parameter_already_has_a_derivative_parameter_name(string key)
    {
        // 'dx' would be declared twice (CS0100), and the binder accepts no other name for the derivative of x.
        var source = """
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double x, double dx) => x + dx;
            }
            """;
        return VerifyAsync(source, source, key);
    }

    [Fact]
    public Task Vjp_declaration_of_a_vector_valued_method_takes_gradients_and_output_cotangents_in_primal_order()
    {
        var source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static void {|DOPT0012:Step|}(double[,] a, ReadOnlySpan<double> x, int n, [NonDifferentiable] double h, Span<double> y, double c, Span<double> z)
                {
                    for (int i = 0; i < n; i++)
                    {
                        y[i] = h * a[i, 0] * x[i];
                        z[i] = c * y[i];
                    }
                }
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static void {|DOPT0012:Step|}(double[,] a, ReadOnlySpan<double> x, int n, [NonDifferentiable] double h, Span<double> y, double c, Span<double> z)
                {
                    for (int i = 0; i < n; i++)
                    {
                        y[i] = h * a[i, 0] * x[i];
                        z[i] = c * y[i];
                    }
                }

                [Vjp(nameof(Step))]
                public static partial void StepVjp(double[,] a, ReadOnlySpan<double> x, int n, double h, Span<double> y, double c, Span<double> z, Span<double> da, Span<double> dx, ReadOnlySpan<double> dy, out double dc, ReadOnlySpan<double> dz);
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddVjpKey);
    }

    [Fact]
    public Task Jvp_declaration_of_a_vector_valued_method_takes_tangents_and_writes_output_tangents()
    {
        var source = """
            using DiffOpt;

            internal partial class Layer
            {
                private readonly double bias = 1;

                [Differentiable]
                internal void {|DOPT0012:Apply|}(double[] x, double scale, System.Span<double> y)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        y[i] = System.Math.Tanh(scale * x[i]) + bias;
                    }
                }
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            internal partial class Layer
            {
                private readonly double bias = 1;

                [Differentiable]
                internal void {|DOPT0012:Apply|}(double[] x, double scale, System.Span<double> y)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        y[i] = System.Math.Tanh(scale * x[i]) + bias;
                    }
                }

                [Jvp(nameof(Apply))]
                internal partial void ApplyJvp(double[] x, double scale, Span<double> y, ReadOnlySpan<double> dx, double dScale, Span<double> dy);
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddJvpKey);
    }

    [Fact]
    public Task Vjp_declaration_of_a_float_method_keeps_float_derivatives()
    {
        var source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static void {|DOPT0012:Scale|}(ReadOnlySpan<float> x, float c, double d, Span<float> y)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        y[i] = c * x[i] + (float)d;
                    }
                }
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static void {|DOPT0012:Scale|}(ReadOnlySpan<float> x, float c, double d, Span<float> y)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        y[i] = c * x[i] + (float)d;
                    }
                }

                [Vjp(nameof(Scale))]
                public static partial void ScaleVjp(ReadOnlySpan<float> x, float c, double d, Span<float> y, Span<float> dx, out float dc, out double dd, ReadOnlySpan<float> dy);
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddVjpKey);
    }

    [Fact]
    public Task Vector_valued_method_with_keyword_names_gets_escaped_derivative_names()
    {
        // An output named 'o' has the cotangent 'do', a keyword.
        var source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static void {|DOPT0012:F|}(double @in, Span<double> o) { o[0] = @in * @in; }
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static void {|DOPT0012:F|}(double @in, Span<double> o) { o[0] = @in * @in; }

                [Vjp(nameof(F))]
                public static partial void FVjp(double @in, Span<double> o, out double dIn, ReadOnlySpan<double> @do);
            }
            """;
        return VerifyAsync(source, fixedSource, AddDerivativeDeclarationCodeFixProvider.AddVjpKey);
    }

    [Fact]
    public Task No_gradient_fix_is_offered_for_a_vector_valued_method()
    {
        // A vector-valued function has no gradient; its reverse-mode derivative is the VJP.
        var source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static void {|DOPT0012:F|}(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0] * x[1]; }
            }
            """;
        return VerifyAsync(source, source, AddDerivativeDeclarationCodeFixProvider.AddGradientKey);
    }

    [Fact]
    public Task No_vjp_fix_is_offered_for_a_scalar_method()
    {
        var source = """
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double x) => x * x;
            }
            """;
        return VerifyAsync(source, source, AddDerivativeDeclarationCodeFixProvider.AddVjpKey);
    }
}
