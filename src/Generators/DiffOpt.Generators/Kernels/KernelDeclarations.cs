using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DiffOpt.Generators.FrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Kernels;

/// <summary>A <c>[Kernel]</c> class bound to its primal, or the reasons it cannot be (DOPT0024).</summary>
/// <param name="Primal">The <c>[Differentiable]</c> method, or null.</param>
/// <param name="Shared">The names in <c>Shared</c>.</param>
/// <param name="Problems">What is wrong with the declaration itself.</param>
internal sealed record KernelBinding(IMethodSymbol? Primal, IReadOnlyList<string> Shared, IReadOnlyList<string> Problems);

/// <summary>
/// Binds a <c>[Kernel(nameof(F))]</c> class: it must be a <c>static partial</c> class nested (with every containing
/// type partial) in the type that declares the static <c>[Differentiable]</c> method <c>F</c>. Shared by the generator
/// and the analyzer.
/// </summary>
internal static class KernelDeclarations
{
    public const string KernelAttribute = "DiffOpt.KernelAttribute";

    public static KernelBinding Bind(INamedTypeSymbol kernelClass, AttributeData attribute, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var shared = new List<string>();
        foreach (var argument in attribute.NamedArguments.Where(a => a.Key == "Shared"))
        {
            if (!argument.Value.IsNull && argument.Value.Kind == TypedConstantKind.Array)
            {
                shared.AddRange(argument.Value.Values.Select(v => v.Value as string).Where(v => v is not null)!);
            }
        }

        if (!kernelClass.IsStatic || kernelClass.TypeKind != TypeKind.Class)
        {
            problems.Add("'" + kernelClass.Name + "' must be a static class: ILGPU kernels are static methods");
        }

        var isPartial = kernelClass.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
            .Any(d => d.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));
        if (!isPartial || !MethodLowering.IsPartialChain(kernelClass, cancellationToken))
        {
            problems.Add("'" + kernelClass.Name + "' and every type containing it must be declared 'partial' so the generator can add the kernels");
        }

        var name = attribute.ConstructorArguments.FirstOrDefault().Value as string;
        var owner = kernelClass.ContainingType;
        if (owner is null)
        {
            problems.Add("'" + kernelClass.Name + "' must be nested in the type that declares '" + name + "'");
            return new KernelBinding(null, shared, problems);
        }

        var candidates = owner.GetMembers(name ?? string.Empty).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        IMethodSymbol? primal = null;
        if (candidates.Count == 0)
        {
            problems.Add("'" + name + "' names no method of '" + owner.Name + "'");
        }
        else if (candidates.Count > 1)
        {
            problems.Add("'" + name + "' names " + candidates.Count + " overloads in '" + owner.Name + "'; a kernel needs exactly one");
        }
        else if (!MethodLowering.IsDifferentiable(candidates[0]))
        {
            problems.Add("'" + name + "' is not marked [Differentiable]");
        }
        else if (!candidates[0].IsStatic)
        {
            problems.Add("'" + name + "' must be static: a kernel cannot reach an instance");
        }
        else
        {
            primal = candidates[0];
        }

        return new KernelBinding(primal, shared, problems);
    }
}
