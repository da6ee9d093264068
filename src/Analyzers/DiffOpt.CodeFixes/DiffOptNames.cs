using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace DiffOpt.CodeFixes;

/// <summary>
/// Rewrites the short names in text produced by the shared declaration builder (<c>Gradient</c>, <c>Jvp</c>,
/// <c>Span&lt;double&gt;</c>, <c>ReadOnlySpan&lt;double&gt;</c>) to <c>global::</c>-qualified names annotated for the
/// import adder and the simplifier, so the inserted code binds in any file: a <c>using</c> is added when missing,
/// and the names shrink back to their short form where the file already imports them.
/// </summary>
internal sealed class DiffOptNames : CSharpSyntaxRewriter
{
    private static readonly DiffOptNames Instance = new();

    public static TNode Qualify<TNode>(TNode node)
        where TNode : SyntaxNode => (TNode)Instance.Visit(node);

    public override SyntaxNode? VisitAttribute(AttributeSyntax node)
    {
        var visited = (AttributeSyntax)base.VisitAttribute(node)!;
        if (visited.Name is IdentifierNameSyntax { Identifier.ValueText: "Gradient" or "Jvp" } name)
        {
            return visited.WithName(Annotate(SyntaxFactory.QualifiedName(GlobalNamespace("DiffOpt"), SyntaxFactory.IdentifierName(name.Identifier.ValueText)).WithTriviaFrom(name)));
        }

        return visited;
    }

    public override SyntaxNode? VisitGenericName(GenericNameSyntax node)
    {
        var visited = (GenericNameSyntax)base.VisitGenericName(node)!;
        if (node.Parent is QualifiedNameSyntax or AliasQualifiedNameSyntax || node.Identifier.ValueText is not ("Span" or "ReadOnlySpan"))
        {
            return visited;
        }

        return Annotate(SyntaxFactory.QualifiedName(GlobalNamespace("System"), visited.WithoutTrivia()).WithTriviaFrom(visited));
    }

    private static AliasQualifiedNameSyntax GlobalNamespace(string name) =>
        SyntaxFactory.AliasQualifiedName(SyntaxFactory.IdentifierName(SyntaxFactory.Token(SyntaxKind.GlobalKeyword)), SyntaxFactory.IdentifierName(name));

    private static NameSyntax Annotate(NameSyntax name) => name.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
}
