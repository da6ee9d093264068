using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.Signatures;

/// <summary>Writes a correct derivative declaration for a primal: what the "Add gradient/JVP declaration" fixes insert.</summary>
internal static class DerivativeDeclarationBuilder
{
    /// <summary>The suggested method name: <c>FGradient</c> or <c>FJvp</c>.</summary>
    public static string MethodName(IMethodSymbol primal, DerivativeKind kind) => primal.Name + (kind == DerivativeKind.Gradient ? "Gradient" : "Jvp");

    /// <summary>The declaration text (attribute line and header), differentiating every differentiable input.</summary>
    public static string Build(IMethodSymbol primal, DerivativeKind kind, string methodName)
    {
        var parameters = new List<string>();
        parameters.AddRange(primal.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + Escape(p.Name)));
        foreach (var parameter in primal.Parameters.Where(IsDifferentiable))
        {
            parameters.Add(DerivativeParameter(parameter, kind));
        }

        if (kind == DerivativeKind.Jvp)
        {
            parameters.Add("out " + (TypeMapping.IsSinglePrecision(primal.ReturnType) ? "float" : "double") + " dResult");
        }

        var attribute = kind == DerivativeKind.Gradient ? "Gradient" : "Jvp";
        var modifiers = Accessibility(primal.DeclaredAccessibility) + (primal.IsStatic ? " static" : string.Empty) + " partial";
        return "[" + attribute + "(nameof(" + primal.Name + "))]\n" + modifiers + " " + (TypeMapping.IsSinglePrecision(primal.ReturnType) ? "float" : "double") + " " + methodName + "(" + string.Join(", ", parameters) + ");";
    }

    /// <summary>The derivative parameter of one input, e.g. <c>out double dx</c> or <c>Span&lt;double&gt; dw</c>.</summary>
    public static string DerivativeParameter(IParameterSymbol? input, DerivativeKind kind)
    {
        if (input is null)
        {
            return kind == DerivativeKind.Gradient ? "out double dx" : "double dx";
        }

        var isVector = TypeMapping.TryMapParameter(input, out var irParameter) && irParameter.Type == Ir.IrType.DoubleVector;
        var (modifier, type) = DerivativeBinder.ExpectedSpelling(kind, isVector, TypeMapping.IsSinglePrecision(input.Type));
        return modifier + type + " " + Escape(DerivativeBinder.DerivativeName(input.Name));
    }

    /// <summary>A parameter name as it must be written in source (<c>@in</c>).</summary>
    public static string Escape(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    public static bool IsDifferentiable(IParameterSymbol parameter) => TypeMapping.TryMapParameter(parameter, out var irParameter) && irParameter.IsDifferentiable;

    public static string Accessibility(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
