using System.Linq;
using System.Threading;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.Signatures;

/// <summary>
/// When differentiable code may call a <c>[Gradient]</c> declaration: it binds, and it is a vector-valued function of its
/// inputs whose outputs are all gradient spans. These are the conditions under which the generator emits the
/// declaration's call helpers (<c>GradientCallEmitter</c>), so a caller never references a missing helper.
/// </summary>
internal static class GradientCallRules
{
    /// <summary>Binds a called <c>[Gradient]</c> declaration; on failure, says why in words fit for a diagnostic.</summary>
    public static bool TryBind(IMethodSymbol declaration, CancellationToken cancellationToken, out IMethodSymbol? primal, out string reason)
    {
        primal = null;
        reason = string.Empty;
        var definition = declaration.PartialDefinitionPart ?? declaration;
        var attribute = definition.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.GradientAttribute);
        if (attribute is null)
        {
            reason = "it is not a [Gradient] declaration";
            return false;
        }

        var binding = DerivativeBinder.Bind(definition, attribute, DerivativeKind.Gradient, cancellationToken);
        if (!binding.IsValid || binding.Primal is null)
        {
            reason = "its [Gradient] declaration is not valid (see the diagnostics on it)";
            return false;
        }

        if (binding.Inputs.FirstOrDefault(i => !i.IsVector) is { } scalar)
        {
            reason = "differentiable code can call a [Gradient] declaration only when every gradient it computes is a Span<double> output; '"
                + scalar.DerivativeParameter + "' is an out double. Declare a gradient with respect to array or span inputs only for this use";
            return false;
        }

        if (TypeMapping.IsSinglePrecision(binding.Primal.ReturnType) || binding.Primal.Parameters.Any(p => TypeMapping.IsSinglePrecision(p.Type)))
        {
            reason = "calls of [Gradient] declarations of float functions are not supported; write the function in double";
            return false;
        }

        primal = binding.Primal;
        return true;
    }
}
