extern alias GeneratorAssembly;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DiffOpt.Analyzers.Tests.Infrastructure;

/// <summary>Runs the generator and then the analyzer on plain source, for tests that inspect diagnostics directly.</summary>
internal static class AnalyzerRunner
{
    /// <summary>The compiler's errors for <paramref name="source"/> with the generated code added (no analyzer).</summary>
    public static ImmutableArray<Diagnostic> GetCompilerErrors(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Test0.cs");
        var compilation = CSharpCompilation.Create("Test", [tree], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        CSharpGeneratorDriver.Create(new GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
        return withGenerated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
    }

    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Test0.cs");
        var compilation = CSharpCompilation.Create("Test", [tree], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        CSharpGeneratorDriver.Create(new GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await withGenerated.WithAnalyzers([new DiffOptAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        if (exceptions.Count > 0)
        {
            throw new AggregateException("The analyzer threw.", exceptions);
        }

        return diagnostics;
    }
}
