using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DiffOpt.Analyzers;

/// <summary>
/// Reports, in the IDE and at build time, everything the DiffOpt generator refuses: constructs outside the
/// differentiable subset (on the exact syntax, found by the generator's own front end), derivative declarations
/// that do not match their primal, and types that cannot receive generated members. It also marks each
/// differentiable method with a hidden diagnostic that carries the "Add gradient/JVP declaration" fixes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DiffOptAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnsupportedConstruct,
        DiagnosticDescriptors.UnsupportedType,
        DiagnosticDescriptors.CallWithoutDerivative,
        DiagnosticDescriptors.UnknownTarget,
        DiagnosticDescriptors.TargetNotDifferentiable,
        DiagnosticDescriptors.DerivativeNotPartial,
        DiagnosticDescriptors.PrimalParameterMismatch,
        DiagnosticDescriptors.DerivativeParameterMismatch,
        DiagnosticDescriptors.ReturnTypeMismatch,
        DiagnosticDescriptors.StaticMismatch,
        DiagnosticDescriptors.TypeNotPartial,
        DiagnosticDescriptors.DerivativeCanBeDeclared);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Without the DiffOpt attributes nothing in the compilation can be a DiffOpt method.
            if (start.Compilation.GetTypeByMetadataName(KnownNames.DifferentiableAttribute) is null
                && start.Compilation.GetTypeByMetadataName(KnownNames.GradientAttribute) is null
                && start.Compilation.GetTypeByMetadataName(KnownNames.JvpAttribute) is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(AnalyzeMethodDeclaration, SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(
                AnalyzeTypeDeclaration,
                SyntaxKind.ClassDeclaration,
                SyntaxKind.StructDeclaration,
                SyntaxKind.RecordDeclaration,
                SyntaxKind.RecordStructDeclaration,
                SyntaxKind.InterfaceDeclaration);
        });
    }

    private static void AnalyzeMethodDeclaration(SyntaxNodeAnalysisContext context)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;

        // Cheap syntactic filter: a DiffOpt method carries an attribute, or is one part of a partial method
        // whose other part does.
        if (syntax.AttributeLists.Count == 0 && !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return;
        }

        try
        {
            if (context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not IMethodSymbol method)
            {
                return;
            }

            if (MethodLowering.IsDifferentiable(method))
            {
                AnalyzeDifferentiableMethod(context, syntax, method);
            }

            AnalyzeDerivativeDeclarations(context, method);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // An analyzer that throws is disabled for the whole compilation; say what failed on this method instead.
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnsupportedConstruct,
                syntax.Identifier.GetLocation(),
                "This method",
                "the DiffOpt analyzer failed (" + exception.GetType().Name + ": " + exception.Message + "); please report it"));
        }
    }

    private static void AnalyzeTypeDeclaration(SyntaxNodeAnalysisContext context)
    {
        var type = (TypeDeclarationSyntax)context.Node;
        if (type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return;
        }

        try
        {
            // One diagnostic per type, naming its first differentiable method (nested types' methods count: the
            // generator must reopen every containing type).
            if (FirstDifferentiableMethod(type, context.SemanticModel, context.CancellationToken) is { } method)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TypeNotPartial, type.Identifier.GetLocation(), type.Identifier.ValueText, method.Identifier.ValueText));
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // Nothing sensible to report on a type; the method actions still report what they find.
        }
    }

    private static void AnalyzeDifferentiableMethod(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax syntax, IMethodSymbol method)
    {
        var cancellationToken = context.CancellationToken;
        if (!IsAnalyzedPart(syntax, method, cancellationToken))
        {
            return;
        }

        // The node is the body's declaration (or, without any body, the definition), so its semantic model is the
        // one the front end needs.
        var lowered = MethodLowering.Lower(method, syntax, context.SemanticModel, cancellationToken);
        foreach (var diagnostic in lowered.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }

        // DOPT0011 is reported by the type declaration's own action (diagnostics stay local to the node analyzed).
        var allTypesPartial = syntax.Ancestors().OfType<TypeDeclarationSyntax>().All(static t => t.Modifiers.Any(SyntaxKind.PartialKeyword));

        // The "Add declaration" fixes only make sense where the generator will implement what they insert.
        if (lowered.Function is not null && allTypesPartial && method.Parameters.Any(DerivativeDeclarationBuilder.IsDifferentiable))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DerivativeCanBeDeclared, syntax.Identifier.GetLocation(), method.Name));
        }
    }

    private static void AnalyzeDerivativeDeclarations(SyntaxNodeAnalysisContext context, IMethodSymbol method)
    {
        // A partial method is checked once, on its definition part (the binder looks at both parts).
        if (method.PartialDefinitionPart is not null)
        {
            return;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (DerivativeBinder.KindOf(attribute) is not { } kind)
            {
                continue;
            }

            var binding = DerivativeBinder.Bind(method, attribute, kind, context.CancellationToken);
            foreach (var diagnostic in binding.Diagnostics)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="syntax"/> is the one declaration of a differentiable method that is analyzed: the
    /// part with the body, or the definition when no part has a body.
    /// </summary>
    private static bool IsAnalyzedPart(MethodDeclarationSyntax syntax, IMethodSymbol method, CancellationToken cancellationToken)
    {
        var body = MethodLowering.FindBodySyntax(method, cancellationToken);
        return body is not null ? body == syntax : method.PartialDefinitionPart is null;
    }

    private static MethodDeclarationSyntax? FirstDifferentiableMethod(TypeDeclarationSyntax type, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var candidate in type.DescendantNodes(static n => n is not BaseMethodDeclarationSyntax).OfType<MethodDeclarationSyntax>())
        {
            if (candidate.AttributeLists.Count == 0 && !candidate.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                continue;
            }

            if (model.GetDeclaredSymbol(candidate, cancellationToken) is IMethodSymbol symbol
                && MethodLowering.IsDifferentiable(symbol)
                && IsAnalyzedPart(candidate, symbol, cancellationToken))
            {
                return candidate;
            }
        }

        return null;
    }
}
