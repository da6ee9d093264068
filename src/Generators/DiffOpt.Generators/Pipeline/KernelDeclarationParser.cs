using System.Linq;
using System.Threading;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Kernels;
using DiffOpt.Generators.Model;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.Pipeline;

/// <summary>
/// First pipeline step for a <c>[Kernel(nameof(F))]</c> class: find <c>F</c> in the containing type, lower it, and
/// check that it can become a kernel. Anything wrong gives no model (the analyzer reports DOPT0020–DOPT0024).
/// </summary>
internal static class KernelDeclarationParser
{
    /// <summary>The type every generated kernel file needs: without the DiffOpt.Ilgpu package nothing is emitted.</summary>
    public const string DeviceTypeName = "DiffOpt.Ilgpu.IlgpuDevice";

    public static KernelModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol kernelClass || context.Attributes.Length != 1
            || context.SemanticModel.Compilation.GetTypeByMetadataName(DeviceTypeName) is null)
        {
            return null;
        }

        var binding = KernelDeclarations.Bind(kernelClass, context.Attributes[0], cancellationToken);
        if (binding.Primal is null || binding.Problems.Count > 0)
        {
            return null;
        }

        var type = SymbolModels.TypeChainOf(kernelClass, cancellationToken);
        var lowered = type is null ? null : PrimalLowering.Lower(binding.Primal, context.SemanticModel, cancellationToken);
        if (type is null || lowered is null || KernelSupport.Check(lowered, binding.Shared).Count > 0)
        {
            return null;
        }

        return new KernelModel(
            type,
            lowered,
            binding.Shared.ToEquatableArray(),
            SymbolModels.Cref(binding.Primal),
            SymbolModels.HintName(binding.Primal, "Kernels." + kernelClass.Name));
    }
}
