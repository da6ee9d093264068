using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;

namespace DiffOpt.CodeFixes;

/// <summary>
/// Writes the <c>[Vjp]</c> and <c>[Jvp]</c> declarations of a vector-valued primal (a void method that writes
/// <c>Span&lt;double&gt;</c> outputs), which the shared <see cref="DerivativeDeclarationBuilder"/> does not cover (it
/// writes the scalar contract: a <c>double</c> result and <c>out double dResult</c>). The contract, as the binder
/// checks it: the primal's parameters, then one derivative parameter per differentiable input and per output, in
/// the primal's order: for a VJP the inputs' gradients (<c>Span&lt;double&gt; dx</c>, <c>out double da</c>) and the
/// outputs' cotangents (<c>ReadOnlySpan&lt;double&gt; dy</c>); for a JVP the inputs' tangents
/// (<c>ReadOnlySpan&lt;double&gt; dx</c>, <c>double da</c>) and the outputs' tangents (<c>Span&lt;double&gt; dy</c>).
/// </summary>
internal static class VectorDerivativeDeclarationBuilder
{
    /// <summary>Whether <paramref name="primal"/> is vector-valued: void, with at least one <c>Span&lt;double&gt;</c> output.</summary>
    public static bool IsVectorValued(IMethodSymbol primal) => primal.ReturnsVoid && primal.Parameters.Any(IsOutput);

    /// <summary>The suggested method name: <c>FVjp</c> or <c>FJvp</c>.</summary>
    public static string MethodName(IMethodSymbol primal, DerivativeKind kind) => primal.Name + (kind == DerivativeKind.Vjp ? "Vjp" : "Jvp");

    /// <summary>The declaration text (attribute line and header) of a <see cref="DerivativeKind.Vjp"/> or <see cref="DerivativeKind.Jvp"/>.</summary>
    public static string Build(IMethodSymbol primal, DerivativeKind kind, string methodName)
    {
        var parameters = new List<string>();
        parameters.AddRange(primal.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + DerivativeDeclarationBuilder.Escape(p.Name)));
        foreach (var parameter in primal.Parameters)
        {
            var name = DerivativeDeclarationBuilder.Escape(DerivativeBinder.DerivativeName(parameter.Name));
            // float parameters (differentiated in double precision) keep float derivatives.
            var singlePrecision = TypeMapping.IsSinglePrecision(parameter.Type);
            if (IsOutput(parameter))
            {
                // The output's cotangent comes in (VJP); its tangent goes out (JVP).
                parameters.Add((kind == DerivativeKind.Vjp ? "ReadOnlySpan<" : "Span<") + (singlePrecision ? "float" : "double") + "> " + name);
            }
            else if (DerivativeDeclarationBuilder.IsDifferentiable(parameter))
            {
                var isVector = TypeMapping.TryMapParameter(parameter, out var irParameter) && irParameter.Type == Generators.Ir.IrType.DoubleVector;
                var (modifier, type) = DerivativeBinder.ExpectedSpelling(kind, isVector, singlePrecision);
                parameters.Add(modifier + type + " " + name);
            }
        }

        var attribute = kind == DerivativeKind.Vjp ? "Vjp" : "Jvp";
        var modifiers = DerivativeDeclarationBuilder.Accessibility(primal.DeclaredAccessibility) + (primal.IsStatic ? " static" : string.Empty) + " partial";
        return "[" + attribute + "(nameof(" + primal.Name + "))]\n" + modifiers + " void " + methodName + "(" + string.Join(", ", parameters) + ");";
    }

    private static bool IsOutput(IParameterSymbol parameter) => TypeMapping.TryMapParameter(parameter, out var irParameter) && irParameter.IsOutput;
}
