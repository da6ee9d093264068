using System;

namespace DiffOpt;

/// <summary>
/// Asks the generator to implement the marked <see langword="partial"/> method as a solver that minimises a
/// <see cref="DifferentiableAttribute">[Differentiable]</see> objective over its first parameter, using the generated
/// gradient (and, for <see cref="Solver.NewtonCg"/>, the generated Hessian-vector product).
/// </summary>
/// <remarks>
/// <para>
/// The declaration takes the initial point (<c>ReadOnlySpan&lt;double&gt;</c> or <c>double[]</c>), then exactly the
/// objective's other parameters in order, then optionally a trailing <c>SolverOptions? options = null</c>. It returns
/// <c>double[]</c> (the solution; an <see cref="Solvers.OptimizationException"/> carrying the full report when the solver
/// does not converge) or <see cref="Solvers.OptimizationResult"/> (never throws for non-convergence).
/// </para>
/// <code>
/// [Optimize(nameof(Objective))]
/// [ImplicitDiff]
/// public static partial double[] Fit(ReadOnlySpan&lt;double&gt; w0, double lambda, double[] X, double[] y, int d);
/// </code>
/// <para>Add <see cref="ImplicitDiffAttribute">[ImplicitDiff]</see> to make calls to the solver differentiable.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OptimizeAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="objective">The name of the <c>[Differentiable]</c> objective; use <c>nameof</c>.</param>
    public OptimizeAttribute(string objective) => Objective = objective;

    /// <summary>The name of the objective method.</summary>
    public string Objective { get; }

    /// <summary>
    /// The solver's tolerance when the call passes no <see cref="Solvers.SolverOptions"/> (as calls inside
    /// <c>[Differentiable]</c> code always do): the <see cref="Solvers.SolverOptions.Tolerance"/> it runs with. NaN (the
    /// default) keeps <see cref="Solvers.SolverOptions"/>' default, 1e-8. Implicit derivatives are only as accurate as the
    /// solution they start from, so tighten this for tighter hypergradients.
    /// </summary>
    public double Tolerance { get; set; } = double.NaN;

    /// <summary>
    /// The iteration limit when the call passes no <see cref="Solvers.SolverOptions"/>; 0 (the default) keeps
    /// <see cref="Solvers.SolverOptions"/>' default, 1000.
    /// </summary>
    public int MaxIterations { get; set; }

    /// <summary>The unconstrained method; <see cref="Solver.Lbfgs"/> by default.</summary>
    public Solver Solver { get; set; } = Solver.Lbfgs;

    /// <summary>
    /// The name of a projection onto the feasible set; the solver is then projected gradient. It is a
    /// <c>[Differentiable] static void P(ReadOnlySpan&lt;double&gt; x, Span&lt;double&gt; projected)</c>, optionally with the
    /// objective's parameters after <c>x</c> between the two (<c>P(x, θ…, projected)</c>, for a set that depends on them), and
    /// writes the projection of <c>x</c> into <c>projected</c>.
    /// </summary>
    /// <remarks>
    /// Being differentiable, it lets <see cref="ImplicitDiffAttribute">[ImplicitDiff]</see> differentiate the solution as the
    /// fixed point x = P(x − ∇f(x, θ)) (step 1): the condition is x − P(x − ∇f(x, θ)) = 0.
    /// </remarks>
    public string? Projection { get; set; }

    /// <summary>
    /// The name of the proximal operator of the non-smooth term g; the solver is then proximal gradient (FISTA) and the
    /// objective is the smooth part f. It is a
    /// <c>[Differentiable] static void Q(ReadOnlySpan&lt;double&gt; x, double step, Span&lt;double&gt; result)</c>, optionally with
    /// the objective's parameters after <c>step</c> (<c>Q(x, step, θ…, result)</c>, e.g. a regularisation strength), and writes
    /// prox_{step·g}(x) into <c>result</c>.
    /// </summary>
    /// <remarks>
    /// <see cref="Solvers.OptimizationResult.Value"/> is then the smooth part f only (the operator does not return g).
    /// <see cref="ImplicitDiffAttribute">[ImplicitDiff]</see> differentiates the fixed point x = Q(x − ∇f(x, θ), 1, θ…).
    /// </remarks>
    public string? Prox { get; set; }
}
