using System;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace DiffOpt.CodeFixes;

/// <summary>
/// "Add gradient declaration" and "Add JVP declaration" on a scalar <c>[Differentiable]</c> method, "Add VJP
/// declaration" and "Add JVP declaration" on a vector-valued one (void, writing <c>Span&lt;double&gt;</c> outputs)
/// (DOPT0012): inserts, right after the method, a partial declaration that differentiates every differentiable
/// input, for the generator to implement.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDerivativeDeclarationCodeFixProvider))]
[Shared]
public sealed class AddDerivativeDeclarationCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of "Add gradient declaration".</summary>
    public const string AddGradientKey = "DiffOpt.AddGradientDeclaration";

    /// <summary>Equivalence key of "Add JVP declaration".</summary>
    public const string AddJvpKey = "DiffOpt.AddJvpDeclaration";

    /// <summary>Equivalence key of "Add VJP declaration" (vector-valued methods).</summary>
    public const string AddVjpKey = "DiffOpt.AddVjpDeclaration";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.DerivativeCanBeDeclared.Id);

    /// <summary>Each fix inserts one declaration for one method; fixing "all" of a hidden suggestion is not offered.</summary>
    /// <returns>Null: no fix-all.</returns>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var method = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (method is null || method.Parent is not TypeDeclarationSyntax || model.GetDeclaredSymbol(method, context.CancellationToken) is not IMethodSymbol primal)
            {
                continue;
            }

            // Offer only what can be inserted: the declaration text must parse as one method declaration.
            var vectorValued = VectorDerivativeDeclarationBuilder.IsVectorValued(primal);
            foreach (var (kind, title, key) in vectorValued
                         ? new[] { (DerivativeKind.Vjp, "Add VJP declaration", AddVjpKey), (DerivativeKind.Jvp, "Add JVP declaration", AddJvpKey) }
                         : new[] { (DerivativeKind.Gradient, "Add gradient declaration", AddGradientKey), (DerivativeKind.Jvp, "Add JVP declaration", AddJvpKey) })
            {
                if (BuildDeclaration(primal, kind) is not null)
                {
                    context.RegisterCodeFix(CodeAction.Create(title, ct => AddDeclarationAsync(context.Document, method, kind, ct), key), diagnostic);
                }
            }
        }
    }

    private static async Task<Document> AddDeclarationAsync(Document document, MethodDeclarationSyntax method, DerivativeKind kind, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model?.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol primal || BuildDeclaration(primal, kind) is not { } parsed)
        {
            return document;
        }

        var newLine = DocumentCleanup.NewLineOf(root);
        var declaration = DiffOptNames.Qualify(parsed, model, method.Span.End)
            .NormalizeWhitespace(eol: newLine)
            .WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine))
            .WithAdditionalAnnotations(Formatter.Annotation);

        var newRoot = root.InsertNodesAfter(method, new[] { declaration });
        return await DocumentCleanup.RunAsync(document.WithSyntaxRoot(newRoot), newLine, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The declaration for <paramref name="primal"/>, parsed: the shared builder's text for a scalar primal, this
    /// project's VJP/JVP text for a vector-valued one. Null when the text does not parse or repeats a parameter name
    /// (a primal parameter named like a derivative parameter, e.g. <c>F(double x, double dx)</c>): such a declaration
    /// would not compile, and no other name would satisfy the binder.
    /// </summary>
    private static MethodDeclarationSyntax? BuildDeclaration(IMethodSymbol primal, DerivativeKind kind)
    {
        string text;
        if (VectorDerivativeDeclarationBuilder.IsVectorValued(primal))
        {
            text = VectorDerivativeDeclarationBuilder.Build(primal, kind, UniqueMemberName(primal.ContainingType, VectorDerivativeDeclarationBuilder.MethodName(primal, kind)));
        }
        else
        {
            text = DerivativeDeclarationBuilder.Build(primal, kind, UniqueMemberName(primal.ContainingType, DerivativeDeclarationBuilder.MethodName(primal, kind)));
        }

        return SyntaxFactory.ParseMemberDeclaration(text) is MethodDeclarationSyntax parsed
               && !parsed.ContainsDiagnostics
               && parsed.Span.Length == text.Trim().Length
               && parsed.ParameterList.Parameters.Select(p => p.Identifier.ValueText).Distinct(StringComparer.Ordinal).Count() == parsed.ParameterList.Parameters.Count
            ? parsed
            : null;
    }

    /// <summary><paramref name="preferred"/>, or the first of preferred2, preferred3, … that names nothing in the type.</summary>
    internal static string UniqueMemberName(INamedTypeSymbol type, string preferred)
    {
        var name = preferred;
        for (var i = 2; IsTaken(type, name); i++)
        {
            name = preferred + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    private static bool IsTaken(INamedTypeSymbol type, string name) =>
        name == type.Name || type.MemberNames.Contains(name) || !type.GetMembers(name).IsEmpty || !type.GetTypeMembers(name).IsEmpty;
}
