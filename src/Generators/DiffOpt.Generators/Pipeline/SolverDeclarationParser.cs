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
            SymbolModels.HintName(solver, "Optimize"));
    }

    public static ImplicitDiffModel? ParseImplicitDiff(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol solver || SolverBinder.BindImplicit(solver) is not { } binding)
        {
            solver = null!;
            return null;
        }

        solver = binding.Solver;
        var type = SymbolModels.TypeChainOf(solver.ContainingType, cancellationToken);
        var constraint = binding.Optimize?.Projection ?? binding.Optimize?.Prox;
        if (type is null || PrimalLowering.Lower(binding.Primary, context.SemanticModel, cancellationToken) is null
            || binding.Kind is ConditionKind.Projected or ConditionKind.Proximal && PrimalLowering.Lower(constraint!, context.SemanticModel, cancellationToken) is null)
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
