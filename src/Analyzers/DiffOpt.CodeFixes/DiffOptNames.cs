using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace DiffOpt.CodeFixes;

/// <summary>
/// Makes the short names in text produced by the shared declaration builder (<c>Gradient</c>, <c>Jvp</c>, <c>Vjp</c>, <c>Hvp</c>, <c>Differentiable</c>,
/// <c>Span&lt;double&gt;</c>, <c>ReadOnlySpan&lt;double&gt;</c>) bind where the text is inserted: a name that
/// already binds there (through a using, a global using or the enclosing namespace) stays short; any other becomes
/// <c>global::</c>-qualified and annotated so the import adder adds the missing <c>using</c> and the simplifier
/// shortens it again.
/// </summary>
internal sealed class DiffOptNames : CSharpSyntaxRewriter
{
    private readonly SemanticModel model;
    private readonly int position;

    private DiffOptNames(SemanticModel model, int position)
    {
        this.model = model;
        this.position = position;
    }

    /// <summary>Rewrites <paramref name="node"/> for insertion at <paramref name="position"/> of <paramref name="model"/>'s tree.</summary>
    public static TNode Qualify<TNode>(TNode node, SemanticModel model, int position)
        where TNode : SyntaxNode => (TNode)new DiffOptNames(model, position).Visit(node);

    /// <summary>Whether a rewritten node needs the import adder.</summary>
    public static bool NeedsImports(SyntaxNode node) => node.GetAnnotatedNodes(Simplifier.AddImportsAnnotation).Any();

    public override SyntaxNode? VisitAttribute(AttributeSyntax node)
    {
        var visited = (AttributeSyntax)base.VisitAttribute(node)!;
        if (visited.Name is not IdentifierNameSyntax { Identifier.ValueText: "Gradient" or "Jvp" or "Vjp" or "Hvp" or "Differentiable" } name)
        {
            return visited;
        }

        var attributeType = SyntaxFactory.ParseTypeName(name.Identifier.ValueText + "Attribute");
        if (Binds(attributeType, "DiffOpt." + name.Identifier.ValueText + "Attribute"))
        {
            return visited;
        }

        return visited.WithName(Annotate(SyntaxFactory.QualifiedName(GlobalNamespace("DiffOpt"), SyntaxFactory.IdentifierName(name.Identifier.ValueText)).WithTriviaFrom(name)));
    }

    public override SyntaxNode? VisitGenericName(GenericNameSyntax node)
    {
        var visited = (GenericNameSyntax)base.VisitGenericName(node)!;
        if (node.Parent is QualifiedNameSyntax or AliasQualifiedNameSyntax || node.Identifier.ValueText is not ("Span" or "ReadOnlySpan"))
        {
            return visited;
        }

        if (Binds(visited.WithoutTrivia(), "System." + node.Identifier.ValueText + "`1"))
        {
            return visited;
        }

        return Annotate(SyntaxFactory.QualifiedName(GlobalNamespace("System"), visited.WithoutTrivia()).WithTriviaFrom(visited));
    }

    private bool Binds(TypeSyntax type, string metadataName)
    {
        var bound = model.GetSpeculativeSymbolInfo(position, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol as INamedTypeSymbol;
        var expected = model.Compilation.GetTypeByMetadataName(metadataName);
        return bound is not null && expected is not null && SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, expected);
    }

    private static AliasQualifiedNameSyntax GlobalNamespace(string name) =>
        SyntaxFactory.AliasQualifiedName(SyntaxFactory.IdentifierName(SyntaxFactory.Token(SyntaxKind.GlobalKeyword)), SyntaxFactory.IdentifierName(name));

    private static NameSyntax Annotate(NameSyntax name) => name.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
}
