using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.Signatures;

/// <summary>
/// An <c>[Optimize]</c> and/or <c>[ImplicitDiff]</c> method bound to the methods its attributes name, with every problem
/// <see cref="SolverDeclarationRules.Check"/> found. The analyzer reports <see cref="Diagnostics"/>; the generator emits
/// nothing for the solver unless <see cref="IsValid"/>. Holds symbols: use it inside one pipeline step, never as a model.
/// </summary>
internal sealed class SolverDeclaration
{
    public SolverDeclaration(
        IMethodSymbol solver,
        AttributeData? optimize,
        AttributeData? implicitDiff,
        IMethodSymbol? objective,
        IMethodSymbol? condition,
        IMethodSymbol? projection,
        IMethodSymbol? prox,
        ImplicitConditionKind conditionKind,
        IReadOnlyList<IParameterSymbol> parameters,
        IParameterSymbol? options,
        bool returnsResult,
        bool hasCompilerErrors,
        ImmutableArray<Diagnostic> diagnostics)
    {
        Solver = solver;
        Optimize = optimize;
        ImplicitDiff = implicitDiff;
        Objective = objective;
        Condition = condition;
        Projection = projection;
        Prox = prox;
        ConditionKind = conditionKind;
        Parameters = parameters;
        Options = options;
        ReturnsResult = returnsResult;
        HasCompilerErrors = hasCompilerErrors;
        Diagnostics = diagnostics;
    }

    /// <summary>The solver (for a partial method, its definition part).</summary>
    public IMethodSymbol Solver { get; }

    /// <summary>The <c>[Optimize]</c> attribute, or null for a hand-written solver.</summary>
    public AttributeData? Optimize { get; }

    /// <summary>The <c>[ImplicitDiff]</c> attribute, or null when calls to the solver are not differentiable.</summary>
    public AttributeData? ImplicitDiff { get; }

    /// <summary>The <c>[Differentiable]</c> objective of an <c>[Optimize]</c> solver.</summary>
    public IMethodSymbol? Objective { get; }

    /// <summary>The named root condition (<see cref="ImplicitConditionKind.Root"/>) or fixed-point map (<see cref="ImplicitConditionKind.FixedPoint"/>).</summary>
    public IMethodSymbol? Condition { get; }

    /// <summary>The projection named by <c>[Optimize(Projection = …)]</c>.</summary>
    public IMethodSymbol? Projection { get; }

    /// <summary>The proximal operator named by <c>[Optimize(Prox = …)]</c>.</summary>
    public IMethodSymbol? Prox { get; }

    /// <summary>The condition the implicit-differentiation rule uses.</summary>
    public ImplicitConditionKind ConditionKind { get; }

    /// <summary>
    /// θ: the solver's parameters after its initial point, without the trailing <c>SolverOptions</c>. They are, in order,
    /// the objective's parameters after its decision variable and the condition's parameters between the solution and
    /// the output span.
    /// </summary>
    public IReadOnlyList<IParameterSymbol> Parameters { get; }

    /// <summary>The trailing <c>SolverOptions? options</c> parameter, or null.</summary>
    public IParameterSymbol? Options { get; }

    /// <summary>True when the solver returns <c>OptimizationResult</c> (never throws), false for <c>double[]</c>.</summary>
    public bool ReturnsResult { get; }

    /// <summary>The attributes do not compile (e.g. <c>nameof</c> of an unknown name): the compiler reports it, the rules add nothing.</summary>
    public bool HasCompilerErrors { get; }

    /// <summary>The problems found, on the attribute argument or parameter they concern.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>Whether the generator may emit the solver and its implicit-differentiation rule.</summary>
    public bool IsValid => !HasCompilerErrors && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
