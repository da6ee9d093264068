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
/// "Add gradient declaration" and "Add JVP declaration" on a <c>[Differentiable]</c> method (DOPT0012): inserts,
/// right after the method, a partial <c>[Gradient]</c>/<c>[Jvp]</c> declaration that differentiates every
/// differentiable input, for the generator to implement.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDerivativeDeclarationCodeFixProvider))]
[Shared]
public sealed class AddDerivativeDeclarationCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of "Add gradient declaration".</summary>
    public const string AddGradientKey = "DiffOpt.AddGradientDeclaration";

    /// <summary>Equivalence key of "Add JVP declaration".</summary>
    public const string AddJvpKey = "DiffOpt.AddJvpDeclaration";

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

            // Offer only what can be inserted: the shared builder's text must parse as one method declaration.
            if (BuildDeclaration(primal, DerivativeKind.Gradient) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Add gradient declaration", ct => AddDeclarationAsync(context.Document, method, DerivativeKind.Gradient, ct), AddGradientKey),
                    diagnostic);
            }

            if (BuildDeclaration(primal, DerivativeKind.Jvp) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Add JVP declaration", ct => AddDeclarationAsync(context.Document, method, DerivativeKind.Jvp, ct), AddJvpKey),
                    diagnostic);
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

    /// <summary>The declaration the shared builder writes for <paramref name="primal"/>, parsed; null when it does not parse.</summary>
    private static MethodDeclarationSyntax? BuildDeclaration(IMethodSymbol primal, DerivativeKind kind)
    {
        var name = UniqueMemberName(primal.ContainingType, DerivativeDeclarationBuilder.MethodName(primal, kind));
        var text = DerivativeDeclarationBuilder.Build(primal, kind, name);
        return SyntaxFactory.ParseMemberDeclaration(text) is MethodDeclarationSyntax parsed && !parsed.ContainsDiagnostics && parsed.Span.Length == text.Trim().Length
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
