using System.Linq;
using System.Threading;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.Signatures;

/// <summary>Finds the valid <c>[DerivativeOf]</c> method of a method, the same way for the generator, its callers and the analyzer.</summary>
internal static class CustomDerivatives
{
    /// <summary>The kind of contract a custom derivative of <paramref name="target"/> follows.</summary>
    public static DerivativeKind KindFor(IMethodSymbol target) => target.ReturnsVoid ? DerivativeKind.Vjp : DerivativeKind.Gradient;

    /// <summary>
    /// The binding of the custom derivative of <paramref name="target"/> when one exists and the generator can use it
    /// (valid signature, bound to this very overload, in a partial type); null otherwise.
    /// </summary>
    public static DerivativeBinder.Binding? Find(IMethodSymbol target, CancellationToken cancellationToken)
    {
        if (target.ContainingType is not { } type)
        {
            return null;
        }

        foreach (var candidate in type.GetMembers().OfType<IMethodSymbol>())
        {
            foreach (var attribute in candidate.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != KnownNames.DerivativeOfAttribute
                    || attribute.ConstructorArguments.Length != 1
                    || attribute.ConstructorArguments[0].Value as string != target.Name)
                {
                    continue;
                }

                var binding = DerivativeBinder.Bind(candidate, attribute, KindFor(target), cancellationToken, isCustomDerivative: true);
                if (binding.IsValid && SymbolEqualityComparer.Default.Equals(binding.Primal, target) && MethodLowering.IsPartialChain(type, cancellationToken))
                {
                    return binding;
                }
            }
        }

        return null;
    }
}
