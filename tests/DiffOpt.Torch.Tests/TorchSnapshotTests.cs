extern alias GeneratorAssembly;

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DiffOpt.TorchTests;

/// <summary>
/// The TorchSharp code the generator emits for [TorchFunction] declarations, compared exactly with the committed files
/// under Snapshots/TorchFunctions (Input.cs is the user's code). The generated code must also compile against TorchSharp
/// and DiffOpt.Torch. After an intended change, run with DIFFOPT_UPDATE_SNAPSHOTS=1 and review the diff.
/// </summary>
public class TorchSnapshotTests
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(DiffOpt.Torch.TorchFunctionDefinition).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location))
            .ToImmutableArray();

    [Fact]
    public void Generated_TorchSharp_code_matches_the_snapshot_and_compiles()
    {
        var folder = Path.Combine(SourceDirectory(), "Snapshots", "TorchFunctions");
        var compilation = CSharpCompilation.Create(
            "TorchSnapshot",
            new[] { CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(folder, "Input.cs")), ParseOptions, path: "Input.cs") },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(diagnostics);

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "Generated code does not compile:\n" + string.Join("\n", errors));

        // Only the TorchSharp files are this suite's business; the derivative helpers have their own snapshots.
        var files = result.GeneratedSources.Where(s => System.Text.RegularExpressions.Regex.IsMatch(s.HintName, @"\.Torch\.[0-9a-f]{8}\.g\.cs$"))
            .OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        Assert.Equal(3, files.Count);
        var update = Environment.GetEnvironmentVariable("DIFFOPT_UPDATE_SNAPSHOTS") == "1";
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.HintName);
            if (update)
            {
                File.WriteAllText(path, file.SourceText.ToString());
                continue;
            }

            Assert.True(File.Exists(path), "No snapshot " + file.HintName + " (run with DIFFOPT_UPDATE_SNAPSHOTS=1 and review)");
            Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), file.SourceText.ToString());
        }

        Assert.Equal(files.Select(f => f.HintName), Directory.EnumerateFiles(folder, "*.g.cs").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_TorchFunctions_step_cached_or_unchanged()
    {
        var folder = Path.Combine(SourceDirectory(), "Snapshots", "TorchFunctions");
        var input = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(folder, "Input.cs")), ParseOptions, path: "Input.cs");
        var other = CSharpSyntaxTree.ParseText("public static class Other { public static int One() => 1; }", ParseOptions, path: "Other.cs");
        var compilation = CSharpCompilation.Create("TorchCaching", new[] { input, other }, References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        const string step = GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator.TrackingNames.TorchFunctions;
        var first = driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(3, first.Count(o => o.Value is not null));

        // Models are plain values: nothing in them may hold a symbol, syntax node or compilation.
        foreach (var model in first.Select(o => o.Value).Where(v => v is not null))
        {
            foreach (var property in model!.GetType().GetProperties())
            {
                Assert.False(typeof(ISymbol).IsAssignableFrom(property.PropertyType) || typeof(SyntaxNode).IsAssignableFrom(property.PropertyType) || typeof(Compilation).IsAssignableFrom(property.PropertyType), property.Name);
            }
        }

        var edited = compilation.ReplaceSyntaxTree(other, CSharpSyntaxTree.ParseText("public static class Other { public static int One() => 1 + 1; }", ParseOptions, path: "Other.cs"));
        driver = driver.RunGenerators(edited);
        foreach (var (value, reason) in driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs))
        {
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "TorchFunctions re-produced " + value + " as " + reason);
        }
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
