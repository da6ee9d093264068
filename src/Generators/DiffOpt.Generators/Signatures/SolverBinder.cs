using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.Signatures;

/// <summary>What makes an <c>[ImplicitDiff]</c> solver's solution x* a root: F(x*, θ) = 0.</summary>
internal enum ConditionKind
{
    /// <summary>F = ∇ₓf of an <c>[Optimize]</c> solver's objective.</summary>
    Gradient,

    /// <summary>F = x − P(x − ∇ₓf(x, θ)) for an <c>[Optimize]</c> solver with a projection.</summary>
    Projected,

    /// <summary>F = x − prox(x − ∇ₓf(x, θ), 1) for an <c>[Optimize]</c> solver with a proximal operator.</summary>
    Proximal,

    /// <summary>A named root condition C(x, θ…, residual).</summary>
    Root,

    /// <summary>F = x − T(x, θ…) for a named fixed-point map T(x, θ…, output).</summary>
    FixedPoint,
}

/// <summary>An <c>[Optimize]</c> declaration bound to its objective (and projection or proximal operator).</summary>
internal sealed class OptimizeBinding
{
    public OptimizeBinding(IMethodSymbol solver, IMethodSymbol objective, IMethodSymbol? projection, IMethodSymbol? prox, bool constraintTakesTheta, int method, bool hasOptions, bool returnsResult)
    {
        Solver = solver;
        Objective = objective;
        Projection = projection;
        Prox = prox;
        ConstraintTakesTheta = constraintTakesTheta;
        Method = method;
        HasOptions = hasOptions;
        ReturnsResult = returnsResult;
    }

    public IMethodSymbol Solver { get; }

    public IMethodSymbol Objective { get; }

    public IMethodSymbol? Projection { get; }

    public IMethodSymbol? Prox { get; }

    /// <summary>Whether the projection or proximal operator takes the parameters θ (else only x, [step] and its output).</summary>
    public bool ConstraintTakesTheta { get; }

    /// <summary>The <c>DiffOpt.Solver</c> value (0 L-BFGS, 1 gradient descent, 2 Newton-CG).</summary>
    public int Method { get; }

    public bool HasOptions { get; }

    public bool ReturnsResult { get; }

    /// <summary>The parameters θ of the solver after its initial point (options excluded).</summary>
    public IEnumerable<IParameterSymbol> Theta => Solver.Parameters.Skip(1).Take(Solver.Parameters.Length - 1 - (HasOptions ? 1 : 0));
}

/// <summary>An <c>[ImplicitDiff]</c> solver bound to its optimality condition.</summary>
internal sealed class ImplicitBinding
{
    public ImplicitBinding(IMethodSymbol solver, ConditionKind kind, IMethodSymbol primary, OptimizeBinding? optimize, int linearSolver, double tolerance, int maxIterations)
    {
        Solver = solver;
        Kind = kind;
        Primary = primary;
        Optimize = optimize;
        LinearSolver = linearSolver;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
    }

    public IMethodSymbol Solver { get; }

    public ConditionKind Kind { get; }

    /// <summary>The objective (gradient, projected and proximal conditions), the root condition or the fixed-point map.</summary>
    public IMethodSymbol Primary { get; }

    public OptimizeBinding? Optimize { get; }

    public int LinearSolver { get; }

    public double Tolerance { get; }

    public int MaxIterations { get; }

    /// <summary>The solver's parameters θ after its initial point (options excluded).</summary>
    public IReadOnlyList<IParameterSymbol> Theta => (Optimize?.Theta ?? Solver.Parameters.Skip(1)).ToList();
}

/// <summary>
/// Binds <c>[Optimize]</c> and <c>[ImplicitDiff]</c> declarations to the methods they name and checks the shapes the
/// generator relies on; null means "emit nothing" (the analyzers explain why). Used by the generator pipelines and by the
/// front end (a call to a bound <c>[ImplicitDiff]</c> solver is differentiable).
/// </summary>
internal static class SolverBinder
{
    public const string OptimizeAttribute = "DiffOpt.OptimizeAttribute";
    public const string ImplicitDiffAttribute = "DiffOpt.ImplicitDiffAttribute";
    public const string SolverOptionsType = "DiffOpt.Solvers.SolverOptions";
    public const string OptimizationResultType = "DiffOpt.Solvers.OptimizationResult";

    /// <summary>Suffix of the vector-valued helper a differentiable caller calls in place of an <c>[ImplicitDiff]</c> solver.</summary>
    public const string SolveSuffix = "__Solve";

