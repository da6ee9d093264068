using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Pipeline;

/// <summary>First pipeline step for a <c>[DerivativeOf]</c> method: bind it to the method it differentiates.</summary>
internal static class CustomDerivativeParser
{
    public static CustomDerivativeModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol derivative || context.TargetNode is not MethodDeclarationSyntax || context.Attributes.Length != 1)
        {
            return null;
        }

        var targetName = context.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string;
        var candidates = derivative.ContainingType.GetMembers(targetName ?? string.Empty).OfType<IMethodSymbol>().Where(m => !SymbolEqualityComparer.Default.Equals(m, derivative)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        // The contract (gradient or VJP) follows the target; among overloads, the binder picks the one repeated.
        var kind = CustomDerivatives.KindFor(candidates[0]);
        var binding = DerivativeBinder.Bind(derivative, context.Attributes[0], kind, cancellationToken, isCustomDerivative: true);
        var target = binding.Primal;
        var type = target is null ? null : SymbolModels.TypeChainOf(target.ContainingType, cancellationToken);
        if (!binding.IsValid || target is null || type is null || CustomDerivatives.KindFor(target) != kind)
        {
            return null;
        }

        var parameters = new List<IrParameter>();
        foreach (var parameter in target.Parameters)
        {
            if (!TypeMapping.TryMapParameter(parameter, out var irParameter))
            {
                return null;
            }

            parameters.Add(irParameter);
        }

        var primal = new IrFunction(target.Name, parameters.ToEquatableArray(), target.ReturnsVoid ? IrType.Void : IrType.Double, EquatableArray<IrStmt>.Empty);
        return new CustomDerivativeModel(
            type,
            DerivativeDeclarationBuilder.Accessibility(target.DeclaredAccessibility),
            target.IsStatic,
            primal,
            target.Parameters.Select(SymbolModels.Parameter).ToEquatableArray(),
            derivative.Name,
            binding.Inputs.ToEquatableArray(),
            SymbolModels.Cref(target),
            SymbolModels.HintName(target, "CustomDerivatives"));
    }
}
