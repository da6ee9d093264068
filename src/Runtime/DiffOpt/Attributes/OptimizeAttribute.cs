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

    /// <summary>The unconstrained method; <see cref="Solver.Lbfgs"/> by default.</summary>
    public Solver Solver { get; set; } = Solver.Lbfgs;

    /// <summary>
    /// The name of a projection onto the feasible set, <c>static void P(Span&lt;double&gt; x)</c> (in place) or one taking
    /// the objective's other parameters after <c>x</c>; the solver is then projected gradient.
    /// </summary>
    public string? Projection { get; set; }

    /// <summary>
    /// The name of a proximal operator of the non-smooth term, <c>static void Q(Span&lt;double&gt; x, double step, …)</c>
    /// (in place, followed optionally by the objective's other parameters); the solver is then proximal gradient (FISTA)
    /// and the objective is the smooth part.
    /// </summary>
    public string? Prox { get; set; }
}
