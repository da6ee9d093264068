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
/// "Fix derivative parameter" on DOPT0008 when the binder knows the exact expected declaration (a gradient or
/// tangent parameter with the wrong modifier or type): replaces the parameter with it, e.g. <c>double dx</c> →
/// <c>out double dx</c> in a gradient, <c>double[] dw</c> → <c>Span&lt;double&gt; dw</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixDerivativeParameterCodeFixProvider))]
[Shared]
public sealed class FixDerivativeParameterCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of "Fix derivative parameter".</summary>
    public const string FixParameterKey = "DiffOpt.FixDerivativeParameter";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.DerivativeParameterMismatch.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
            if (!diagnostic.Properties.TryGetValue(DerivativeBinder.ExpectedDeclarationProperty, out var expected) || string.IsNullOrWhiteSpace(expected))
            {
                continue;
            }

            var parameter = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ParameterSyntax>();
            var replacement = ParseParameter(expected!);
            if (parameter is null || replacement is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Fix derivative parameter: '" + expected + "'", ct => ReplaceAsync(context.Document, parameter, replacement, ct), FixParameterKey),
                diagnostic);
        }
    }

    private static ParameterSyntax? ParseParameter(string text)
    {
        var list = SyntaxFactory.ParseParameterList("(" + text + ")");
        return list.ContainsDiagnostics || list.Parameters.Count != 1 ? null : list.Parameters[0];
    }

    private static async Task<Document> ReplaceAsync(Document document, ParameterSyntax parameter, ParameterSyntax replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // Keep the parameter's attributes (rare, but the user's) and its surrounding trivia.
        var fixedParameter = DiffOptNames.Qualify(replacement, model, parameter.SpanStart)
            .WithAttributeLists(parameter.AttributeLists)
            .WithTriviaFrom(parameter)
            .WithAdditionalAnnotations(Formatter.Annotation);
        var newRoot = root.ReplaceNode(parameter, fixedParameter);
        return await DocumentCleanup.RunAsync(document.WithSyntaxRoot(newRoot), DocumentCleanup.NewLineOf(root), cancellationToken).ConfigureAwait(false);
    }
}
