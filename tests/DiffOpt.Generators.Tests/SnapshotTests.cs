using System.Globalization;
using System.Reflection;
using DiffOpt.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DiffOpt.Generators.Tests;

/// <summary>
/// The generated code for a representative set of methods, compared exactly with the committed files under
/// Snapshots/&lt;case&gt;/ (Input.cs is the user's code, every other file is one generated file named by its hint
/// name). After an intended change to the emitted code, run the tests with DIFFOPT_UPDATE_SNAPSHOTS=1 and review
/// the diff of the rewritten files.
/// </summary>
public sealed class SnapshotTests
{
    /// <summary>Every case, one per folder under Snapshots/.</summary>
    private static readonly string[] CaseNames =
    [
        "ScalarMath",
        "SpanIndexReads",
        "EarlyReturn",
        "Conditional",
        "CallsDifferentiable",
        "InstanceMethod",
        "NestedGenericType",
        "JvpDeclaration",
        "SubsetGradient",
        "Constants",
        "KeywordNames",
        "OptimizeImplicitDiff",
        "ImplicitDiffCondition",
        "ImplicitInstance",
    ];

    public static TheoryData<string> Cases => new(CaseNames);

    /// <summary>Cultures whose number formatting differs from the invariant one ("0,5", U+2212 minus, …).</summary>
    public static readonly TheoryData<string> Cultures = new() { "de-DE", "fr-FR", "sv-SE" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_code_matches_the_snapshot(string caseName)
    {
        var output = SnapshotHarness.Run(SnapshotHarness.CreateCompilation(ReadInput(caseName)));

        Assert.Empty(output.Diagnostics);
        Assert.NotEmpty(output.Files);

        // A snapshot of code that does not compile would be worthless.
        var errors = output.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "Generated code of " + caseName + " does not compile:\n" + string.Join("\n", errors));

        SnapshotHarness.Verify(caseName, output.Files);
    }

    [Fact]
    public void Every_snapshot_folder_is_a_case()
    {
        var folders = Directory.EnumerateDirectories(SnapshotHarness.SnapshotRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var cases = CaseNames.Order(StringComparer.Ordinal);
        Assert.Equal(cases, folders);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Two_runs_generate_identical_text(string caseName)
    {
        // Fresh compilations and drivers each time, so nothing is shared between the runs.
        var first = SnapshotHarness.Run(SnapshotHarness.CreateCompilation(ReadInput(caseName))).Files;
        var second = SnapshotHarness.Run(SnapshotHarness.CreateCompilation(ReadInput(caseName))).Files;
        SnapshotHarness.AssertSameFiles(first, second, caseName + ", second run");
    }

    [Fact]
    public void Generated_text_does_not_depend_on_the_order_of_the_input_files()
    {
        var inputs = CaseNames.Select(ReadInput).ToArray();
        var forward = SnapshotHarness.Run(SnapshotHarness.CreateCompilation(inputs)).Files;
        var backward = SnapshotHarness.Run(SnapshotHarness.CreateCompilation(inputs.Reverse().ToArray())).Files;
        SnapshotHarness.AssertSameFiles(forward, backward, "input files in reverse order");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Generated_text_does_not_depend_on_the_current_culture(string cultureName)
    {
        // Guard: without ICU culture data every culture formats like the invariant one and this test would prove nothing.
        var culture = CultureInfo.GetCultureInfo(cultureName);
        Assert.NotEqual(CultureInfo.InvariantCulture.NumberFormat.NumberDecimalSeparator, culture.NumberFormat.NumberDecimalSeparator);

        foreach (var caseName in CaseNames)
        {
            var invariant = SnapshotHarness.WithCulture(string.Empty, () => SnapshotHarness.Run(SnapshotHarness.CreateCompilation(ReadInput(caseName))).Files);
            var local = SnapshotHarness.WithCulture(cultureName, () => SnapshotHarness.Run(SnapshotHarness.CreateCompilation(ReadInput(caseName))).Files);
            SnapshotHarness.AssertSameFiles(invariant, local, caseName + " under " + cultureName);
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Constants_round_trip_exactly_in_any_culture(string cultureName)
    {
        var output = SnapshotHarness.WithCulture(cultureName, () => SnapshotHarness.Run(SnapshotHarness.CreateCompilation(ReadInput("Constants"))));

        // Every double literal the generator wrote, as the C# compiler reads it back.
        var literals = output.Files
            .SelectMany(f => CSharpSyntaxTree.ParseText(f.Text, SnapshotHarness.ParseOptions).GetRoot().DescendantTokens())
            .Where(t => t.IsKind(SyntaxKind.NumericLiteralToken) && t.Value is double)
            .Select(t => (double)t.Value!)
            .ToHashSet();
        Assert.Contains(0.1, literals);
        Assert.Contains(1e-300, literals);
        Assert.Contains(1.0 / 3.0, literals);
        Assert.Contains(0.5, literals);
        Assert.Contains((double)1.5f, literals);
        Assert.Contains(12345.678, literals);

        // And the compiled gradients carry the constants bit for bit: d(c·x)/dx is exactly c.
        var functions = SnapshotHarness.EmitAndLoad(output.OutputCompilation).GetType("Snapshots.Constants.Functions", throwOnError: true)!;
        Assert.Equal(0.1, Derivative(functions, "TenthGradient", 2.0));
        Assert.Equal(1e-300, Derivative(functions, "TinyGradient", 2.0));
        Assert.Equal(1.0 / 3.0, Derivative(functions, "ThirdGradient", 2.0));
        Assert.Equal((-0.5 * 2.0 * 2.0) + ((double)1.5f * 2.0) + 12345.678, Value(functions, "MixedGradient", 2.0));
    }

    private static double Derivative(Type functions, string gradient, double x)
    {
        var arguments = new object?[] { x, null };
        functions.GetMethod(gradient, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);
        return (double)arguments[1]!;
    }

    private static double Value(Type functions, string gradient, double x) =>
        (double)functions.GetMethod(gradient, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object?[] { x, null })!;

    private static string ReadInput(string caseName) =>
        File.ReadAllText(Path.Combine(SnapshotHarness.SnapshotRoot, caseName, SnapshotHarness.InputFileName));
}
