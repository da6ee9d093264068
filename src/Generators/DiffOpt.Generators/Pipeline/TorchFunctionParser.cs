using System.Linq;
using System.Threading;
using DiffOpt.Generators.Emit;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Pipeline;

/// <summary>First pipeline step for a <c>[TorchFunction]</c> declaration: bind it to its target and, for the elementwise form, lower the target to tensor statements.</summary>
internal static class TorchFunctionParser
{
    public static TorchFunctionModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol declaration || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length != 1)
        {
            return null;
        }

        // Generated code calls DiffOpt.Torch; without the package there is nothing it could compile against.
        if (context.SemanticModel.Compilation.GetTypeByMetadataName("DiffOpt.Torch.TorchFunctionDefinition") is null)
        {
            return null;
        }

        var binding = TorchFunctionBinder.Bind(declaration, context.Attributes[0], cancellationToken);
        var type = SymbolModels.TypeChainOf(declaration.ContainingType, cancellationToken);
        if (!binding.IsValid || type is null)
        {
            return null;
        }

        var target = binding.Target!;
        var lowered = PrimalLowering.Lower(target, context.SemanticModel, cancellationToken);
        if (lowered is null && !(binding.Form == TorchLoweringForm.AutogradFunction && MethodLowering.HasCustomDerivative(target)))
        {
            // No helpers will exist (the analyzer reports why on the target).
            return null;
        }

        EquatableArray<string>? body = null;
        if (binding.Form == TorchLoweringForm.Elementwise)
        {
            var sameType = SymbolEqualityComparer.Default.Equals(target.ContainingType, declaration.ContainingType);
            var lines = TorchElementwiseLowering.Lower(lowered!, declaration.Parameters.Select(p => SymbolModels.EscapeIdentifier(p.Name)).ToList(), sameType);
            if (lines is null)
            {
                return null;
            }

            body = lines.ToEquatableArray();
        }

        var shell = new MethodShell(
            SymbolModels.Modifiers(declaration, syntax),
            SymbolModels.TypeName(declaration.ReturnType),
            declaration.Name,
            declaration.Parameters.Select(SymbolModels.Parameter).ToEquatableArray());

        return new TorchFunctionModel(
            type,
            shell,
            binding.Form,
            SymbolModels.TypeName(target.ContainingType),
            SymbolModels.EscapeIdentifier(target.Name),
            target.ContainingType.ToDisplayString() + "." + target.Name,
            SymbolModels.TypeName(target.ContainingType) + "." + SymbolModels.Cref(target),
            binding.Parameters.Select(p => new TorchParameterModel(p.Role, SymbolModels.EscapeIdentifier(p.DeclarationName))).ToEquatableArray(),
            body,
            !string.IsNullOrWhiteSpace(declaration.GetDocumentationCommentXml(cancellationToken: cancellationToken)) || syntax.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)),
            SymbolModels.HintName(declaration, "Torch"));
    }
}
