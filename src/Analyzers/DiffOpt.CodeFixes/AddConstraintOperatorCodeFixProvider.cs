using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace DiffOpt.CodeFixes;

/// <summary>
/// "Add projection" / "Add proximal operator" on DOPT0017 when the name names no method: inserts, after the solver, a
/// <c>[Differentiable]</c> identity projection <c>P(ReadOnlySpan&lt;double&gt; x, Span&lt;double&gt; projected)</c> or proximal
/// operator <c>Q(ReadOnlySpan&lt;double&gt; x, double step, Span&lt;double&gt; result)</c> under that name, to be filled in.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddConstraintOperatorCodeFixProvider))]
[Shared]
public sealed class AddConstraintOperatorCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of "Add projection" and "Add proximal operator".</summary>
    public const string AddConstraintKey = "DiffOpt.AddConstraintOperator";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConstraintOperatorMismatch.Id);

    /// <summary>One method per fix.</summary>
    /// <returns>Null: no fix-all.</returns>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            // Only "names no method" carries the missing name; a method of the wrong shape is the user's to change.
            if (!diagnostic.Properties.TryGetValue(SolverDeclarationRules.MissingMemberProperty, out var name)
                || !diagnostic.Properties.TryGetValue(SolverDeclarationRules.ConstraintKindProperty, out var kind)
                || name is null || !SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
            {
                continue;
            }

            var method = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (method?.Parent is not TypeDeclarationSyntax)
            {
                continue;
            }

            var isProx = kind == "Prox";
            context.RegisterCodeFix(
                CodeAction.Create((isProx ? "Add proximal operator '" : "Add projection '") + name + "'", ct => AddAsync(context.Document, method, name, isProx, ct), AddConstraintKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddAsync(Document document, MethodDeclarationSyntax method, string name, bool isProx, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model?.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol solver
            || SyntaxFactory.ParseMemberDeclaration(SolverStubBuilder.Constraint(solver, name, isProx)) is not MethodDeclarationSyntax parsed || parsed.ContainsDiagnostics)
        {
            return document;
        }

        var newLine = DocumentCleanup.NewLineOf(root);
        var stub = DiffOptNames.Qualify(parsed, model, method.Span.End)
            .NormalizeWhitespace(eol: newLine)
            .WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return await DocumentCleanup.RunAsync(document.WithSyntaxRoot(root.InsertNodesAfter(method, new[] { stub })), newLine, cancellationToken).ConfigureAwait(false);
    }
}
