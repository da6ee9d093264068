using System.Collections.Generic;
using System.Threading;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Signatures;

/// <summary>
/// For the analyzer: finds, on the exact syntax of a <c>[TorchFunction]</c> target, what the elementwise lowering cannot
/// take (DOPT0027: loops, element access, arrays, int arithmetic; DOPT0028: calls other than <c>Math</c> primitives).
/// The generator's lowering works on the IR and refuses the same constructs.
/// </summary>
internal static class TorchElementwiseChecker
{
    private const string Remedy = "set UseAutogradFunction = true on the [TorchFunction] attribute to run the method as a torch.autograd.Function over its generated pullback";

    public static IEnumerable<Diagnostic> Check(IMethodSymbol target, string declarationName, Compilation compilation, CancellationToken cancellationToken)
    {
        var body = MethodLowering.FindBodySyntax(target, cancellationToken);
        if (body is null)
        {
            yield break;
        }

        var model = compilation.GetSemanticModel(body.SyntaxTree);
        SyntaxNode root = (SyntaxNode?)body.Body ?? body.ExpressionBody!;
        foreach (var node in root.DescendantNodesAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case ForStatementSyntax s:
                    yield return NotElementwise(s.ForKeyword.GetLocation(), "A 'for' loop", declarationName, "loops have no elementwise form; " + Remedy);
                    break;
                case WhileStatementSyntax s:
                    yield return NotElementwise(s.WhileKeyword.GetLocation(), "A 'while' loop", declarationName, "loops have no elementwise form; " + Remedy);
                    break;
                case DoStatementSyntax s:
                    yield return NotElementwise(s.DoKeyword.GetLocation(), "A 'do' loop", declarationName, "loops have no elementwise form; " + Remedy);
                    break;
                case ForEachStatementSyntax s:
                    yield return NotElementwise(s.ForEachKeyword.GetLocation(), "A 'foreach' loop", declarationName, "loops have no elementwise form; " + Remedy);
                    break;
                case ElementAccessExpressionSyntax e:
                    yield return NotElementwise(e.GetLocation(), "An element access", declarationName, "the elementwise form has no arrays; " + Remedy);
                    break;
                case ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or StackAllocArrayCreationExpressionSyntax:
                    yield return NotElementwise(node.GetLocation(), "A local array", declarationName, "the elementwise form has no arrays; " + Remedy);
                    break;
                case VariableDeclarationSyntax v when v.Parent is not ForStatementSyntax && model.GetTypeInfo(v.Type, cancellationToken).Type is { } type
                    && type is not IArrayTypeSymbol && type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Boolean):
                    yield return NotElementwise(v.Type.GetLocation(), "A local of type '" + type.ToDisplayString() + "'", declarationName, "elementwise code computes with double (and bool conditions) only; " + Remedy);
                    break;
                case CastExpressionSyntax c when model.GetTypeInfo(c.Type, cancellationToken).Type is { } type
                    && type.SpecialType != SpecialType.System_Double:
                    yield return NotElementwise(c.GetLocation(), "A conversion to '" + type.ToDisplayString() + "'", declarationName, "elementwise code computes with double only; " + Remedy);
                    break;
                case InvocationExpressionSyntax call when model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method && !HasTensorForm(method):
                    yield return Diagnostic.Create(DiagnosticDescriptors.TorchCallWithoutTensorForm, call.Expression.GetLocation(), method.ContainingType.Name + "." + method.Name, declarationName,
                        "only Math functions with a derivative rule, Math.Sign and Ad.StopGradient are lowered; calls of other methods are not inlined into tensor code — give the callee its own [TorchFunction] and compose the two in TorchSharp, or " + Remedy);
                    break;
            }
        }
    }

    private static bool HasTensorForm(IMethodSymbol method)
    {
        var type = method.ContainingType?.ToDisplayString();
        if (type is "System.Math" or "System.MathF")
        {
            return method.Name == "Sign" || PrimitiveTable.TryFind(method.Name, method.Parameters.Length, out _);
        }

        return type == KnownNames.AdClass && method.Name == "StopGradient";
    }

    private static Diagnostic NotElementwise(Location location, string what, string declarationName, string why) =>
        Diagnostic.Create(DiagnosticDescriptors.TorchNotElementwise, location, what, declarationName, why);
}
