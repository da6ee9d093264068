using DiffOpt.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.Tests.Robustness;

/// <summary>
/// The generator never throws and never emits code that does not compile, whatever the user wrote: it
/// generates nothing for what it cannot handle (the analyzer explains why), and one bad method does not stop
/// the others.
/// </summary>
public sealed class GeneratorRobustnessTests
{
    public static TheoryData<string> CaseNames => new(UnsupportedCodeCases.All.Keys);

    public static TheoryData<string> SupportedCaseNames => new(UnsupportedCodeCases.Supported);

    /// <summary>
    /// The generator does not throw, and one bad method does not stop the others. When the user's code is valid
    /// C# (its only errors are the unimplemented partial declarations the generator declined), the generated
    /// code compiles too: the generator implements a declaration fully or not at all.
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generator_survives_unsupported_and_malformed_code(string name)
    {
        var run = InMemoryGeneratorHarness.RunGenerator(
            InMemoryGeneratorHarness.CreateCompilation(UnsupportedCodeCases.CompilationUnit(UnsupportedCodeCases.All[name])));

        run.AssertGeneratorDidNotFail();
        Assert.Contains(run.GeneratedSources, s => s.HintName.Contains("Control.OkGradient", StringComparison.Ordinal));
        var generatedTrees = run.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
        var errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var userCodeIsValid = errors.All(d => d.Location.SourceTree is { } tree && generatedTrees.Contains(tree) || d.Id == "CS8795");
        if (userCodeIsValid)
        {
            var inGenerated = errors.Where(d => d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)).ToList();
            Assert.True(inGenerated.Count == 0, "Errors in generated code:\n" + string.Join("\n", inGenerated.Take(10)) + "\n\n" + run.GeneratedSourceText(inGenerated));
        }
    }

    [Fact]
    public void Every_supported_edge_case_names_a_case()
    {
        Assert.All(UnsupportedCodeCases.Supported, name => Assert.True(UnsupportedCodeCases.All.ContainsKey(name), name));
    }

    [Theory]
    [MemberData(nameof(SupportedCaseNames))]
    public void Supported_edge_cases_compile_with_their_generated_code(string name)
    {
        var run = InMemoryGeneratorHarness.RunGenerator(
            InMemoryGeneratorHarness.CreateCompilation(UnsupportedCodeCases.CompilationUnit(UnsupportedCodeCases.All[name])));
        run.AssertGeneratorDidNotFail();

        using var loaded = InMemoryGeneratorHarness.EmitAndLoad(run);
        if (!name.StartsWith("body: ", StringComparison.Ordinal))
        {
            return;
        }

        // Every "body:" case is F(double x, double y, double[] w, int n) with a gradient in x, y, w and a JVP.
        var f = loaded.StaticMethod<Primal>("Robustness.Subject", "F");
        var gradient = loaded.StaticMethod<Gradient>("Robustness.Subject", "FGradient");
        var jvp = loaded.StaticMethod<Jvp>("Robustness.Subject", "FJvp");
        const int n = 1;
        var c = new DerivativeCase(
            name,
            v => f(v[0], v[1], v[2..], n),
            (v, g) => gradient(v[0], v[1], v[2..], n, out g[0], out g[1], g.AsSpan(2)),
            (double[] v, double[] t, out double r) => jvp(v[0], v[1], v[2..], n, t[0], t[1], t.AsSpan(2), out r),
            [0.37, 1.21, 0.3, -0.4, 0.7], [-0.83, 0.52, 1.1, 0.25, -0.6]);
        DerivativeAssert.GradientMatchesFiniteDifferences(c);
        DerivativeAssert.JvpOfUnitTangentsEqualsGradient(c);
    }

    /// <summary>
    /// Same-named types and methods in different namespaces and nesting levels, the global namespace and
    /// block-scoped nested namespaces: every generated file gets a distinct hint name and compiles, and each
    /// gradient is the right one.
    /// </summary>
    [Fact]
    public void Namespaces_and_nesting_keep_generated_code_apart()
    {
        const string source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable] public static double F(double x) => x * x;
                [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);

                public static partial class Model2
                {
                    [Differentiable] public static double F(double x) => 3 * x * x;
                    [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);
                }
            }

            namespace A.B
            {
                public static partial class Model
                {
                    [Differentiable] public static double F(double x) => 5 * x * x;
                    [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);
                }

                namespace C
                {
                    public static partial class Model
                    {
                        [Differentiable] public static double F(double x) => global::Model.F(x) + A.B.Model.F(x);
                        [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);
                    }
                }
            }

            namespace A
            {
                public static partial class B2
                {
                    [Differentiable] public static double F(double x) => B.C.Model.F(x) * 7;
                    [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);
                }
            }
            """;
        var run = InMemoryGeneratorHarness.RunGenerator(InMemoryGeneratorHarness.CreateCompilation(source));
        run.AssertGeneratorDidNotFail();
        using var loaded = InMemoryGeneratorHarness.EmitAndLoad(run);

        // f = k·x² (k = 1, 3, 5, 1 + 5, 7·6): f'(x) = 2kx.
        foreach (var (type, k) in new[] { ("Model", 1.0), ("Model+Model2", 3.0), ("A.B.Model", 5.0), ("A.B.C.Model", 6.0), ("A.B2", 42.0) })
        {
            var gradient = loaded.StaticMethod<ScalarGradient>(type, "FGradient");
            var value = gradient(1.5, out var dx);
            Assert.Equal(k * 2.25, value, 12);
            Assert.Equal(2 * k * 1.5, dx, 12);
        }
    }

    private delegate double ScalarGradient(double x, out double dx);

    /// <summary>Math members spelled through <c>using static</c>, an alias, or fully qualified, and a type split over two files.</summary>
    [Fact]
    public void Math_spellings_and_partial_types_split_over_files()
    {
        const string first = """
            using System;
            using DiffOpt;
            using static System.Math;
            using M = System.Math;

            namespace Split;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => Sin(x) + M.Exp(x) * System.Math.Cos(x) + global::System.Math.Sqrt(1 + x * x) + Helper(x) + PI * x;
            }
            """;
        const string second = """
            using System;
            using DiffOpt;

            namespace Split;

            public static partial class Model
            {
                [Differentiable]
                private static double Helper(double x) => Math.Tanh(x);

                [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);
            }
            """;
        var run = InMemoryGeneratorHarness.RunGenerator(InMemoryGeneratorHarness.CreateCompilation(first, second));
        run.AssertGeneratorDidNotFail();
        using var loaded = InMemoryGeneratorHarness.EmitAndLoad(run);
        var gradient = loaded.StaticMethod<ScalarGradient>("Split.Model", "FGradient");

        foreach (var x in new[] { -1.3, 0.2, 0.9 })
        {
            gradient(x, out var dx);

            // d/dx [sin x + eˣ cos x + √(1 + x²) + tanh x + πx]
            var expected = Math.Cos(x) + Math.Exp(x) * (Math.Cos(x) - Math.Sin(x)) + x / Math.Sqrt(1 + x * x) + (1 - Math.Tanh(x) * Math.Tanh(x)) + Math.PI;
            Assert.Equal(expected, dx, 12);
        }
    }

    private delegate double Primal(double x, double y, double[] w, int n);

    private delegate double Gradient(double x, double y, double[] w, int n, out double dx, out double dy, Span<double> dw);

    private delegate double Jvp(double x, double y, double[] w, int n, double dx, double dy, ReadOnlySpan<double> dw, out double dResult);
}
