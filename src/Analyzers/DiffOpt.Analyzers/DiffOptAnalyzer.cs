using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DiffOpt.Analyzers;

/// <summary>
/// Reports, in the IDE and at build time, everything the DiffOpt generator refuses: constructs outside the
/// differentiable subset (on the exact syntax, found by the generator's own front end), derivative declarations
/// (<c>[Gradient]</c>, <c>[Jvp]</c>, <c>[Vjp]</c>, <c>[Hvp]</c>) and custom derivatives (<c>[DerivativeOf]</c>) that do
/// not match their primal, DiffOpt attributes the generator ignores (on local functions and lambdas), and types that cannot
/// receive generated members. It also marks each differentiable method with a hidden diagnostic that carries the
/// "Add … declaration" fixes.
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
        DiagnosticDescriptors.DerivativeCanBeDeclared,
        DiagnosticDescriptors.SolverTargetNotDifferentiable,
        DiagnosticDescriptors.SolverSignatureMismatch,
        DiagnosticDescriptors.UnsupportedSolverType,
        DiagnosticDescriptors.ImplicitDiffWithoutCondition,
        DiagnosticDescriptors.ConstraintOperatorMismatch,
        DiagnosticDescriptors.SolverNotPartial,
        DiagnosticDescriptors.ConflictingSolverOptions,
        DiagnosticDescriptors.TorchFunctionTargetNotFound,
        DiagnosticDescriptors.TorchFunctionSignatureMismatch,
        DiagnosticDescriptors.TorchNotElementwise,
        DiagnosticDescriptors.TorchCallWithoutTensorForm,
        DiagnosticDescriptors.TorchUnsupportedParameter);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Without the DiffOpt attributes nothing in the compilation can be a DiffOpt method.
            if (MethodAttributeNames.All(name => start.Compilation.GetTypeByMetadataName(name) is null))
            {
                return;
            }

            start.RegisterSyntaxNodeAction(AnalyzeMethodDeclaration, SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(AnalyzeNestedFunction, SyntaxKind.LocalFunctionStatement, SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression);
            start.RegisterSyntaxNodeAction(
                AnalyzeTypeDeclaration,
                SyntaxKind.ClassDeclaration,
                SyntaxKind.StructDeclaration,
                SyntaxKind.RecordDeclaration,
                SyntaxKind.RecordStructDeclaration,
                SyntaxKind.InterfaceDeclaration);
        });
    }

    /// <summary>The DiffOpt attributes that go on methods.</summary>
    private static readonly string[] MethodAttributeNames =
    {
        KnownNames.DifferentiableAttribute,
        KnownNames.GradientAttribute,
        KnownNames.JvpAttribute,
        KnownNames.VjpAttribute,
        KnownNames.HvpAttribute,
        KnownNames.DerivativeOfAttribute,
        SolverDeclarationRules.OptimizeAttribute,
        SolverDeclarationRules.ImplicitDiffAttribute,
    };

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
            AnalyzeSolverDeclaration(context, method);
            TorchFunctionAnalysis.Analyze(context, method);
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
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TypeNotPartial, type.Identifier.GetLocation(), type.Identifier.ValueText, method));
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

        // The "Add declaration" fixes only make sense where the generator will implement what they insert; it
        // implements nothing for a method whose code does not compile.
        if (lowered.Function is not null && allTypesPartial && method.Parameters.Any(DerivativeDeclarationBuilder.IsDifferentiable)
            && !context.SemanticModel.GetDiagnostics(syntax.Span, cancellationToken).Any(static d => d.Severity == DiagnosticSeverity.Error))
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

        // Each attribute is bound on its own, and a problem of the declaration as a whole (two derivative
        // attributes, a generic declaration) comes back from every binding: report each diagnostic once.
        var reported = new HashSet<(string Id, Location Location, string Message)>();
        void Report(ImmutableArray<Diagnostic> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (reported.Add((diagnostic.Id, diagnostic.Location, diagnostic.GetMessage(CultureInfo.InvariantCulture))))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (DerivativeBinder.KindOf(attribute) is { } kind)
            {
                Report(DerivativeBinder.Bind(method, attribute, kind, context.CancellationToken).Diagnostics);
            }
            else if (attribute.AttributeClass?.ToDisplayString() == KnownNames.DerivativeOfAttribute)
            {
                // The contract follows the target, as in the generator: a VJP for a vector-valued (void) target,
                // a gradient for a scalar one.
                var kindOfCustom = CustomDerivativeTarget(method, attribute) is { ReturnsVoid: true } ? DerivativeKind.Vjp : DerivativeKind.Gradient;
                Report(DerivativeBinder.Bind(method, attribute, kindOfCustom, context.CancellationToken, isCustomDerivative: true).Diagnostics);
            }
        }
    }

    /// <summary>
    /// <c>[Optimize]</c>/<c>[ImplicitDiff]</c> solvers, checked once on the definition part by the rules the generator
    /// uses. A non-partial type (DOPT0011) is left to the type's own action, which reports it once per type.
    /// </summary>
    private static void AnalyzeSolverDeclaration(SyntaxNodeAnalysisContext context, IMethodSymbol method)
    {
        if (method.PartialDefinitionPart is not null || SolverDeclarationRules.Check(method, context.CancellationToken) is not { } solver)
        {
            return;
        }

        foreach (var diagnostic in solver.Diagnostics)
        {
            if (diagnostic.Id != DiagnosticDescriptors.TypeNotPartial.Id)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    /// <summary>The method a <c>[DerivativeOf]</c> attribute names, found as the generator finds it.</summary>
    private static IMethodSymbol? CustomDerivativeTarget(IMethodSymbol derivative, AttributeData attribute)
    {
        var targetName = attribute.ConstructorArguments.Length >= 1 ? attribute.ConstructorArguments[0].Value as string : null;
        return string.IsNullOrEmpty(targetName)
            ? null
            : derivative.ContainingType.GetMembers(targetName!).OfType<IMethodSymbol>().FirstOrDefault(m => !SymbolEqualityComparer.Default.Equals(m, derivative));
    }

    /// <summary>
    /// DiffOpt attributes on a local function or a lambda: the generator only looks at methods of types, so the
    /// attribute would do nothing. Inside a [Differentiable] method the front end already reports the local function
    /// or lambda itself.
    /// </summary>
    private static void AnalyzeNestedFunction(SyntaxNodeAnalysisContext context)
    {
        var (attributeLists, what, name) = context.Node switch
        {
            LocalFunctionStatementSyntax localFunction => (localFunction.AttributeLists, "a local function", "make '" + localFunction.Identifier.ValueText + "' a method of the type"),
            ParenthesizedLambdaExpressionSyntax lambda => (lambda.AttributeLists, "a lambda", "write it as a method of the type"),
            SimpleLambdaExpressionSyntax lambda => (lambda.AttributeLists, "a lambda", "write it as a method of the type"),
            _ => (default(SyntaxList<AttributeListSyntax>), string.Empty, string.Empty),
        };
        if (attributeLists.Count == 0)
        {
            return;
        }

        try
        {
            // The nearest enclosing function: a method whose front end reports this one, or something else.
            var enclosing = context.Node.Ancestors().FirstOrDefault(static n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax);
            if (enclosing is MethodDeclarationSyntax method
                && context.SemanticModel.GetDeclaredSymbol(method, context.CancellationToken) is { } container
                && MethodLowering.IsDifferentiable(container))
            {
                return;
            }

            foreach (var attribute in attributeLists.SelectMany(static list => list.Attributes))
            {
                var type = context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol?.ContainingType?.ToDisplayString();
                if (type is not null && MethodAttributeNames.Contains(type))
                {
                    var shortName = type.Substring("DiffOpt.".Length, type.Length - "DiffOpt.".Length - "Attribute".Length);
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UnsupportedConstruct,
                        attribute.GetLocation(),
                        "[" + shortName + "] on " + what,
                        "DiffOpt generates code for methods of a partial type only; " + name));
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // Nothing more to say about this function; the analyzer must not fail the compilation.
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

    /// <summary>The name of the first method of <paramref name="type"/> whose derivatives the generator adds to it.</summary>
    private static string? FirstDifferentiableMethod(TypeDeclarationSyntax type, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var candidate in type.DescendantNodes(static n => n is not BaseMethodDeclarationSyntax).OfType<MethodDeclarationSyntax>())
        {
            if (candidate.AttributeLists.Count == 0 && !candidate.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                continue;
            }

            if (model.GetDeclaredSymbol(candidate, cancellationToken) is not IMethodSymbol symbol)
            {
                continue;
            }

            if (MethodLowering.IsDifferentiable(symbol) && IsAnalyzedPart(candidate, symbol, cancellationToken))
            {
                return candidate.Identifier.ValueText;
            }

            // A custom derivative's helpers go into the type too: callers of its target call them.
            var customDerivative = symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.DerivativeOfAttribute);
            if (customDerivative is not null && CustomDerivativeTarget(symbol, customDerivative) is { } target)
            {
                return target.Name;
            }
        }

        return null;
    }
}
