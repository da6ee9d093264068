extern alias GeneratorAssembly;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DiffOpt.Ilgpu.Tests;

/// <summary>
/// The generated kernel files for Snapshots/Kernels/Input.cs (a vmap kernel in double, a float map-reduce kernel),
/// compared exactly with the committed files next to it; the output must compile against ILGPU and DiffOpt.Ilgpu.
/// After an intended change, run with DIFFOPT_UPDATE_SNAPSHOTS=1 and review the diff.
/// </summary>
public sealed class KernelSnapshotTests
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    [Fact]
    public void Generated_kernels_match_the_snapshot_and_compile()
    {
        var folder = Path.Combine(SourceDirectory(), "Snapshots", "Kernels");
        var (files, compilation) = Run(File.ReadAllText(Path.Combine(folder, "Input.cs")));
        var kernels = files.Where(f => f.HintName.Contains(".Kernels.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, kernels.Count);

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        if (Environment.GetEnvironmentVariable("DIFFOPT_UPDATE_SNAPSHOTS") == "1")
        {
            foreach (var stale in Directory.EnumerateFiles(folder, "*.g.cs"))
            {
                File.Delete(stale);
            }

            foreach (var (hint, text) in kernels)
            {
                File.WriteAllText(Path.Combine(folder, hint), text);
            }

            return;
        }

        var expected = Directory.EnumerateFiles(folder, "*.g.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, kernels.Select(k => k.HintName).Order(StringComparer.Ordinal).ToList());
        foreach (var (hint, text) in kernels)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(folder, hint)).ReplaceLineEndings("\n"), text);
        }
    }

    [Fact]
    public void Two_runs_generate_identical_kernels()
    {
        var input = File.ReadAllText(Path.Combine(SourceDirectory(), "Snapshots", "Kernels", "Input.cs"));
        Assert.Equal(Run(input).Files, Run(input).Files);
    }

    private static (List<(string HintName, string Text)> Files, Compilation Output) Run(string source)
    {
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DiffOpt.DifferentiableAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(IlgpuDevice).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(ILGPU.ArrayView<double>).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "KernelSnapshot",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Input.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([new GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var files = driver.GetRunResult().Results.Single().GeneratedSources
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .OrderBy(f => f.HintName, StringComparer.Ordinal)
            .ToList();
        return (files, output);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
