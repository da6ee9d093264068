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

    private delegate double Primal(double x, double y, double[] w, int n);

    private delegate double Gradient(double x, double y, double[] w, int n, out double dx, out double dy, Span<double> dw);

    private delegate double Jvp(double x, double y, double[] w, int n, double dx, double dy, ReadOnlySpan<double> dw, out double dResult);
}
