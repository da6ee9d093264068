extern alias GeneratorAssembly;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrackingNames = GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator.TrackingNames;

namespace DiffOpt.Ilgpu.Tests;

/// <summary>
/// The [Kernel] pipeline step is incremental: after an edit elsewhere its output is Cached or Unchanged (no kernel file
/// is re-emitted), and after an edit of the kernelised method it is Modified.
/// </summary>
public sealed class KernelCachingTests
{
    private const string Source = """
        using System;
        using DiffOpt;

        public static partial class Model
        {
            [Differentiable]
            public static double F(double x, double y) => x * x * y + Math.Sin(y);

            [Kernel(nameof(F))]
            public static partial class FKernels;

            public static int Unrelated() => 1;
        }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_the_kernel_step_cached_and_an_edit_of_the_method_does_not()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DiffOpt.DifferentiableAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(IlgpuDevice).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(ILGPU.ArrayView<double>).Assembly.Location));
        var tree = CSharpSyntaxTree.ParseText(Source, parse, path: "Model.cs");
        var compilation = CSharpCompilation.Create("Caching", [tree], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator().AsSourceGenerator()],
            parseOptions: parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.FilePath.Contains(".Kernels.", StringComparison.Ordinal));

        var unrelated = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(Source.IndexOf("=> 1", StringComparison.Ordinal), 4, "=> 2")));
        var step = driver.RunGenerators(unrelated).GetRunResult().Results.Single().TrackedSteps[TrackingNames.KernelDeclarations];
        Assert.All(step.SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(Source.IndexOf("Math.Sin(y)", StringComparison.Ordinal), 11, "Math.Cos(y)")));
        var editedStep = driver.RunGenerators(edited).GetRunResult().Results.Single().TrackedSteps[TrackingNames.KernelDeclarations];
        Assert.Contains(editedStep.SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }
}
