using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Kernels;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DiffOpt.Analyzers;

/// <summary>
/// Reports why a <c>[Kernel(nameof(F))]</c> class gets no ILGPU kernels (DOPT0020–DOPT0024), running the generator's
/// own rules (<see cref="KernelDeclarations"/>, <see cref="KernelSupport"/>) and pointing at the source: the array
/// creation, the loop, the call, the parameter, or the declaration. Problems of <c>F</c> as a differentiable method
/// (DOPT0001–DOPT0003) are left to <see cref="DiffOptAnalyzer"/>, on <c>F</c> itself.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KernelAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.KernelRuntimeSizedArray,
        DiagnosticDescriptors.KernelLoopNeedsTape,
        DiagnosticDescriptors.KernelCallWithoutKernelForm,
        DiagnosticDescriptors.KernelUnsupportedParameter,
        DiagnosticDescriptors.KernelInvalidDeclaration);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName(KernelDeclarations.KernelAttribute);
            if (attribute is null)
            {
                return;
            }

            var hasRuntime = start.Compilation.GetTypeByMetadataName("DiffOpt.Ilgpu.IlgpuDevice") is not null;
            start.RegisterSyntaxNodeAction(c => Analyze(c, attribute, hasRuntime), SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.RecordDeclaration);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol attributeType, bool hasRuntime)
    {
        var syntax = (TypeDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not INamedTypeSymbol type)
        {
            return;
        }

        var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
        var attributeSyntax = attribute?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;

        // A partial class has several declarations; the one carrying the attribute reports.
        if (attribute is null || attributeSyntax is null || !syntax.Span.Contains(attributeSyntax.Span))
        {
            return;
        }

        var binding = KernelDeclarations.Bind(type, attribute, context.CancellationToken);
        var firstArgument = attributeSyntax.ArgumentList?.Arguments.FirstOrDefault();
        foreach (var problem in binding.Problems)
        {
            var location = problem.Contains("names no method") || problem.Contains("overloads") || problem.Contains("not marked") || problem.Contains("must be static:")
                ? (firstArgument?.GetLocation() ?? attributeSyntax.GetLocation())
                : syntax.Identifier.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KernelInvalidDeclaration, location, type.Name, problem));
        }

        if (!hasRuntime)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KernelInvalidDeclaration, attributeSyntax.GetLocation(), type.Name, "the project does not reference the DiffOpt.Ilgpu package, which runs the kernels; without it none are generated"));
        }

        if (binding.Primal is not { } primal || MethodLowering.FindBodySyntax(primal, context.CancellationToken) is not { } body)
        {
            return;
        }

        // F's body can sit in another file of the partial type, where only a semantic model of that tree can bind it.
#pragma warning disable RS1030
        var model = body.SyntaxTree == context.SemanticModel.SyntaxTree ? context.SemanticModel : context.Compilation.GetSemanticModel(body.SyntaxTree);
#pragma warning restore RS1030
        var lowered = MethodLowering.Lower(primal, body, model, context.CancellationToken).Function;
        if (lowered is null)
        {
            // F itself is not differentiable; DiffOptAnalyzer reports why, on F.
            return;
        }

        var reported = new HashSet<SyntaxNode>();
        foreach (var problem in KernelSupport.Check(lowered, binding.Shared))
        {
            Report(context, problem, type, primal, body, model, attributeSyntax, reported);
        }
    }

    private static void Report(SyntaxNodeAnalysisContext context, KernelProblem problem, INamedTypeSymbol type, IMethodSymbol primal, MethodDeclarationSyntax body, SemanticModel model, AttributeSyntax attribute, HashSet<SyntaxNode> reported)
    {
        var ct = context.CancellationToken;
        switch (problem.Kind)
        {
            case KernelProblemKind.RuntimeSizedArray:
            {
                // The IR renames locals; the array creations whose size is not a constant are what the rule is about.
                var creations = body.DescendantNodes().OfType<ArrayCreationExpressionSyntax>()
                    .Where(a => a.Type.RankSpecifiers.SelectMany(r => r.Sizes).Any(s => !model.GetConstantValue(s, ct).HasValue))
                    .Where(reported.Add).ToList();
                foreach (var creation in creations)
                {
                    var local = creation.Parent?.Parent is VariableDeclaratorSyntax declarator ? declarator.Identifier.ValueText : problem.Subject;
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KernelRuntimeSizedArray, creation.GetLocation(), primal.Name, local, problem.Reason));
                }

                break;
            }

            case KernelProblemKind.TapeInReverseMode:
            {
                var ordinal = int.Parse(problem.Subject, System.Globalization.CultureInfo.InvariantCulture);
                var loops = body.DescendantNodes().Where(n => n is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax).ToList();
                var location = ordinal >= 1 && ordinal <= loops.Count ? LoopKeyword(loops[ordinal - 1]).GetLocation() : body.Identifier.GetLocation();
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KernelLoopNeedsTape, location, primal.Name, problem.Reason + " (a value it overwrites is read again by the derivative, or a loop is nested in this one); compute the derivative on the CPU, or restructure the loop so that it only accumulates"));
                break;
            }

            case KernelProblemKind.CallWithoutKernelForm:
            {
                var calls = body.DescendantNodes().OfType<InvocationExpressionSyntax>().Where(call => Names(call, problem.Subject, model, ct)).Where(reported.Add).ToList();
                foreach (var call in calls)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KernelCallWithoutKernelForm, call.Expression.GetLocation(), primal.Name, problem.Subject, problem.Reason));
                }

                if (calls.Count == 0 && reported.Add(body))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KernelCallWithoutKernelForm, body.Identifier.GetLocation(), primal.Name, problem.Subject, problem.Reason));
                }

                break;
            }

            case KernelProblemKind.UnsupportedParameter:
            {
                var parameter = body.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.ValueText == problem.Subject);
                var location = parameter?.GetLocation() ?? (problem.Subject == primal.Name && problem.Reason.Contains("returns") ? body.ReturnType.GetLocation() : attribute.GetLocation());
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KernelUnsupportedParameter, location, primal.Name, problem.Subject, problem.Reason));
                break;
            }

            default:
            {
                var shared = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Shared");
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KernelInvalidDeclaration, (shared ?? (SyntaxNode)attribute).GetLocation(), type.Name, problem.Reason));
                break;
            }
        }
    }

    private static SyntaxToken LoopKeyword(SyntaxNode loop) => loop switch
    {
        ForStatementSyntax f => f.ForKeyword,
        WhileStatementSyntax w => w.WhileKeyword,
        _ => ((DoStatementSyntax)loop).DoKeyword,
    };

    /// <summary>Whether <paramref name="call"/> calls the method a problem names (<c>Math.Cbrt</c>, or a method's name).</summary>
    private static bool Names(InvocationExpressionSyntax call, string subject, SemanticModel model, CancellationToken ct)
    {
        if (model.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol method)
        {
            return false;
        }

        var containing = method.ContainingType?.ToDisplayString();
        return subject.StartsWith("Math.", System.StringComparison.Ordinal)
            ? (containing is "System.Math" or "System.MathF") && "Math." + method.Name == subject
            : method.Name == subject && (MethodLowering.IsDifferentiable(method) || MethodLowering.HasCustomDerivative(method));
    }
}
