using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace DiffOpt.CodeFixes;

/// <summary>
/// "Add optimality condition" on DOPT0016 (<c>[ImplicitDiff]</c> without a condition on a hand-written solver): inserts,
/// after the solver, a <c>[Differentiable]</c> condition stub <c>FitCondition(ReadOnlySpan&lt;double&gt; x, θ…,
/// Span&lt;double&gt; residual)</c> of the shape the rules accept, and names it: <c>[ImplicitDiff(nameof(FitCondition))]</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOptimalityConditionCodeFixProvider))]
[Shared]
public sealed class AddOptimalityConditionCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of "Add optimality condition".</summary>
    public const string AddConditionKey = "DiffOpt.AddOptimalityCondition";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.ImplicitDiffWithoutCondition.Id);

    /// <summary>Each condition is the user's to write; inserting many stubs at once is not offered.</summary>
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
            var attribute = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
            var method = attribute?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (attribute is null || method?.Parent is not TypeDeclarationSyntax)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Add optimality condition", ct => AddConditionAsync(context.Document, attribute, method, ct), AddConditionKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddConditionAsync(Document document, AttributeSyntax attribute, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model?.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol solver)
        {
            return document;
        }

        var name = AddDerivativeDeclarationCodeFixProvider.UniqueMemberName(solver.ContainingType, SolverStubBuilder.ConditionName(solver));
        if (SyntaxFactory.ParseMemberDeclaration(SolverStubBuilder.Condition(solver, name)) is not MethodDeclarationSyntax parsed || parsed.ContainsDiagnostics)
        {
            return document;
        }

        var newLine = DocumentCleanup.NewLineOf(root);
        var condition = DiffOptNames.Qualify(parsed, model, method.Span.End)
            .NormalizeWhitespace(eol: newLine)
            .WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine))
            .WithAdditionalAnnotations(Formatter.Annotation);

        // [ImplicitDiff] / [ImplicitDiff(LinearSolver = …)] → [ImplicitDiff(nameof(FitCondition), LinearSolver = …)].
        var nameofArgument = SyntaxFactory.AttributeArgument(SyntaxFactory.ParseExpression("nameof(" + name + ")"));
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        var namedAttribute = attribute.WithArgumentList(SyntaxFactory.AttributeArgumentList(arguments.Insert(0, nameofArgument)))
            .WithAdditionalAnnotations(Formatter.Annotation);

        var tracked = root.TrackNodes(attribute, method);
        tracked = tracked.ReplaceNode(tracked.GetCurrentNode(attribute)!, namedAttribute);
        tracked = tracked.InsertNodesAfter(tracked.GetCurrentNode(method)!, new[] { condition });
        return await DocumentCleanup.RunAsync(document.WithSyntaxRoot(tracked), newLine, cancellationToken).ConfigureAwait(false);
    }
}
