extern alias GeneratorAssembly;

using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DiffOpt.AdTests.Infrastructure;

/// <summary>
/// Runs the DiffOpt generator in memory on C# source, compiles the result and loads it (collectibly), for tests whose
/// programs are generated at run time or whose generated code must not break this project's own build.
/// Generated methods take spans, which reflection cannot pass: test sources expose array-taking wrappers instead.
/// </summary>
internal static class InMemoryGenerator
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The .NET 10 reference assemblies plus the DiffOpt runtime.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location))
            .ToImmutableArray();

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "AdTestInput" + Guid.NewGuid().ToString("N"),
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Input" + i.ToString(CultureInfo.InvariantCulture) + ".cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));

    /// <summary>Runs the generator once. Never throws for a generator failure: the caller inspects <see cref="RunOutput"/>.</summary>
    public static RunOutput Run(CSharpCompilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        return new RunOutput(result.Exception, driverDiagnostics.AddRange(result.Diagnostics), output, result.GeneratedSources.Select(s => s.HintName + ":\n" + s.SourceText).ToList());
    }

    /// <summary>
    /// Generates, compiles and loads <paramref name="sources"/>; fails the test on a generator exception, a CS8785
    /// (generator failed) warning, a DiffOpt error diagnostic or a compile error (showing the generated code).
    /// </summary>
    public static Assembly CompileAndLoad(params string[] sources)
    {
        var run = Run(CreateCompilation(sources));
        AssertGeneratorDidNotFail(run);
        var generatorErrors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(generatorErrors.Count == 0, "The generator reported errors:\n" + string.Join("\n", generatorErrors));
        using var stream = new MemoryStream();
        var emitted = run.Output.Emit(stream);
        if (!emitted.Success)
        {
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var files = errors.Select(e => e.Location.SourceTree).Where(t => t is not null).Distinct().Select(t => t!.FilePath + ":\n" + t.GetText()).Take(3);
            Assert.Fail("The generated code does not compile:\n" + string.Join("\n", errors.Take(20)) + "\n\n" + string.Join("\n\n", files));
        }

        stream.Position = 0;
        return new AssemblyLoadContext("adtest-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }

    /// <summary>A generator crash: an exception in the run result or the driver's CS8785 warning.</summary>
    public static void AssertGeneratorDidNotFail(RunOutput run, string? label = null)
    {
        Assert.True(run.Exception is null, (label ?? string.Empty) + " The generator threw: " + run.Exception);
        var crash = run.Diagnostics.FirstOrDefault(d => d.Id == "CS8785");
        Assert.True(crash is null, (label ?? string.Empty) + " The generator failed: " + crash);
    }

    /// <summary>A public static method of a loaded type, as a delegate.</summary>
    public static T Method<T>(Assembly assembly, string typeName, string methodName)
        where T : Delegate
    {
        var type = assembly.GetType(typeName) ?? throw new InvalidOperationException("No type " + typeName);
        var method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static) ?? throw new InvalidOperationException("No method " + typeName + "." + methodName);
        return method.CreateDelegate<T>();
    }
}

/// <summary>What one in-memory generator run produced.</summary>
internal sealed record RunOutput(Exception? Exception, ImmutableArray<Diagnostic> Diagnostics, Compilation Output, IReadOnlyList<string> GeneratedSources);
