using DiffOpt.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DiffOpt.Generators.Tests.Robustness;

/// <summary>
/// Generated code compiles without warnings at the strictest warning level: users who treat warnings as
/// errors must not be broken by code they did not write. The functions are the degenerate shapes (constant
/// results, unused inputs, zero derivatives) where a generator most easily leaves unused locals behind.
/// </summary>
public sealed class GeneratedCodeWarningTests
{
    private static readonly Dictionary<string, string> Cases = new()
    {
        ["only piecewise-constant functions"] = Scalar("double x", "Math.Floor(x) + Math.Sign(x)"),
        ["constant result"] = Scalar("double x", "3.0"),
        ["an unused input"] = Scalar("double x, double y", "x"),
        ["a result from an int only"] = "[Differentiable] public static double F(double x, int n) => n * 2;\n"
            + "[Gradient(nameof(F))] public static partial double FGradient(double x, int n, out double dx);\n"
            + "[Jvp(nameof(F))] public static partial double FJvp(double x, int n, double dx, out double dResult);",
        ["a constant early return"] = Scalar("double x, double y", "{ if (x > 0) { return 1; } return y; }", block: true),
        ["a result from a span's length only"] = "[Differentiable] public static double F(ReadOnlySpan<double> x) => x.Length;\n"
            + "[Gradient(nameof(F))] public static partial double FGradient(ReadOnlySpan<double> x, Span<double> dx);\n"
            + "[Jvp(nameof(F))] public static partial double FJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);",
        ["an unused local"] = Scalar("double x, double y", "{ double unused = x * y; return x; }", block: true),
        ["an unused call result"] = Scalar("double x, double y", "{ double a = G(x); return y; }", block: true),
        ["one input not differentiated"] = "[Differentiable] public static double F(double x, double[] w) => w[0] * x;\n"
            + "[Gradient(nameof(F))] public static partial double FGradient(double x, double[] w, out double dx);\n"
            + "[Jvp(nameof(F))] public static partial double FJvp(double x, double[] w, ReadOnlySpan<double> dw, out double dResult);",
        ["returns in both branches"] = Scalar("double x, double y", "{ if (x > y) { return x; } else { return y; } }", block: true),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    /// <summary>F over double parameters, with a [Gradient] and a [Jvp] in every parameter.</summary>
    private static string Scalar(string parameters, string body, bool block = false)
    {
        var names = parameters.Split(',').Select(p => p.Trim().Split(' ')[1]).ToList();
        return $"[Differentiable] public static double F({parameters}) {(block ? body : "=> " + body + ";")}\n"
            + $"[Gradient(nameof(F))] public static partial double FGradient({parameters}, {string.Join(", ", names.Select(n => "out double d" + n))});\n"
            + $"[Jvp(nameof(F))] public static partial double FJvp({parameters}, {string.Join(", ", names.Select(n => "double d" + n))}, out double dResult);";
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_code_has_no_warnings(string name)
    {
        var function = Cases[name];
        var source = $$"""
            using System;
            using DiffOpt;
            namespace Warnings;
            public static partial class C
            {
                [Differentiable] public static double G(double v) => v * v;
                {{function}}
            }
            """;
        var compilation = InMemoryGeneratorHarness.CreateCompilation(source);
        compilation = compilation.WithOptions(compilation.Options.WithWarningLevel(9999));
        var run = InMemoryGeneratorHarness.RunGenerator(compilation);
        run.AssertGeneratorDidNotFail();

        Assert.True(run.GeneratedSources.Count() == 4, "expected F's gradient, JVP and helpers, and G's helpers:\n" + string.Join("\n", run.GeneratedSources.Select(s => s.HintName)));
        var warnings = run.GeneratedCodeWarnings;
        Assert.True(warnings.Count == 0, "Warnings in generated code:\n" + string.Join("\n", warnings) + "\n\n" + run.GeneratedSourceText(warnings));
    }
}
