using DiffOpt.Generators.Emit;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators;

/// <summary>
/// The DiffOpt source generator. For every <c>[Differentiable]</c> method it emits a pullback and a
/// pushforward (so other differentiable code can call it); for every <c>[Gradient]</c>/<c>[Jvp]</c> partial
/// declaration it emits the implementation. Anything it cannot handle produces no output and is reported by
/// the DiffOpt analyzers instead.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DiffOptGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public static class TrackingNames
    {
        /// <summary>Lowered <c>[Differentiable]</c> methods.</summary>
        public const string DifferentiableMethods = nameof(DifferentiableMethods);

        /// <summary>Bound <c>[Gradient]</c> declarations.</summary>
        public const string GradientDeclarations = nameof(GradientDeclarations);

        /// <summary>Bound <c>[Jvp]</c> declarations.</summary>
        public const string JvpDeclarations = nameof(JvpDeclarations);

        /// <summary>Bound <c>[Hvp]</c> declarations.</summary>
        public const string HvpDeclarations = nameof(HvpDeclarations);

        /// <summary>Bound <c>[Vjp]</c> declarations.</summary>
        public const string VjpDeclarations = nameof(VjpDeclarations);

        /// <summary>Bound <c>[DerivativeOf]</c> methods.</summary>
        public const string CustomDerivatives = nameof(CustomDerivatives);

        /// <summary>Bound <c>[Optimize]</c> declarations.</summary>
        public const string OptimizeDeclarations = nameof(OptimizeDeclarations);

        /// <summary>Bound <c>[ImplicitDiff]</c> solvers.</summary>
        public const string ImplicitDiffSolvers = nameof(ImplicitDiffSolvers);

        /// <summary>Bound <c>[Vjp]</c>/<c>[Jvp]</c> declarations of <c>[ImplicitDiff]</c> solvers.</summary>
        public const string SolverDerivativeDeclarations = nameof(SolverDerivativeDeclarations);
        /// <summary>Bound <c>[Kernel]</c> classes (ILGPU kernels).</summary>
        public const string KernelDeclarations = nameof(KernelDeclarations);
        /// <summary>Bound <c>[TorchFunction]</c> declarations.</summary>
        public const string TorchFunctions = nameof(TorchFunctions);

        /// <summary>Models that made it through (failures filtered out).</summary>
        public const string ValidModels = nameof(ValidModels);
    }

    /// <summary>
    /// Emits one file per model. Models are collected first so that two with the same file name (a pasted duplicate
    /// member, mid-edit) give one file instead of an exception that would disable the whole generator.
    /// </summary>
    private static void RegisterOutputs<T>(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<T?> models, System.Func<T, string> hintName, System.Func<T, string> describe, System.Func<T, string> emit)
        where T : class
    {
        context.RegisterSourceOutput(models.Collect(), (spc, all) =>
        {
            var written = new System.Collections.Generic.HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var model in all)
            {
                if (model is not null && written.Add(hintName(model)))
                {
                    SafeOutput.Add(spc, hintName(model), describe(model), () => emit(model));
                }
            }
        });
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var differentiable = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.DifferentiableAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => SafeOutput.Parse(() => DifferentiableMethodParser.Parse(ctx, ct)))
            .WithTrackingName(TrackingNames.DifferentiableMethods)
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.ValidModels);
        RegisterOutputs(context, differentiable, static model => model.HintName, static model => "the derivatives of " + model.Type.FullName + "." + model.Primal.Name, static model => DerivativeEmitter.EmitHelpers(model));

        var gradients = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.GradientAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => SafeOutput.Parse(() => DerivativeDeclarationParser.Parse(ctx, DerivativeKind.Gradient, ct)))
            .WithTrackingName(TrackingNames.GradientDeclarations)
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.ValidModels);
        RegisterOutputs(context, gradients, static model => model.HintName, static model => model.Type.FullName + "." + model.Declaration.Name, static model => DerivativeEmitter.Emit(model));

        var jvps = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.JvpAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => SafeOutput.Parse(() => DerivativeDeclarationParser.Parse(ctx, DerivativeKind.Jvp, ct)))
            .WithTrackingName(TrackingNames.JvpDeclarations)
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.ValidModels);
        RegisterOutputs(context, jvps, static model => model.HintName, static model => model.Type.FullName + "." + model.Declaration.Name, static model => DerivativeEmitter.Emit(model));

        var hvps = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.HvpAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => SafeOutput.Parse(() => DerivativeDeclarationParser.Parse(ctx, DerivativeKind.Hvp, ct)))
            .WithTrackingName(TrackingNames.HvpDeclarations)
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.ValidModels);
        var vjps = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.VjpAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => SafeOutput.Parse(() => DerivativeDeclarationParser.Parse(ctx, DerivativeKind.Vjp, ct)))
            .WithTrackingName(TrackingNames.VjpDeclarations)
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.ValidModels);
        RegisterOutputs(context, vjps, static model => model.HintName, static model => model.Type.FullName + "." + model.Declaration.Name, static model => DerivativeEmitter.Emit(model));

        var custom = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.DerivativeOfAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => SafeOutput.Parse(() => CustomDerivativeParser.Parse(ctx, ct)))
            .WithTrackingName(TrackingNames.CustomDerivatives)
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.ValidModels);
        RegisterOutputs(context, custom, static model => model.HintName, static model => "the derivatives of " + model.Type.FullName + "." + model.Primal.Name, static model => CustomDerivativeEmitter.Emit(model));

        var optimize = context.SyntaxProvider
            .ForAttributeWithMetadataName(Signatures.SolverBinder.OptimizeAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => SafeOutput.Parse(() => SolverDeclarationParser.ParseOptimize(ctx, ct)))
            .WithTrackingName(TrackingNames.OptimizeDeclarations)
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.ValidModels);
        RegisterOutputs(context, optimize, static model => model.HintName, static model => model.Type.FullName + "." + model.Declaration.Name, static model => OptimizeEmitter.Emit(model));
        RegisterOutputs(context, optimize, static model => model.HintName.Replace(".Optimize.", ".OptimizeGradient."), static model => "the gradient of " + model.Type.FullName + "." + model.Objective, static model => OptimizeEmitter.EmitValueAndGradient(model));
        RegisterOutputs(context, optimize, static model => model.HintName.Replace(".Optimize.", ".OptimizeHvp."), static model => "the Hessian-vector product of " + model.Type.FullName + "." + model.Objective, static model => OptimizeEmitter.EmitHessianVectorProduct(model));

        var implicitDiff = context.SyntaxProvider
            .ForAttributeWithMetadataName(Signatures.SolverBinder.ImplicitDiffAttribute, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => SafeOutput.Parse(() => SolverDeclarationParser.ParseImplicitDiff(ctx, ct)))
            .WithTrackingName(TrackingNames.ImplicitDiffSolvers)
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.ValidModels);
        RegisterOutputs(context, implicitDiff, static model => model.HintName, static model => "the implicit derivatives of " + model.Type.FullName + "." + model.Solver, static model => ImplicitDiffEmitter.Emit(model));

        foreach (var (attribute, kind) in new[] { (KnownNames.VjpAttribute, DerivativeKind.Vjp), (KnownNames.JvpAttribute, DerivativeKind.Jvp) })
        {
            var solverDerivatives = context.SyntaxProvider
                .ForAttributeWithMetadataName(attribute, static (node, _) => node is MethodDeclarationSyntax, (ctx, ct) => SafeOutput.Parse(() => SolverDeclarationParser.ParseSolverDerivative(ctx, kind, ct)))
                .WithTrackingName(TrackingNames.SolverDerivativeDeclarations)
                .Where(static m => m is not null)
                .WithTrackingName(TrackingNames.ValidModels);
            RegisterOutputs(context, solverDerivatives, static model => model.HintName, static model => model.Type.FullName + "." + model.Declaration.Name, static model => SolverDerivativeEmitter.Emit(model));
        }
        var kernels = context.SyntaxProvider
            .ForAttributeWithMetadataName(Kernels.KernelDeclarations.KernelAttribute, static (node, _) => node is ClassDeclarationSyntax, static (ctx, ct) => SafeOutput.Parse(() => KernelDeclarationParser.Parse(ctx, ct)))
            .WithTrackingName(TrackingNames.KernelDeclarations)
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.ValidModels);
        RegisterOutputs(context, kernels, static model => model.HintName, static model => "the ILGPU kernels " + model.Type.FullName, static model => IlgpuKernelEmitter.Emit(model));
        var torchFunctions = context.SyntaxProvider
            .ForAttributeWithMetadataName(Signatures.TorchFunctionBinder.AttributeName, static (node, _) => node is MethodDeclarationSyntax, static (ctx, ct) => SafeOutput.Parse(() => TorchFunctionParser.Parse(ctx, ct)))
            .WithTrackingName(TrackingNames.TorchFunctions)
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.ValidModels);
        RegisterOutputs(context, torchFunctions, static model => model.HintName, static model => model.Type.FullName + "." + model.Declaration.Name, static model => TorchSharpEmitter.Emit(model));

        RegisterOutputs(context, hvps, static model => model.HintName, static model => model.Type.FullName + "." + model.Declaration.Name, static model => DerivativeEmitter.Emit(model));
    }
}
