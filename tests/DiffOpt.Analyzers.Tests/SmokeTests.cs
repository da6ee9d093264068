using DiffOpt.Analyzers.Tests.Infrastructure;

namespace DiffOpt.Analyzers.Tests;

public sealed class SmokeTests
{
    [Fact]
    public Task Loop()
    {
        const string source = """
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x)
                {
                    double s = 0;
                    {|DOPT0001:for|} (int i = 0; i < 3; i++) { s += x; }
                    return s;
                }
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task AddGradient()
    {
        const string source = """
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double x, System.ReadOnlySpan<double> w) => x * w[0];
            }
            """;
        const string fixedSource = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double x, System.ReadOnlySpan<double> w) => x * w[0];

                [Gradient(nameof(F))]
                public static partial double FGradient(double x, ReadOnlySpan<double> w, out double dx, Span<double> dw);
            }
            """;
        return CodeFixVerifier<DiffOpt.CodeFixes.AddDerivativeDeclarationCodeFixProvider>.VerifyAsync(source, fixedSource, DiffOpt.CodeFixes.AddDerivativeDeclarationCodeFixProvider.AddGradientKey, t => { t.CodeFixTestBehaviors |= Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.FixOne | Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipFixAllCheck; t.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow; });
    }
}
