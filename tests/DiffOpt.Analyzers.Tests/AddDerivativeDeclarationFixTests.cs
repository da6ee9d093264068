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
    public Task No_fix_is_offered_when_the_declaration_text_would_not_parse()
    {
        // The shared builder writes parameter names unescaped ('@in' becomes 'in'; see the bug note), so offering
        // the fix would insert nothing; it is not offered at all.
        var source = """
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double @in) => @in * @in;
            }
            """;
        return CodeFixVerifier<AddDerivativeDeclarationCodeFixProvider>.VerifyAsync(source, source, AddDerivativeDeclarationCodeFixProvider.AddGradientKey);
    }
}
