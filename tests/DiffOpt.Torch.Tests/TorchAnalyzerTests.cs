extern alias AnalyzerAssembly;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DiffOpt.TorchTests;

/// <summary>The DiffOpt analyzer against the real TorchSharp assembly (the analyzer test project uses a stand-in Tensor type).</summary>
public class TorchAnalyzerTests
{
    private const string Source = """
        using System;
        using DiffOpt;
        using TorchSharp;
        using static TorchSharp.torch;

        public static partial class Model
        {
            [Differentiable]
            public static double Softplus(double x) => x > 20 ? x : Math.Log(1 + Math.Exp(x));

            [TorchFunction(nameof(Softplus))]
            public static partial Tensor SoftplusTorch(Tensor x);

            [Differentiable]
            public static double Rosenbrock(ReadOnlySpan<double> x) => (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);

            [TorchFunction(nameof(Rosenbrock))]
            public static partial Tensor RosenbrockTorch(Tensor x);
        }
        """;

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(bool referenceDiffOptTorch)
    {
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location));
        if (referenceDiffOptTorch)
        {
            references = references.Append(MetadataReference.CreateFromFile(typeof(DiffOpt.Torch.TorchFunctionDefinition).Assembly.Location));
        }

        var compilation = CSharpCompilation.Create("TorchAnalyzer", new[] { CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest)) }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new AnalyzerAssembly::DiffOpt.Analyzers.DiffOptAnalyzer());
        return await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
    }

    [Fact]
    public async Task Valid_declarations_against_real_TorchSharp_report_nothing()
    {
        var diagnostics = await AnalyzeAsync(referenceDiffOptTorch: true);
        Assert.Empty(diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden));
    }

    [Fact]
    public async Task Without_DiffOpt_Torch_each_declaration_gets_DOPT0026_naming_the_package()
    {
        var diagnostics = (await AnalyzeAsync(referenceDiffOptTorch: false)).Where(d => d.Id == "DOPT0026").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Contains("needs the DiffOpt.Torch package", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new[] { "SoftplusTorch", "RosenbrockTorch" }, diagnostics.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
    }
}
