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

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
