using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using DiffOpt.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Pipeline;

/// <summary>Turns Roslyn symbols into the plain, equatable pieces of the pipeline models.</summary>
internal static class SymbolModels
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>The type chain to emit into, or null when some type in it is not partial.</summary>
    public static TypeChain? TypeChainOf(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        // The same rule the front end applies to callees: partial all the way out, and not file-local.
        if (!FrontEnd.MethodLowering.IsPartialChain(type, cancellationToken))
        {
            return null;
        }

        var types = new List<ContainingType>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var declaration = current.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().First();

            var keyword = declaration is RecordDeclarationSyntax record
                ? "record" + (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? " struct" : string.Empty)
                : declaration.Keyword.ValueText;
            var name = current.Name + (current.TypeParameters.Length > 0 ? "<" + string.Join(", ", current.TypeParameters.Select(p => p.Name)) + ">" : string.Empty);
            types.Insert(0, new ContainingType(keyword, name));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        return new TypeChain(ns, types.ToEquatableArray(), type.ToDisplayString());
    }

    public static string TypeName(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    public static ParameterShell Parameter(IParameterSymbol parameter) => new(
        parameter.RefKind switch { RefKind.Out => "out ", RefKind.Ref => "ref ", RefKind.In => "in ", _ => string.Empty },
        TypeName(parameter.Type),
        EscapeIdentifier(parameter.Name));

    public static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A cref to <paramref name="method"/> that is unambiguous among overloads.</summary>
    public static string Cref(IMethodSymbol method) =>
        method.Name + "(" + string.Join(", ", method.Parameters.Select(p => TypeName(p.Type).Replace('<', '{').Replace('>', '}'))) + ")";

    /// <summary>A file name unique per method (overloads included) and stable across runs.</summary>
    public static string HintName(IMethodSymbol method, string suffix)
    {
        var signature = method.ContainingType.ToDisplayString() + "." + method.Name + "(" + string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString())) + ")";
        var hash = 2166136261u;
        foreach (var c in signature)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        var readable = new StringBuilder();
        foreach (var c in method.ContainingType.ToDisplayString() + "." + method.Name)
        {
            readable.Append(char.IsLetterOrDigit(c) || c == '.' ? c : '_');
        }

        return readable + "." + suffix + "." + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
    }

    public static string Modifiers(IMethodSymbol method, MethodDeclarationSyntax? syntax)
    {
        if (syntax is not null)
        {
            return string.Join(" ", syntax.Modifiers.Select(m => m.ValueText));
        }

        return Signatures.DerivativeDeclarationBuilder.Accessibility(method.DeclaredAccessibility) + (method.IsStatic ? " static" : string.Empty) + " partial";
    }
}
