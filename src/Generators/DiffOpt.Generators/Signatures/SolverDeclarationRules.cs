using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.FrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Signatures;

/// <summary>
/// The contract of <c>[Optimize]</c> and <c>[ImplicitDiff]</c> declarations, checked on symbols: the generator calls
/// <see cref="Check"/> and emits nothing unless the result is valid; the analyzer reports its diagnostics
/// (DOPT0013–DOPT0019, and DOPT0011 for a non-partial type, which the analyzer reports from the type itself).
/// </summary>
/// <remarks>
/// The contract (see OptimizeAttribute and ImplicitDiffAttribute): a solver takes the initial point
/// (<c>ReadOnlySpan&lt;double&gt;</c> or <c>double[]</c>) first, then θ — exactly the objective's parameters after its
/// decision variable — then optionally a trailing <c>SolverOptions? options</c>; it returns <c>double[]</c> or
/// <c>OptimizationResult</c>. A condition or fixed-point map is a <c>[Differentiable]</c> void method
/// <c>F(x, θ…, Span&lt;double&gt; output)</c> of the solver's type; a projection or proximal operator is a
/// <c>[Differentiable]</c> void method <c>P(ReadOnlySpan&lt;double&gt; x, [double step,] [θ…,] Span&lt;double&gt; output)</c>.
/// In the generator: <c>if (SolverDeclarationRules.Check(method, ct) is { IsValid: true } solver) { … solver.Objective,
/// solver.Condition, solver.ConditionKind, solver.Parameters (θ), solver.Options … }</c>.
/// </remarks>
internal static class SolverDeclarationRules
{
    /// <summary>Metadata name of <c>[Optimize]</c>.</summary>
    public const string OptimizeAttribute = "DiffOpt.OptimizeAttribute";

    /// <summary>Metadata name of <c>[ImplicitDiff]</c>.</summary>
    public const string ImplicitDiffAttribute = "DiffOpt.ImplicitDiffAttribute";

    /// <summary>Metadata name of the solvers' result type.</summary>
    public const string OptimizationResultType = "DiffOpt.Solvers.OptimizationResult";

    /// <summary>Metadata name of the options type a solver may take last.</summary>
    public const string SolverOptionsType = "DiffOpt.Solvers.SolverOptions";

    /// <summary>Property of DOPT0016 and DOPT0017 diagnostics: the name of the solver they concern (for the code fixes).</summary>
    public const string SolverNameProperty = "Solver";

    /// <summary>
    /// Whether the generator emits the default condition of a constrained <c>[Optimize]</c> solver (the fixed point of the
    /// projected or proximal gradient step). Until it does, a constrained solver with a bare <c>[ImplicitDiff]</c> is
    /// DOPT0016 (name the fixed-point map) instead of a call site that silently has no derivative (DOPT0003).
    /// Set to true together with the generator change.
    /// </summary>
    public const bool ConstrainedDefaultConditionIsGenerated = true;

    /// <summary>Property of a DOPT0017 "names no method" diagnostic: the missing method's name.</summary>
    public const string MissingMemberProperty = "Member";

    /// <summary>Property of a DOPT0017 "names no method" diagnostic: <c>Projection</c> or <c>Prox</c>.</summary>
    public const string ConstraintKindProperty = "Constraint";

