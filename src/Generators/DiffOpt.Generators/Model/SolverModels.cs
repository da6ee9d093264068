using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Signatures;

namespace DiffOpt.Generators.Model;

/// <summary>How a parameter θ of a solver is passed, which decides its derivative slots in generated helpers.</summary>
internal enum ThetaKind
{
    /// <summary>A <c>double</c>: a scalar adjoint (<c>ref double</c>) and tangent (<c>double</c>).</summary>
    Scalar,

    /// <summary>An <c>int</c> or <c>bool</c>: no derivative.</summary>
    Other,

    /// <summary>A <c>double[]</c>.</summary>
    Array,

    /// <summary>A <c>ReadOnlySpan&lt;double&gt;</c> (copied to an array where a callback must read it).</summary>
    ReadOnlySpan,

    /// <summary>A <c>double[,]</c> (derivatives are row-major spans).</summary>
    Matrix,
}

/// <summary>A parameter θ of a solver after its initial point.</summary>
/// <param name="Name">The solver's parameter name, escaped.</param>
/// <param name="Type">Its type as spelled in C#.</param>
/// <param name="Kind">How it is passed.</param>
/// <param name="IsDifferentiable">Whether the objective/condition differentiates it (it then has adjoint slots in its helpers).</param>
/// <param name="InConstraint">Whether the projection/proximal operator takes it and differentiates it.</param>
/// <param name="HasSlot">Whether the solver's generated derivative helpers have a slot for it (a double or double vector not marked
/// <c>[NonDifferentiable]</c> on the solver): what differentiable callers pass.</param>
internal sealed record ThetaParameter(string Name, string Type, ThetaKind Kind, bool IsDifferentiable, bool InConstraint, bool HasSlot)
{
    public bool IsVector => Kind is ThetaKind.Array or ThetaKind.ReadOnlySpan or ThetaKind.Matrix;
}

/// <summary>An <c>[Optimize]</c> declaration: everything the generator needs to implement it.</summary>
internal sealed record OptimizeModel(
    TypeChain Type,
    MethodShell Declaration,
    bool IsStatic,
    string Objective,
    IrFunction ObjectiveIr,
    EquatableArray<ParameterShell> ObjectiveParameters,
    string InitialPoint,
    EquatableArray<ThetaParameter> Theta,
    string? Options,
    bool ReturnsResult,
    int Method,
    string? Constraint,
    bool IsProx,
    bool ConstraintTakesTheta,
    string ObjectiveCref,
    string HintName,
    string? DefaultOptions = null);

/// <summary>An <c>[ImplicitDiff]</c> solver: everything the generator needs for its derivative helpers.</summary>
internal sealed record ImplicitDiffModel(
    TypeChain Type,
    string Accessibility,
    bool IsStatic,
    string Solver,
    string SolverCref,
    bool InitialPointIsArray,
    EquatableArray<ThetaParameter> Theta,
    bool SolverReturnsResult,
    ConditionKind Kind,
    string Primary,
    string? Constraint,
    bool ConstraintTakesTheta,
    bool StepIsDifferentiable,
    int LinearSolver,
    double Tolerance,
    int MaxIterations,
    string HintName);

/// <summary>A <c>[Vjp]</c>/<c>[Jvp]</c> declaration whose target is an <c>[ImplicitDiff]</c> solver.</summary>
/// <param name="Type">Where the implementation goes.</param>
/// <param name="Kind">Vjp or Jvp.</param>
/// <param name="Declaration">The user's header, repeated.</param>
/// <param name="Solver">The solver's model (its helpers are what the implementation calls).</param>
/// <param name="InitialPoint">The declaration's name of the initial point.</param>
/// <param name="Inputs">The differentiated θ, then the solution (<see cref="DerivativeInput.IsOutput"/>).</param>
/// <param name="ReturnsSolution">Whether the declaration returns the solution.</param>
/// <param name="HintName">A unique, stable file name.</param>
internal sealed record SolverDerivativeModel(
    TypeChain Type,
    DerivativeKind Kind,
    MethodShell Declaration,
    ImplicitDiffModel Solver,
    string InitialPoint,
    EquatableArray<DerivativeInput> Inputs,
    bool ReturnsSolution,
    string HintName);
