using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Pipeline;

/// <summary>First pipeline steps for <c>[Optimize]</c> and <c>[ImplicitDiff]</c> solvers: bind, check that every named method lowers, build the model.</summary>
internal static class SolverDeclarationParser
{
    public static OptimizeModel? ParseOptimize(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol solver || context.TargetNode is not MethodDeclarationSyntax syntax || SolverBinder.BindOptimize(solver) is not { } binding)
        {
            return null;
        }

        var type = SymbolModels.TypeChainOf(solver.ContainingType, cancellationToken);
        var objective = PrimalLowering.Lower(binding.Objective, context.SemanticModel, cancellationToken);
        var constraint = binding.Projection ?? binding.Prox;
        if (type is null || objective is null || constraint is not null && PrimalLowering.Lower(constraint, context.SemanticModel, cancellationToken) is null)
        {
            return null;
        }

        var theta = Theta(binding.Theta.ToList(), binding.Objective, 1, binding.ConstraintTakesTheta ? constraint : null, binding.Prox is not null ? 2 : 1);
        var shell = new MethodShell(
            SymbolModels.Modifiers(solver, syntax),
            SymbolModels.TypeName(solver.ReturnType),
            solver.Name,
            solver.Parameters.Select(p => SymbolModels.Parameter(p) is var shellParameter && p.Type.IsReferenceType && p.NullableAnnotation == NullableAnnotation.Annotated ? shellParameter with { Type = shellParameter.Type + "?" } : SymbolModels.Parameter(p)).ToEquatableArray());

