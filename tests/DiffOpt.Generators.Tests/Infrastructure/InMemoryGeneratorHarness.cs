extern alias GeneratorAssembly;

using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using DiffOptGenerator = GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator;

namespace DiffOpt.Generators.Tests.Infrastructure;

/// <summary>
/// Runs the DiffOpt generator in memory, for tests that make up their sources at run time: source text →
/// <see cref="CSharpCompilation"/> against the net10.0 reference assemblies and the DiffOpt runtime →
/// <see cref="CSharpGeneratorDriver"/> with <see cref="DiffOptGenerator"/> → emit → load in a collectible
/// <see cref="AssemblyLoadContext"/>.
/// </summary>
public static class InMemoryGeneratorHarness
{
    /// <summary>The diagnostic Roslyn reports when a generator throws.</summary>
    public const string GeneratorThrewDiagnosticId = "CS8785";

    /// <summary>What <c>SafeOutput</c> writes when emission of one method failed inside the generator.</summary>
    public const string EmissionFailureMarker = "#error DiffOpt could not generate";

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location),
    ];

    /// <summary>A library compilation of <paramref name="sources"/> (no generator run yet).</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "InMemory" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Source" + i + ".cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs the DiffOpt generator on <paramref name="compilation"/>.</summary>
    public static GeneratorRun RunGenerator(Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new DiffOptGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(output, diagnostics, driver.GetRunResult());
    }

    /// <summary>
    /// Source text → generator → emit → load. Fails the test when the generator fails or the code with the
    /// generated files does not compile (the message shows the generated files that have errors).
    /// </summary>
    public static LoadedAssembly GenerateAndLoad(params string[] sources)
    {
        var run = RunGenerator(CreateCompilation(sources));
        run.AssertGeneratorDidNotFail();
        return EmitAndLoad(run);
    }

    /// <summary>Emits the output of <paramref name="run"/> and loads it into a fresh collectible context.</summary>
    public static LoadedAssembly EmitAndLoad(GeneratorRun run)
    {
        using var stream = new MemoryStream();
        var result = run.OutputCompilation.Emit(stream);
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            throw new Xunit.Sdk.XunitException(
                "The compilation with generated code has errors:\n" + string.Join("\n", errors.Take(20)) + "\n\nGenerated files with errors:\n" + run.GeneratedSourceText(errors));
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext("DiffOptInMemory", isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }
}

/// <summary>The outcome of one in-memory generator run.</summary>
public sealed class GeneratorRun
{
    public GeneratorRun(Compilation outputCompilation, ImmutableArray<Diagnostic> driverDiagnostics, GeneratorDriverRunResult result)
    {
        OutputCompilation = outputCompilation;
        DriverDiagnostics = driverDiagnostics;
        Result = result;
    }

    /// <summary>The input compilation plus the generated trees.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>Diagnostics the driver reported (a throwing generator shows up here as CS8785).</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    public GeneratorDriverRunResult Result { get; }

    public IEnumerable<GeneratedSourceResult> GeneratedSources => Result.Results.SelectMany(r => r.GeneratedSources);

    /// <summary>Errors of the output compilation.</summary>
    public IReadOnlyList<Diagnostic> CompilationErrors =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>Warnings reported inside generated files.</summary>
    public IReadOnlyList<Diagnostic> GeneratedCodeWarnings =>
        OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && GeneratedSources.Any(s => s.SyntaxTree == tree))
            .ToList();

    /// <summary>
    /// The generator neither threw (no exception in the run result, no CS8785) nor failed to emit a method
    /// (no <c>#error</c> marker in generated code).
    /// </summary>
    public void AssertGeneratorDidNotFail()
    {
        AssertGeneratorDidNotThrow();
        var failed = EmissionFailures.ToList();
        Assert.True(failed.Count == 0, "The generator failed to emit:\n" + string.Join("\n", failed.Select(f => f.SourceText.ToString())));
    }

    /// <summary>No exception in the run result and no CS8785 (a generator that threw loses all its output).</summary>
    public void AssertGeneratorDidNotThrow()
    {
        foreach (var result in Result.Results)
        {
            Assert.True(result.Exception is null, "The generator threw: " + result.Exception);
        }

        var crashes = DriverDiagnostics.Concat(Result.Diagnostics).Where(d => d.Id == InMemoryGeneratorHarness.GeneratorThrewDiagnosticId).ToList();
        Assert.True(crashes.Count == 0, "CS8785: " + string.Join("\n", crashes));
    }

    /// <summary>Generated files in which the generator reported an internal failure to emit.</summary>
    public IEnumerable<GeneratedSourceResult> EmissionFailures =>
        GeneratedSources.Where(s => s.SourceText.ToString().Contains(InMemoryGeneratorHarness.EmissionFailureMarker, StringComparison.Ordinal));

    /// <summary>The generated files that hold a diagnostic (or all of them), for failure messages.</summary>
    public string GeneratedSourceText(IEnumerable<Diagnostic>? near = null)
    {
        var trees = near?.Select(d => d.Location.SourceTree).Where(t => t is not null).ToHashSet();
        var sources = GeneratedSources.Where(s => trees is null || trees.Count == 0 || trees.Contains(s.SyntaxTree));
        return string.Join("\n\n", sources.Select(s => "// " + s.HintName + "\n" + s.SourceText));
    }
}

/// <summary>An in-memory assembly in its own collectible load context; disposing unloads it.</summary>
public sealed class LoadedAssembly : IDisposable
{
    private readonly AssemblyLoadContext context;

    public LoadedAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        this.context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>A delegate of type <typeparamref name="T"/> bound to the public static method <paramref name="typeName"/>.<paramref name="methodName"/>.</summary>
    public T StaticMethod<T>(string typeName, string methodName)
        where T : Delegate
    {
        var type = Assembly.GetType(typeName, throwOnError: true)!;
        var method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new Xunit.Sdk.XunitException($"No public static method {typeName}.{methodName}");
        return method.CreateDelegate<T>();
    }

    public void Dispose() => context.Unload();
}
