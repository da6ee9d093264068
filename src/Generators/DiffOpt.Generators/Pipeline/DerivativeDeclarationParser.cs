using System.Linq;
using System.Threading;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Pipeline;

/// <summary>First pipeline step for a <c>[Gradient]</c>/<c>[Jvp]</c> declaration: bind it to its primal and lower the primal.</summary>
internal static class DerivativeDeclarationParser
{
    public static DerivativeModel? Parse(GeneratorAttributeSyntaxContext context, DerivativeKind kind, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol declaration || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length != 1)
        {
            return null;
        }

        var binding = DerivativeBinder.Bind(declaration, context.Attributes[0], kind, cancellationToken);
        var type = SymbolModels.TypeChainOf(declaration.ContainingType, cancellationToken);
        if (!binding.IsValid || type is null)
        {
            return null;
        }

        var primal = binding.Primal!;
        if (Signatures.SolverBinder.IsDifferentiableSolver(primal))
        {
            // [Vjp]/[Jvp] of an [ImplicitDiff] solver: SolverDeclarationParser.ParseSolverDerivative implements it.
            return null;
        }

        var lowered = PrimalLowering.Lower(primal, context.SemanticModel, cancellationToken);
        if (lowered is null)
        {
            return null;
        }

        var shell = new MethodShell(
            SymbolModels.Modifiers(declaration, syntax),
            declaration.ReturnsVoid ? "void" : SymbolModels.TypeName(declaration.ReturnType),
            declaration.Name,
            declaration.Parameters.Select(SymbolModels.Parameter).ToEquatableArray());

        return new DerivativeModel(
            type,
            kind,
            shell,
            lowered,
            binding.Inputs.ToEquatableArray(),
            binding.ResultTangent,
            binding.ReturnsValue,
            SymbolModels.Cref(primal),
            !string.IsNullOrWhiteSpace(declaration.GetDocumentationCommentXml(cancellationToken: cancellationToken)) || syntax.GetLeadingTrivia().Any(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SingleLineDocumentationCommentTrivia)),
            SymbolModels.HintName(declaration, kind.ToString()));
    }
}