        return new OptimizeModel(
            type,
            shell,
            solver.IsStatic,
            binding.Objective.Name,
            objective,
            binding.Objective.Parameters.Select(SymbolModels.Parameter).ToEquatableArray(),
            SymbolModels.EscapeIdentifier(solver.Parameters[0].Name),
            theta,
            binding.HasOptions ? SymbolModels.EscapeIdentifier(solver.Parameters[solver.Parameters.Length - 1].Name) : null,
            binding.ReturnsResult,
            binding.Method,
            constraint?.Name,
            binding.Prox is not null,
            binding.ConstraintTakesTheta,
            SymbolModels.Cref(binding.Objective),
            SymbolModels.HintName(solver, "Optimize"),
            DefaultOptions(solver));
    }

    /// <summary>
    /// The options a call without <c>SolverOptions</c> runs with, from <c>[Optimize(Tolerance = …, MaxIterations = …)]</c>:
    /// a <c>new SolverOptions { … }</c> expression, or null for the runtime's defaults.
    /// </summary>
    private static string? DefaultOptions(IMethodSymbol solver)
    {
        var attribute = solver.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == Signatures.SolverBinder.OptimizeAttribute);
        var settings = new List<string>();
        foreach (var argument in attribute?.NamedArguments ?? System.Collections.Immutable.ImmutableArray<KeyValuePair<string, TypedConstant>>.Empty)
        {
            if (argument.Key == "Tolerance" && argument.Value.Value is double tolerance && !double.IsNaN(tolerance))
            {
                settings.Add("Tolerance = " + tolerance.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (argument.Key == "MaxIterations" && argument.Value.Value is int iterations && iterations > 0)
            {
                settings.Add("MaxIterations = " + iterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return settings.Count == 0 ? null : "new global::DiffOpt.Solvers.SolverOptions { " + string.Join(", ", settings) + " }";
    }

    public static ImplicitDiffModel? ParseImplicitDiff(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is IMethodSymbol solver ? ImplicitModel(solver, context.SemanticModel, cancellationToken) : null;

    /// <summary>A <c>[Vjp]</c>/<c>[Jvp]</c> declaration of an <c>[ImplicitDiff]</c> solver, or null (then it is an ordinary one, or invalid).</summary>
    public static SolverDerivativeModel? ParseSolverDerivative(GeneratorAttributeSyntaxContext context, DerivativeKind kind, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol declaration || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length != 1
            || SolverDerivativeBinder.TargetSolver(declaration, context.Attributes[0]) is not { } solver)
        {
            return null;
        }

        var binding = DerivativeBinder.Bind(declaration, context.Attributes[0], kind, cancellationToken);
        var type = SymbolModels.TypeChainOf(declaration.ContainingType, cancellationToken);
        if (!binding.IsValid || type is null || ImplicitModel(solver, context.SemanticModel, cancellationToken) is not { } solverModel)
        {
            return null;
        }

        var shell = new MethodShell(
            SymbolModels.Modifiers(declaration, syntax),
            declaration.ReturnsVoid ? "void" : SymbolModels.TypeName(declaration.ReturnType),
            declaration.Name,
            declaration.Parameters.Select(SymbolModels.Parameter).ToEquatableArray());
        return new SolverDerivativeModel(type, kind, shell, solverModel, SymbolModels.EscapeIdentifier(declaration.Parameters[0].Name), binding.Inputs.ToEquatableArray(), binding.ReturnsValue, SymbolModels.HintName(declaration, kind.ToString()));
    }

    private static ImplicitDiffModel? ImplicitModel(IMethodSymbol solver, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (SolverBinder.BindImplicit(solver) is not { } binding)
        {
            return null;
        }

        solver = binding.Solver;
        var type = SymbolModels.TypeChainOf(solver.ContainingType, cancellationToken);
        var constraint = binding.Optimize?.Projection ?? binding.Optimize?.Prox;
        if (type is null || PrimalLowering.Lower(binding.Primary, semanticModel, cancellationToken) is null
            || binding.Kind is ConditionKind.Projected or ConditionKind.Proximal && PrimalLowering.Lower(constraint!, semanticModel, cancellationToken) is null)
        {
            return null;
        }

        var usesConstraint = binding.Kind is ConditionKind.Projected or ConditionKind.Proximal;
        var theta = Theta(binding.Theta, binding.Primary, 1, usesConstraint && binding.Optimize!.ConstraintTakesTheta ? constraint : null, binding.Kind == ConditionKind.Proximal ? 2 : 1);
        return new ImplicitDiffModel(
            type,
            DerivativeDeclarationBuilder.Accessibility(solver.DeclaredAccessibility),
            solver.IsStatic,
            solver.Name,
            SymbolModels.Cref(solver),
            TypeMapping.IsDoubleArray(solver.Parameters[0].Type),
            theta,
            binding.Optimize?.ReturnsResult ?? false,
            binding.Kind,
            binding.Primary.Name,
            usesConstraint ? constraint!.Name : null,
            usesConstraint && binding.Optimize!.ConstraintTakesTheta,
            binding.Kind == ConditionKind.Proximal && TypeMapping.TryMapParameter(constraint!.Parameters[1], out var step) && step.IsDifferentiable,
            binding.LinearSolver,
            binding.Tolerance,
            binding.MaxIterations,
            SymbolModels.HintName(solver, "ImplicitDiff"));
    }

    /// <summary>The θ parameters with their derivative slots in the primary function (θ from <paramref name="primaryOffset"/>) and the constraint.</summary>
    private static EquatableArray<ThetaParameter> Theta(IReadOnlyList<IParameterSymbol> theta, IMethodSymbol primary, int primaryOffset, IMethodSymbol? constraint, int constraintOffset)
    {
        var result = new List<ThetaParameter>();
        for (var i = 0; i < theta.Count; i++)
        {
            TypeMapping.TryMapParameter(theta[i], out var own);
            TypeMapping.TryMapParameter(primary.Parameters[primaryOffset + i], out var inPrimary);
            var inConstraint = constraint is not null && TypeMapping.TryMapParameter(constraint.Parameters[constraintOffset + i], out var c) && c.IsDifferentiable;
            var kind = own.Kind switch
            {
                IrParameterKind.DoubleArray => ThetaKind.Array,
                IrParameterKind.ReadOnlySpan => ThetaKind.ReadOnlySpan,
                IrParameterKind.Matrix => ThetaKind.Matrix,
                _ => own.Type == IrType.Double ? ThetaKind.Scalar : ThetaKind.Other,
            };
            result.Add(new ThetaParameter(SymbolModels.EscapeIdentifier(theta[i].Name), SymbolModels.TypeName(theta[i].Type), kind, inPrimary.IsDifferentiable, inConstraint, own.IsDifferentiable));
        }

        return result.ToEquatableArray();
    }
}
