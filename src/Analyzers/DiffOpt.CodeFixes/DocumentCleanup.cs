using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace DiffOpt.CodeFixes;

/// <summary>The steps every DiffOpt fix runs on its result: add missing usings, shorten names, format what it inserted.</summary>
internal static class DocumentCleanup
{
    public static async Task<Document> RunAsync(Document document, string newLine, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is not null && DiffOptNames.NeedsImports(root))
        {
            document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // Format with the file's own line endings, whatever the host's default is.
        var options = await document.GetOptionsAsync(cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(document, Formatter.Annotation, options.WithChangedOption(FormattingOptions.NewLine, newLine), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The line ending the file already uses (its first one), or <c>\n</c>.</summary>
    public static string NewLineOf(SyntaxNode root)
    {
        var endOfLine = root.DescendantTrivia(descendIntoTrivia: true).FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine.ToString() : "\n";
    }
}
