extern alias GeneratorAssembly;
using System.Collections.Immutable;
using System.Text;
using DiffOpt.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DiffOpt.Analyzers.Tests;

public sealed class ScratchDump
{
    [Fact]
    public async Task Dump()
    {
        var output = new StringBuilder();
        foreach (var file in Directory.GetFiles("/tmp/dopt/in", "*.cs").OrderBy(f => f))
        {
            var text = File.ReadAllText(file);
            var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: Path.GetFileName(file));
            var compilation = CSharpCompilation.Create("t", [tree], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var driver = CSharpGeneratorDriver.Create(new GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator());
            driver.RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out var genDiags);
            var analyzed = withGenerated.WithAnalyzers([new DiffOptAnalyzer()]);
            var diags = await analyzed.GetAllDiagnosticsAsync();
            output.AppendLine("=== " + Path.GetFileName(file));
            foreach (var d in diags.Concat(genDiags).Where(d => d.Severity != DiagnosticSeverity.Hidden || d.Id.StartsWith("DOPT")).OrderBy(d => d.Location.SourceSpan.Start))
            {
                var span = d.Location.SourceSpan;
                var snippet = d.Location.IsInSource && d.Location.SourceTree == tree ? text.Substring(span.Start, span.Length) : "(other)";
                output.AppendLine($"{d.Id} {d.Severity} [{snippet}] {d.GetMessage()}");
            }
        }

        File.WriteAllText("/tmp/dopt/out.txt", output.ToString());
    }
}