    /// <summary>Binds the <c>[Optimize]</c> attribute of <paramref name="solver"/>, or null.</summary>
    public static OptimizeBinding? BindOptimize(IMethodSymbol solver)
    {
        solver = solver.PartialDefinitionPart ?? solver;
        var attribute = solver.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == OptimizeAttribute);
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string objectiveName
            || !solver.IsPartialDefinition || solver.IsGenericMethod)
        {
            return null;
        }

        if (!PassesDeclarationRules(solver, attribute))
        {
            return null;
        }

        var returnsResult = solver.ReturnType.ToDisplayString() == OptimizationResultType;
        if (!returnsResult && !TypeMapping.IsDoubleArray(solver.ReturnType) || TypeMapping.IsSinglePrecision(solver.ReturnType))
        {
            return null;
        }

        var parameters = solver.Parameters;
        var hasOptions = parameters.Length > 0 && parameters[parameters.Length - 1].Type.OriginalDefinition.ToDisplayString().TrimEnd('?') == SolverOptionsType;
        var objective = FindSingle(solver, objectiveName);
        if (objective is null || !MethodLowering.IsDifferentiable(objective) || !TypeMapping.IsDouble(objective.ReturnType) || TypeMapping.IsSinglePrecision(objective.ReturnType)
            || objective.IsStatic != solver.IsStatic || objective.Parameters.Length == 0 || !IsPoint(objective.Parameters[0]))
        {
            return null;
        }

        var theta = parameters.Skip(1).Take(parameters.Length - 1 - (hasOptions ? 1 : 0)).ToList();
        if (parameters.Length == 0 || !IsPoint(parameters[0]) || !SameTypes(theta, objective.Parameters.Skip(1).ToList()) || !theta.All(IsTheta))
        {
            return null;
        }

        var method = Named(attribute, "Solver") is int m ? m : 0;
        if (method is < 0 or > 2)
        {
            return null;
        }

        var projectionName = Named(attribute, "Projection") as string;
        var proxName = Named(attribute, "Prox") as string;
        if (projectionName is not null && proxName is not null)
        {
            return null;
        }

        IMethodSymbol? projection = null, prox = null;
        var takesTheta = false;
        if (projectionName is not null || proxName is not null)
        {
            var constraint = FindSingle(solver, (projectionName ?? proxName)!);
            if (constraint is null || !IsConstraint(constraint, solver, theta, withStep: proxName is not null, out takesTheta))
            {
                return null;
            }

            (projection, prox) = projectionName is not null ? (constraint, (IMethodSymbol?)null) : (null, constraint);
        }

        return new OptimizeBinding(solver, objective, projection, prox, takesTheta, method, hasOptions, returnsResult);
    }

    /// <summary>Binds the <c>[ImplicitDiff]</c> attribute of <paramref name="solver"/>, or null.</summary>
    public static ImplicitBinding? BindImplicit(IMethodSymbol solver)
    {
        solver = solver.PartialDefinitionPart ?? solver;
        var attribute = solver.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ImplicitDiffAttribute);
        if (attribute is null || solver.IsGenericMethod)
        {
            return null;
        }

        var conditionName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var fixedPointName = Named(attribute, "FixedPoint") as string;
        var linearSolver = Named(attribute, "LinearSolver") is int l ? l : 0;
        var tolerance = Named(attribute, "LinearSolverTolerance") is double t ? t : 1e-10;
        var maxIterations = Named(attribute, "LinearSolverMaxIterations") is int i ? i : 0;
        if (linearSolver is < 0 or > 6 || !(tolerance > 0) || double.IsInfinity(tolerance) || maxIterations < 0 || conditionName is not null && fixedPointName is not null)
        {
            return null;
        }

        var optimizeAttribute = solver.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == OptimizeAttribute);
        if (!PassesDeclarationRules(solver, optimizeAttribute))
        {
            return null;
        }

        var optimize = optimizeAttribute is not null ? BindOptimize(solver) : null;
        if (optimize is null)
        {
            // A hand-written solver: double[] Solve(ReadOnlySpan<double> x0 | double[] x0, θ…) with a body.
            if (solver.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == OptimizeAttribute)
                || solver.IsPartialDefinition && solver.PartialImplementationPart is null
                || !TypeMapping.IsDoubleArray(solver.ReturnType) || TypeMapping.IsSinglePrecision(solver.ReturnType)
                || solver.Parameters.Length == 0 || !IsPoint(solver.Parameters[0]) || !solver.Parameters.Skip(1).All(IsTheta))
            {
                return null;
            }
        }

        var theta = (optimize?.Theta ?? solver.Parameters.Skip(1)).ToList();
        var named = conditionName ?? fixedPointName;
        if (named is null)
        {
            if (optimize is null)
            {
                return null;
            }

            var kind = optimize.Projection is not null ? ConditionKind.Projected : optimize.Prox is not null ? ConditionKind.Proximal : ConditionKind.Gradient;
            return new ImplicitBinding(solver, kind, optimize.Objective, optimize, linearSolver, tolerance, maxIterations);
        }

        var condition = FindSingle(solver, named);
        if (condition is null || !MethodLowering.IsDifferentiable(condition) || !condition.ReturnsVoid || condition.IsStatic != solver.IsStatic
            || condition.Parameters.Length != theta.Count + 2 || !IsPoint(condition.Parameters[0]) || !IsDifferentiableVector(condition.Parameters[0])
            || !TypeMapping.IsSpanOfDouble(condition.Parameters[condition.Parameters.Length - 1].Type, "Span") || TypeMapping.IsSinglePrecision(condition.Parameters[condition.Parameters.Length - 1].Type)
            || !SameTypes(theta, condition.Parameters.Skip(1).Take(theta.Count).ToList()))
        {
            return null;
        }

        return new ImplicitBinding(solver, conditionName is not null ? ConditionKind.Root : ConditionKind.FixedPoint, condition, optimize, linearSolver, tolerance, maxIterations);
    }

    /// <summary>Whether a call to <paramref name="method"/> in differentiable code can be lowered to its implicit helpers.</summary>
    public static bool IsDifferentiableSolver(IMethodSymbol method)
    {
        method = method.PartialDefinitionPart ?? method;
        return method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ImplicitDiffAttribute)
            && TypeMapping.IsDoubleArray(method.ReturnType)
            && BindImplicit(method) is not null;
    }

    /// <summary>The analyzers' rules (DOPT0013–DOPT0019, <see cref="SolverDeclarationRules"/>): the generator emits nothing for a declaration they reject.</summary>
    private static bool PassesDeclarationRules(IMethodSymbol solver, AttributeData? optimize) =>
        SolverDeclarationRules.Check(solver, System.Threading.CancellationToken.None) is not { IsValid: false };

    private static bool IsConstraint(IMethodSymbol constraint, IMethodSymbol solver, List<IParameterSymbol> theta, bool withStep, out bool takesTheta)
    {
        takesTheta = false;
        var p = constraint.Parameters;
        var fixedCount = withStep ? 3 : 2;
        if (!MethodLowering.IsDifferentiable(constraint) || !constraint.ReturnsVoid || constraint.IsStatic != solver.IsStatic
            || p.Length < fixedCount || !TypeMapping.IsSpanOfDouble(p[0].Type, "ReadOnlySpan") || TypeMapping.IsSinglePrecision(p[0].Type) || !IsDifferentiableVector(p[0])
            || withStep && (p[1].Type.SpecialType != SpecialType.System_Double || p[1].RefKind != RefKind.None)
            || !TypeMapping.IsSpanOfDouble(p[p.Length - 1].Type, "Span") || TypeMapping.IsSinglePrecision(p[p.Length - 1].Type))
        {
            return false;
        }

        if (p.Length == fixedCount)
        {
            return true;
        }

        takesTheta = true;
        return p.Length == fixedCount + theta.Count && SameTypes(theta, p.Skip(fixedCount - 1).Take(theta.Count).ToList());
    }

    private static IMethodSymbol? FindSingle(IMethodSymbol solver, string name)
    {
        var candidates = solver.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Where(m => !m.IsGenericMethod).ToList();
        return candidates.Count == 1 ? candidates[0].PartialDefinitionPart ?? candidates[0] : null;
    }

    private static object? Named(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name) is { Key: not null } pair ? pair.Value.Value : null;

    private static bool IsPoint(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None && !TypeMapping.IsSinglePrecision(parameter.Type)
        && (TypeMapping.IsDoubleArray(parameter.Type) || TypeMapping.IsSpanOfDouble(parameter.Type, "ReadOnlySpan"));

    private static bool IsDifferentiableVector(IParameterSymbol parameter) =>
        TypeMapping.TryMapParameter(parameter, out var ir) && ir.IsDifferentiable;

    private static bool IsTheta(IParameterSymbol parameter) =>
        TypeMapping.TryMapParameter(parameter, out var ir) && !ir.IsSinglePrecision && !ir.IsOutput;

    private static bool SameTypes(IReadOnlyList<IParameterSymbol> solver, IReadOnlyList<IParameterSymbol> target) =>
        solver.Count == target.Count
        && solver.Zip(target, (a, b) => SymbolEqualityComparer.Default.Equals(a.Type, b.Type) && b.RefKind == RefKind.None && IsTheta(b)).All(ok => ok);
}
