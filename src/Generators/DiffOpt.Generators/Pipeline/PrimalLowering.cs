using System.Linq;
using System.Threading;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.Pipeline;

/// <summary>Lowers a primal for the generator: the IR of its body, or null when it has none, does not compile or is outside the subset.</summary>
internal static class PrimalLowering
{
    public static IrFunction? Lower(IMethodSymbol primal, SemanticModel contextModel, CancellationToken cancellationToken)
    {
        var body = MethodLowering.FindBodySyntax(primal, cancellationToken);
        if (body is null)
        {
            return null;
        }

        var model = body.SyntaxTree == contextModel.SyntaxTree ? contextModel : contextModel.Compilation.GetSemanticModel(body.SyntaxTree);
        if (model.GetDiagnostics(body.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // The body does not compile: the compiler's errors are what the user needs to see, not ours.
            return null;
        }

        return MethodLowering.Lower(primal, body, model, cancellationToken).Function;
    }
}