    /// <summary>Whether <paramref name="method"/> carries <c>[Optimize]</c> or <c>[ImplicitDiff]</c> (on either part of a partial method).</summary>
    public static bool IsSolverDeclaration(IMethodSymbol method) =>
        (method.PartialDefinitionPart ?? method).GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is OptimizeAttribute or ImplicitDiffAttribute);

    /// <summary>
    /// Binds and checks an <c>[Optimize]</c> and/or <c>[ImplicitDiff]</c> method (either part of a partial method; the
    /// definition part is checked). Null when the method carries neither attribute.
    /// </summary>
    public static SolverDeclaration? Check(IMethodSymbol solver, CancellationToken cancellationToken)
    {
        var definition = solver.PartialDefinitionPart ?? solver;
        var attributes = definition.GetAttributes();
        var optimize = attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == OptimizeAttribute);
        var implicitDiff = attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ImplicitDiffAttribute);
        if (optimize is null && implicitDiff is null)
        {
            return null;
        }

        return new Checker(definition, optimize, implicitDiff, cancellationToken).Run();
    }

    /// <summary>
    /// θ of <paramref name="solver"/>: its parameters after the initial point, without the trailing <c>SolverOptions</c> of
    /// an <c>[Optimize]</c> solver (a hand-written solver takes no options). What a condition or fixed-point map takes
    /// between the solution and its output.
    /// </summary>
    public static IReadOnlyList<IParameterSymbol> ConditionParameters(IMethodSymbol solver)
    {
        solver = solver.PartialDefinitionPart ?? solver;
        var parameters = solver.Parameters;
        var end = OptionsParameter(solver) is null ? parameters.Length : parameters.Length - 1;
        return parameters.Skip(1).Take(Math.Max(0, end - 1)).ToList();
    }

    /// <summary>The trailing <c>SolverOptions? options</c> of an <c>[Optimize]</c> solver, or null.</summary>
    public static IParameterSymbol? OptionsParameter(IMethodSymbol solver)
    {
        solver = solver.PartialDefinitionPart ?? solver;
        var parameters = solver.Parameters;
        return parameters.Length > 1 && IsSolverOptions(parameters[parameters.Length - 1].Type)
            && solver.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == OptimizeAttribute)
            ? parameters[parameters.Length - 1]
            : null;
    }

    /// <summary>Whether a parameter can be θ, a parameter the solution depends on: a type the front end maps, in double precision, not an output span.</summary>
    public static bool IsThetaParameter(IParameterSymbol parameter) =>
        TypeMapping.TryMapParameter(parameter, out var mapped) && !mapped.IsSinglePrecision && !mapped.IsOutput;

    /// <summary>Whether <paramref name="type"/> is <c>DiffOpt.Solvers.SolverOptions</c> (nullable or not).</summary>
    public static bool IsSolverOptions(ITypeSymbol? type) => type?.OriginalDefinition.ToDisplayString().TrimEnd('?') == SolverOptionsType;

    /// <summary>Whether <paramref name="type"/> is a vector of doubles a solver can optimise over: <c>ReadOnlySpan&lt;double&gt;</c> or <c>double[]</c>.</summary>
    public static bool IsVariableType(ITypeSymbol? type) =>
        (TypeMapping.IsSpanOfDouble(type, "ReadOnlySpan") || TypeMapping.IsDoubleArray(type)) && !TypeMapping.IsSinglePrecision(type);

    /// <summary>The way C# spells a parameter in a message: <c>ref double[] x</c>.</summary>
    public static string Spell(IParameterSymbol parameter) =>
        (parameter.RefKind switch { RefKind.Out => "out ", RefKind.Ref => "ref ", RefKind.In => "in ", _ => string.Empty })
        + parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + parameter.Name;

    private static string Ordinal(int position) => position.ToString(CultureInfo.InvariantCulture);

    private static string TypeName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>One check of one declaration; collects diagnostics as it goes.</summary>
    private sealed class Checker
    {
        private readonly IMethodSymbol solver;
        private readonly AttributeData? optimize;
        private readonly AttributeData? implicitDiff;
        private readonly CancellationToken cancellationToken;
        private readonly ImmutableArray<Diagnostic>.Builder diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        private readonly MethodDeclarationSyntax? syntax;
        private readonly Location identifierLocation;
        private bool hasCompilerErrors;

        public Checker(IMethodSymbol solver, AttributeData? optimize, AttributeData? implicitDiff, CancellationToken cancellationToken)
        {
            this.solver = solver;
            this.optimize = optimize;
            this.implicitDiff = implicitDiff;
            this.cancellationToken = cancellationToken;
            syntax = solver.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
            identifierLocation = syntax?.Identifier.GetLocation() ?? solver.Locations.FirstOrDefault() ?? Location.None;
        }

        public SolverDeclaration Run()
        {
            hasCompilerErrors = HasErrors(optimize) || HasErrors(implicitDiff);
            CheckOptions();
            CheckShape();
            CheckContainingTypes();

            var theta = ConditionParameters(solver);
            var options = OptionsParameter(solver);

            // A misplaced SolverOptions is reported once, on itself; comparing without it keeps the other parameters aligned.
            var compared = theta.Where(p => !IsSolverOptions(p.Type)).ToList();
            var returnsResult = solver.ReturnType.ToDisplayString() == OptimizationResultType;

            IMethodSymbol? objective = null, projection = null, prox = null;
            if (optimize is not null)
            {
                objective = CheckObjective(compared);
                projection = CheckConstraint(compared, "Projection");
                prox = CheckConstraint(compared, "Prox");
            }

            IMethodSymbol? condition = null;
            var kind = ImplicitConditionKind.None;
            if (implicitDiff is not null)
            {
                (condition, kind) = CheckCondition(compared, projection is not null || NamedString(optimize, "Projection") is not null, prox is not null || NamedString(optimize, "Prox") is not null);
            }

            return new SolverDeclaration(solver, optimize, implicitDiff, objective, condition, projection, prox, kind, theta, options, returnsResult, hasCompilerErrors, diagnostics.ToImmutable());
        }

        /// <summary>DOPT0019: settings that contradict each other or cannot be honoured.</summary>
        private void CheckOptions()
        {
            if (optimize is not null)
            {
                var hasProjection = NamedString(optimize, "Projection") is not null;
                var hasProx = NamedString(optimize, "Prox") is not null;
                if (hasProjection && hasProx)
                {
                    Report(DiagnosticDescriptors.ConflictingSolverOptions, ArgumentLocation(optimize, "Prox"),
                        $"'{solver.Name}' sets both Projection and Prox: a solver is either projected gradient (Projection) or proximal gradient (Prox); put the constraint into the proximal operator");
                }

                if ((hasProjection || hasProx) && NamedValue(optimize, "Solver") is { } method)
                {
                    Report(DiagnosticDescriptors.ConflictingSolverOptions, ArgumentLocation(optimize, "Solver"),
                        $"Solver = {EnumName(method)} has no effect with {(hasProjection ? "Projection" : "Prox")}: '{solver.Name}' is {(hasProjection ? "projected" : "proximal")} gradient; remove the Solver setting");
                }
                else
                {
                    CheckEnum(optimize, "Solver");
                }

                if (NamedValue(optimize, "Tolerance") is { Value: double solverTolerance } && !double.IsNaN(solverTolerance) && !(solverTolerance >= 0 && solverTolerance < double.PositiveInfinity))
                {
                    Report(DiagnosticDescriptors.ConflictingSolverOptions, ArgumentLocation(optimize, "Tolerance"),
                        $"Tolerance = {solverTolerance.ToString("R", CultureInfo.InvariantCulture)} is not a tolerance: use a finite value ≥ 0, e.g. 1e-10 (NaN keeps the default)");
                }

                if (NamedValue(optimize, "MaxIterations") is { Value: int solverIterations } && solverIterations < 0)
                {
                    Report(DiagnosticDescriptors.ConflictingSolverOptions, ArgumentLocation(optimize, "MaxIterations"),
                        $"MaxIterations = {solverIterations.ToString(CultureInfo.InvariantCulture)} is negative: use 0 for the default (1000) or a positive limit");
                }
            }

            if (implicitDiff is not null)
            {
                if (ConstructorString(implicitDiff) is not null && NamedString(implicitDiff, "FixedPoint") is not null)
                {
                    Report(DiagnosticDescriptors.ConflictingSolverOptions, ArgumentLocation(implicitDiff, "FixedPoint"),
                        $"'{solver.Name}' names both a condition and a fixed-point map: keep one ([ImplicitDiff(nameof(F))] for a root condition F(x, θ) = 0, or FixedPoint = nameof(T) for x = T(x, θ))");
                }

                CheckEnum(implicitDiff, "LinearSolver");
                if (NamedValue(implicitDiff, "LinearSolverTolerance") is { Value: double tolerance } && !(tolerance > 0 && tolerance < 1))
                {
                    Report(DiagnosticDescriptors.ConflictingSolverOptions, ArgumentLocation(implicitDiff, "LinearSolverTolerance"),
                        $"LinearSolverTolerance = {tolerance.ToString("R", CultureInfo.InvariantCulture)} is not a relative tolerance: use a value in (0, 1), e.g. 1e-10");
                }

                if (NamedValue(implicitDiff, "LinearSolverMaxIterations") is { Value: int iterations } && iterations < 0)
                {
                    Report(DiagnosticDescriptors.ConflictingSolverOptions, ArgumentLocation(implicitDiff, "LinearSolverMaxIterations"),
                        $"LinearSolverMaxIterations = {iterations.ToString(CultureInfo.InvariantCulture)} is negative: use 0 for the linear solver's default or a positive limit");
                }
            }
        }

        private void CheckEnum(AttributeData attribute, string name)
        {
            if (NamedValue(attribute, name) is { } value && value.Type is INamedTypeSymbol enumType
                && !enumType.GetMembers().OfType<IFieldSymbol>().Any(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value)))
            {
                Report(DiagnosticDescriptors.ConflictingSolverOptions, ArgumentLocation(attribute, name),
                    $"{name} = {Convert.ToString(value.Value, CultureInfo.InvariantCulture)} is not a member of {enumType.Name}: choose one of {string.Join(", ", enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => enumType.Name + "." + f.Name))}");
            }
        }

        /// <summary>DOPT0018, DOPT0014, DOPT0015: the solver's own declaration.</summary>
        private void CheckShape()
        {
            if (optimize is not null)
            {
                var hasBody = syntax is null || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || syntax.Body is not null || syntax.ExpressionBody is not null;
                var userImplementation = solver.PartialImplementationPart is { } implementation
                    && implementation.DeclaringSyntaxReferences.Any(r => !r.SyntaxTree.FilePath.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase));
                if (hasBody || userImplementation)
                {
                    Report(DiagnosticDescriptors.SolverNotPartial, identifierLocation, solver.Name);
                }
            }

            if (solver.IsGenericMethod)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, syntax?.TypeParameterList?.GetLocation() ?? identifierLocation,
                    $"'{solver.Name}' cannot be generic: a solver has exactly the types of its {(optimize is null ? "condition" : "objective")}");
            }

            var returnType = solver.ReturnType;
            var returnsArray = TypeMapping.IsDoubleArray(returnType) && !TypeMapping.IsSinglePrecision(returnType);
            if (optimize is not null && !returnsArray && returnType.ToDisplayString() != OptimizationResultType)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, syntax?.ReturnType.GetLocation() ?? identifierLocation,
                    $"'{solver.Name}' must return 'double[]' (the solution; OptimizationException when the solver does not converge) or 'OptimizationResult' (never throws), not '{TypeName(returnType)}'");
            }
            else if (optimize is null && !returnsArray)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, syntax?.ReturnType.GetLocation() ?? identifierLocation,
                    $"'{solver.Name}' must return 'double[]', the solution, not '{TypeName(returnType)}': [ImplicitDiff] differentiates the solution a hand-written solver returns");
            }

            if (solver.Parameters.Length == 0)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, ParameterListLocation(),
                    $"'{solver.Name}' must take the initial point first: add 'ReadOnlySpan<double> x0'");
                return;
            }

            var initial = solver.Parameters[0];
            if (!IsVariableType(initial.Type) || initial.RefKind != RefKind.None)
            {
                Report(DiagnosticDescriptors.UnsupportedSolverType, ParameterLocation(initial),
                    $"The initial point '{Spell(initial)}' of '{solver.Name}' must be 'ReadOnlySpan<double>' or 'double[]'{ScalarHint(initial.Type)}");
            }

            var theta = ConditionParameters(solver);
            for (var i = 0; i < theta.Count; i++)
            {
                var parameter = theta[i];
                if (IsSolverOptions(parameter.Type))
                {
                    Report(DiagnosticDescriptors.SolverSignatureMismatch, ParameterLocation(parameter), optimize is null
                        ? $"Parameter {Ordinal(i + 2)} '{Spell(parameter)}' of '{solver.Name}': a hand-written solver takes no SolverOptions; only [Optimize] solvers take 'SolverOptions? options' last"
                        : $"Parameter {Ordinal(i + 2)} '{Spell(parameter)}' of '{solver.Name}' must be the last parameter: the solver's options come after every parameter of the objective");
                }
                else if (!IsThetaParameter(parameter))
                {
                    Report(DiagnosticDescriptors.UnsupportedSolverType, ParameterLocation(parameter),
                        $"Parameter {Ordinal(i + 2)} '{Spell(parameter)}' of '{solver.Name}' cannot be passed through to {(optimize is null ? "the condition" : "the objective")}: a solver's parameters after the initial point are double, int, bool, double[], double[,] or ReadOnlySpan<double>, passed by value");
                }
            }
        }

        /// <summary>The generator adds members to the solver's type: every type around it must be partial (DOPT0011).</summary>
        private void CheckContainingTypes()
        {
            for (var type = solver.ContainingType; type is not null; type = type.ContainingType)
            {
                var declaration = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
                if (declaration is null || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    Report(DiagnosticDescriptors.TypeNotPartial, declaration?.Identifier.GetLocation() ?? identifierLocation, type.Name, solver.Name);
                }
            }
        }

        /// <summary>DOPT0013–DOPT0015: the objective of an <c>[Optimize]</c> solver, and θ against its parameters.</summary>
        private IMethodSymbol? CheckObjective(IReadOnlyList<IParameterSymbol> theta)
        {
            var name = ConstructorString(optimize!);
            var location = ArgumentLocation(optimize!, null);
            var objective = FindDifferentiable(name, location, "objective", "[Optimize] needs nameof(F) of a [Differentiable] method of the same type that returns the double to minimise");
            if (objective is null)
            {
                return null;
            }

            if (objective.ReturnType.SpecialType != SpecialType.System_Double)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                    $"The objective '{objective.Name}' must return 'double', the value to minimise, not '{TypeName(objective.ReturnType)}'");
            }

            if (objective.Parameters.Length == 0)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                    $"The objective '{objective.Name}' has no parameter: its first parameter is the decision variable the solver optimises");
                return null;
            }

            var variable = objective.Parameters[0];
            if (!IsVariableType(variable.Type) || variable.RefKind != RefKind.None)
            {
                Report(DiagnosticDescriptors.UnsupportedSolverType, location,
                    $"The decision variable '{Spell(variable)}' of '{objective.Name}' must be 'ReadOnlySpan<double>' or 'double[]'{ScalarHint(variable.Type)}");
            }
            else if (!DerivativeDeclarationBuilder.IsDifferentiable(variable))
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                    $"The decision variable '{variable.Name}' of '{objective.Name}' is marked [NonDifferentiable]: the solver needs the objective's gradient in it");
            }

            CheckStatic(objective, location, "objective");
            CompareWithSolver(theta, objective.Parameters.Skip(1).ToList(), objective);
            return objective;
        }

        /// <summary>
        /// The solver's θ against the objective's parameters after its decision variable: each difference is reported on
        /// the solver's parameter (the objective is the reference the solver was declared from).
        /// </summary>
        private void CompareWithSolver(IReadOnlyList<IParameterSymbol> theta, IReadOnlyList<IParameterSymbol> expected, IMethodSymbol objective)
        {
            for (var i = 0; i < expected.Count; i++)
            {
                var position = i + 2;
                if (i >= theta.Count)
                {
                    Report(DiagnosticDescriptors.SolverSignatureMismatch, ParameterListLocation(),
                        $"'{solver.Name}' must take the parameters of '{objective.Name}' after the initial point, in order: parameter {Ordinal(position)} '{Spell(expected[i])}' is missing");
                    return;
                }

                if (!SameParameter(theta[i], expected[i]))
                {
                    Report(DiagnosticDescriptors.SolverSignatureMismatch, ParameterLocation(theta[i]),
                        $"Parameter {Ordinal(position)} of '{solver.Name}' must have the type of parameter {Ordinal(position)} '{Spell(expected[i])}' of '{objective.Name}', but is '{Spell(theta[i])}'");
                }
            }

            for (var i = expected.Count; i < theta.Count; i++)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, ParameterLocation(theta[i]),
                    $"Parameter {Ordinal(i + 2)} '{Spell(theta[i])}' of '{solver.Name}' has no counterpart in '{objective.Name}': after the initial point a solver takes exactly the objective's other parameters, then optionally 'SolverOptions? options'");
            }
        }

        /// <summary>DOPT0016, DOPT0013–DOPT0015: the condition of an <c>[ImplicitDiff]</c> rule.</summary>
        private (IMethodSymbol? Condition, ImplicitConditionKind Kind) CheckCondition(IReadOnlyList<IParameterSymbol> theta, bool projected, bool proximal)
        {
            var conditionName = ConstructorString(implicitDiff!);
            var fixedPointName = NamedString(implicitDiff!, "FixedPoint");
            if (conditionName is null && fixedPointName is null)
            {
                var constraint = proximal ? "Prox" : projected ? "Projection" : null;
                if (optimize is not null && (constraint is null || ConstrainedDefaultConditionIsGenerated))
                {
                    return (null, proximal ? ImplicitConditionKind.ProximalGradientStep : projected ? ImplicitConditionKind.ProjectedGradientStep : ImplicitConditionKind.ObjectiveGradient);
                }

                if (!HasErrors(implicitDiff))
                {
                    var attributeLocation = implicitDiff!.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? identifierLocation;
                    var message = optimize is null
                        ? $"'{solver.Name}' is not an [Optimize] solver, so [ImplicitDiff] needs its optimality condition: name a [Differentiable] method F(x, θ…, Span<double> residual) with [ImplicitDiff(nameof(F))], or a fixed-point map with [ImplicitDiff(FixedPoint = nameof(T))]"
                        : $"'{solver.Name}' is constrained ({constraint}) and the default condition of a constrained solver, the fixed point of the {(proximal ? "proximal" : "projected")} gradient step, is not generated yet: name it with [ImplicitDiff(FixedPoint = nameof(T))], T(x, θ…, Span<double> next) writing {(proximal ? "prox(x − ∇f(x, θ), 1)" : "P(x − ∇f(x, θ))")}, or name a root condition with [ImplicitDiff(nameof(F))]";
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ImplicitDiffWithoutCondition, attributeLocation,
                        ImmutableDictionary<string, string?>.Empty.Add(SolverNameProperty, solver.Name), message));
                }

                return (null, ImplicitConditionKind.None);
            }

            var isFixedPoint = conditionName is null;
            var what = isFixedPoint ? "fixed-point map" : "condition";
            var location = isFixedPoint ? ArgumentLocation(implicitDiff!, "FixedPoint") : ArgumentLocation(implicitDiff!, null);
            var output = isFixedPoint ? "output" : "residual";
            var condition = FindDifferentiable(conditionName ?? fixedPointName, location, what,
                $"[ImplicitDiff] needs nameof(F) of a [Differentiable] method of the same type, void F(ReadOnlySpan<double> x, θ…, Span<double> {output})");
            if (condition is null)
            {
                return (null, ImplicitConditionKind.None);
            }

            var kind = isFixedPoint ? ImplicitConditionKind.FixedPoint : ImplicitConditionKind.Root;
            var shape = $"'[Differentiable] {(solver.IsStatic ? "static void" : "void")} {condition.Name}(ReadOnlySpan<double> x, {string.Concat(theta.Select(p => Spell(p) + ", "))}Span<double> {output})'";
            if (!condition.ReturnsVoid)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                    $"The {what} '{condition.Name}' must return void and write {(isFixedPoint ? "T(x, θ)" : "F(x, θ)")} into its last parameter: {shape}");
            }

            var parameters = condition.Parameters;
            if (parameters.Length == 0)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                    $"The {what} '{condition.Name}' has no parameter: it takes the solution first, the parameters of '{solver.Name}' after its initial point, and the {output} span last: {shape}");
                return (condition, kind);
            }

            var solution = parameters[0];
            if (!IsVariableType(solution.Type) || solution.RefKind != RefKind.None)
            {
                Report(DiagnosticDescriptors.UnsupportedSolverType, location,
                    $"The solution parameter '{Spell(solution)}' of the {what} '{condition.Name}' must be 'ReadOnlySpan<double>' or 'double[]'{ScalarHint(solution.Type)}");
            }
            else if (!DerivativeDeclarationBuilder.IsDifferentiable(solution))
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                    $"The solution parameter '{solution.Name}' of the {what} '{condition.Name}' is marked [NonDifferentiable]: implicit differentiation needs the {what}'s derivative in the solution");
            }

            var last = parameters[parameters.Length - 1];
            var hasOutput = parameters.Length >= 2 && TypeMapping.IsSpanOfDouble(last.Type, "Span") && !TypeMapping.IsSinglePrecision(last.Type) && last.RefKind == RefKind.None;
            if (!hasOutput)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                    $"The last parameter of the {what} '{condition.Name}' must be its output 'Span<double> {output}', {(isFixedPoint ? "receiving T(x, θ)" : "receiving the residual F(x, θ)")}, but is '{Spell(last)}': {shape}");
            }

            // θ: what lies between the solution and the output, against the solver's parameters after its initial point.
            var middle = parameters.Skip(1).Take(Math.Max(0, parameters.Length - (hasOutput ? 2 : 1))).ToList();
            for (var i = 0; i < Math.Max(middle.Count, theta.Count); i++)
            {
                var position = i + 2;
                if (i >= middle.Count)
                {
                    Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                        $"The {what} '{condition.Name}' must take the parameters of '{solver.Name}' after its initial point: parameter {Ordinal(position)} '{Spell(theta[i])}' is missing: {shape}");
                    break;
                }

                if (i >= theta.Count)
                {
                    Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                        $"Parameter {Ordinal(position)} '{Spell(middle[i])}' of the {what} '{condition.Name}' has no counterpart in '{solver.Name}': {shape}");
                    continue;
                }

                if (!SameParameter(middle[i], theta[i]))
                {
                    Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                        $"Parameter {Ordinal(position)} of the {what} '{condition.Name}' must have the type of parameter {Ordinal(position)} '{Spell(theta[i])}' of '{solver.Name}', but is '{Spell(middle[i])}'");
                }
            }

            CheckStatic(condition, location, what);
            return (condition, kind);
        }

        /// <summary>
        /// DOPT0017: a <c>[Differentiable]</c> projection <c>void P(ReadOnlySpan&lt;double&gt; x, [θ…,] Span&lt;double&gt; projected)</c>
        /// or proximal operator <c>void Q(ReadOnlySpan&lt;double&gt; x, double step, [θ…,] Span&lt;double&gt; result)</c>, θ being
        /// nothing or exactly the solver's parameters after its initial point.
        /// </summary>
        private IMethodSymbol? CheckConstraint(IReadOnlyList<IParameterSymbol> theta, string property)
        {
            var name = NamedString(optimize!, property);
            if (name is null || hasCompilerErrors)
            {
                return null;
            }

            var location = ArgumentLocation(optimize!, property);
            var isProx = property == "Prox";
            var what = isProx ? "proximal operator" : "projection";
            var head = isProx ? "ReadOnlySpan<double> x, double step, " : "ReadOnlySpan<double> x, ";
            var output = isProx ? "Span<double> result" : "Span<double> projected";
            var modifiers = solver.IsStatic ? "static void" : "void";
            var shape = $"'[Differentiable] {modifiers} {name}({head}{output})'"
                + (theta.Count == 0 ? string.Empty : $" or '[Differentiable] {modifiers} {name}({head}{string.Concat(theta.Select(p => Spell(p) + ", "))}{output})'");
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(SolverNameProperty, solver.Name)
                .Add(MissingMemberProperty, name)
                .Add(ConstraintKindProperty, property);
            var candidates = Candidates(name);
            if (candidates.Count != 1)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ConstraintOperatorMismatch, location, candidates.Count == 0 ? properties : null,
                    candidates.Count == 0
                        ? $"'{name}' names no method of '{solver.ContainingType.Name}': {property} needs nameof(P) of a {what} {shape}"
                        : $"The {what} '{name}' is overloaded: name a method with one overload, {shape}"));
                return null;
            }

            var constraint = candidates[0];
            var actual = "'" + (constraint.IsStatic ? "static " : string.Empty) + TypeName(constraint.ReturnType) + " " + constraint.Name + "(" + string.Join(", ", constraint.Parameters.Select(Spell)) + ")'";
            if (!MethodLowering.IsDifferentiable(constraint))
            {
                Report(DiagnosticDescriptors.ConstraintOperatorMismatch, location,
                    $"The {what} '{name}' of '{solver.Name}' is not marked [Differentiable]: the solver and its implicit derivative use its generated derivatives; declare it as {shape}");
                return null;
            }

            var parameters = constraint.Parameters;
            var fixedCount = isProx ? 3 : 2;
            var shapeOk = constraint.ReturnsVoid && !constraint.IsGenericMethod && parameters.Length >= fixedCount
                && TypeMapping.IsSpanOfDouble(parameters[0].Type, "ReadOnlySpan") && !TypeMapping.IsSinglePrecision(parameters[0].Type) && DerivativeDeclarationBuilder.IsDifferentiable(parameters[0])
                && (!isProx || (parameters[1].Type.SpecialType == SpecialType.System_Double && parameters[1].RefKind == RefKind.None))
                && TypeMapping.IsSpanOfDouble(parameters[parameters.Length - 1].Type, "Span") && !TypeMapping.IsSinglePrecision(parameters[parameters.Length - 1].Type)
                && (parameters.Length == fixedCount
                    || (parameters.Length == fixedCount + theta.Count && Enumerable.Range(0, theta.Count).All(i => SameParameter(parameters[fixedCount - 1 + i], theta[i]))));
            if (!shapeOk)
            {
                Report(DiagnosticDescriptors.ConstraintOperatorMismatch, location,
                    $"The {what} '{name}' has the wrong shape: it must be {shape}, writing {(isProx ? "prox_{step·g}(x)" : "the projection of x")} into its last parameter, but is {actual}");
                return null;
            }

            if (constraint.IsStatic != solver.IsStatic)
            {
                Report(DiagnosticDescriptors.ConstraintOperatorMismatch, location,
                    $"The {what} '{name}' must be {StaticWord(solver)} because '{solver.Name}' is {StaticWord(solver)}");
                return null;
            }

            return constraint;
        }

        /// <summary>The non-generic methods of the solver's type named <paramref name="name"/> (for a partial method, its definition).</summary>
        private List<IMethodSymbol> Candidates(string? name) =>
            string.IsNullOrEmpty(name)
                ? new List<IMethodSymbol>()
                : solver.ContainingType.GetMembers(name!).OfType<IMethodSymbol>()
                    .Where(m => !m.IsGenericMethod && !SymbolEqualityComparer.Default.Equals(m, solver))
                    .Select(m => m.PartialDefinitionPart ?? m)
                    .Distinct<IMethodSymbol>(SymbolEqualityComparer.Default)
                    .ToList();

        /// <summary>The one <c>[Differentiable]</c> method of the solver's type that <paramref name="name"/> names; DOPT0013 when there is none.</summary>
        private IMethodSymbol? FindDifferentiable(string? name, Location location, string what, string requirement)
        {
            if (hasCompilerErrors)
            {
                return null;
            }

            var candidates = Candidates(name);
            if (candidates.Count == 0)
            {
                Report(DiagnosticDescriptors.SolverTargetNotDifferentiable, location,
                    $"'{name ?? "(null)"}' names no method of '{solver.ContainingType.Name}': {requirement}");
                return null;
            }

            if (candidates.Count > 1)
            {
                Report(DiagnosticDescriptors.SolverTargetNotDifferentiable, location,
                    $"The {what} '{name}' of '{solver.Name}' is overloaded: name a [Differentiable] method with one overload");
                return null;
            }

            if (!MethodLowering.IsDifferentiable(candidates[0]))
            {
                Report(DiagnosticDescriptors.SolverTargetNotDifferentiable, location,
                    $"The {what} '{name}' of '{solver.Name}' is not marked [Differentiable]: add the attribute so its derivatives can be generated");
                return null;
            }

            return candidates[0];
        }

        private void CheckStatic(IMethodSymbol target, Location location, string what)
        {
            if (solver.IsStatic != target.IsStatic)
            {
                Report(DiagnosticDescriptors.SolverSignatureMismatch, location,
                    $"The {what} '{target.Name}' must be {StaticWord(solver)} because '{solver.Name}' is {StaticWord(solver)}");
            }
        }

        private static string StaticWord(IMethodSymbol method) => method.IsStatic ? "static" : "an instance method";

        private void Report(DiagnosticDescriptor descriptor, Location location, params object?[] arguments) =>
            diagnostics.Add(Diagnostic.Create(descriptor, location, arguments));

        private static bool SameParameter(IParameterSymbol actual, IParameterSymbol expected) =>
            SymbolEqualityComparer.Default.Equals(actual.Type, expected.Type) && actual.RefKind == expected.RefKind;

        private static string ScalarHint(ITypeSymbol type) => type.SpecialType is SpecialType.System_Double or SpecialType.System_Single
            ? ": a scalar variable is not supported; optimise over a span of length 1"
            : TypeMapping.IsSinglePrecision(type) ? ": solvers work in double precision" : ", not '" + TypeName(type) + "'";

        private static bool HasErrors(AttributeData? attribute) =>
            attribute is not null && (attribute.AttributeConstructor is null
                || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
                || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error));

        private static string? ConstructorString(AttributeData attribute) =>
            attribute.ConstructorArguments.Length >= 1 ? attribute.ConstructorArguments[0].Value as string : null;

        private static string? NamedString(AttributeData? attribute, string name) =>
            attribute is null ? null : NamedValue(attribute, name)?.Value as string;

        private static TypedConstant? NamedValue(AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static string EnumName(TypedConstant value) =>
            value.Type is INamedTypeSymbol type && type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value)) is { } field
                ? type.Name + "." + field.Name
                : Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty;

        /// <summary>The syntax of a named argument, or of the first constructor argument (<paramref name="name"/> null).</summary>
        private Location ArgumentLocation(AttributeData attribute, string? name)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax attributeSyntax)
            {
                return identifierLocation;
            }

            var arguments = attributeSyntax.ArgumentList?.Arguments ?? default;
            var argument = name is null
                ? arguments.FirstOrDefault(a => a.NameEquals is null)
                : arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
            return argument?.GetLocation() ?? attributeSyntax.GetLocation();
        }

        private Location ParameterLocation(IParameterSymbol parameter) =>
            parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken).GetLocation() ?? parameter.Locations.FirstOrDefault() ?? identifierLocation;

        private Location ParameterListLocation() => syntax?.ParameterList.GetLocation() ?? identifierLocation;
    }
}
