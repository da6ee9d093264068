using System.Linq;
using System.Threading;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Pipeline;

/// <summary>First pipeline step for a <c>[Differentiable]</c> method: lower it, or drop it (the analyzer reports why).</summary>
internal static class DifferentiableMethodParser
{
    public static DifferentiableMethodModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax)
        {
            return null;
        }

        if (MethodLowering.HasCustomDerivative(method) && CustomDerivatives.Find(method, cancellationToken) is not null)
        {
            // Its helpers come from the [DerivativeOf] method instead.
            return null;
        }

        if (method.ContainingType.GetMembers().Any(m => m.Name.StartsWith(method.Name + "__", System.StringComparison.Ordinal)))
        {
            // The user already declared a member with a helper's name; generating ours would be CS0111.
            return null;
        }

        var type = SymbolModels.TypeChainOf(method.ContainingType, cancellationToken);
        var lowered = type is null ? null : PrimalLowering.Lower(method, context.SemanticModel, cancellationToken);
        if (type is null || lowered is null)
        {
            return null;
        }

        return new DifferentiableMethodModel(
            type,
            DerivativeDeclarationBuilder.Accessibility(method.DeclaredAccessibility),
            method.IsStatic,
            lowered,
            method.Parameters.Select(SymbolModels.Parameter).ToEquatableArray(),
            SymbolModels.Cref(method),
            SymbolModels.HintName(method, "Derivatives"));
    }
}
