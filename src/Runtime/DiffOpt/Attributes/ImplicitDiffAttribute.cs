using System;

namespace DiffOpt;

/// <summary>
/// Makes calls to the marked solver differentiable in other <see cref="DifferentiableAttribute">[Differentiable]</see>
/// code by the implicit function theorem: at a solution <c>x*(θ)</c> of <c>F(x, θ) = 0</c>,
/// <c>∂x*/∂θ = −(∂F/∂x)⁻¹ ∂F/∂θ</c>, applied matrix-free with generated Jacobian-vector and vector-Jacobian products of
/// the condition (the JAXopt approach, Blondel et al. 2022, "Efficient and Modular Implicit Differentiation").
/// </summary>
/// <remarks>
/// <para>The condition is, in order of precedence:</para>
/// <list type="bullet">
/// <item><description>a named root condition <c>[ImplicitDiff(nameof(F))]</c>: a <c>[Differentiable]</c> method
/// <c>void F(ReadOnlySpan&lt;double&gt; x, θ…, Span&lt;double&gt; residual)</c> with the solver's parameters after its
/// initial point as <c>θ…</c>;</description></item>
/// <item><description>a fixed-point map <c>[ImplicitDiff(FixedPoint = nameof(T))]</c> with the same shape, writing
/// <c>T(x, θ)</c> into its output: the condition is <c>x − T(x, θ) = 0</c> (same root and derivative as <c>T − x</c>; for a
/// gradient step <c>T = x − η∇f</c> its Jacobian is the positive definite <c>η∇²f</c>, so conjugate gradient applies);</description></item>
/// <item><description>nothing, on an <see cref="OptimizeAttribute">[Optimize]</see> solver: the gradient of the objective
/// in its first parameter is zero (or the fixed point of the projected/proximal step when the solver is constrained).
/// </description></item>
/// </list>
/// <para>
/// Inside <c>[Differentiable]</c> code, <c>double[] w = Solve(x0, θ…);</c> (or <c>var w = …</c>, at the top level of the body)
/// is differentiated in reverse and forward mode with respect to every differentiable θ; the initial point gets a zero
/// derivative, and the reverse sweep reuses the solution the forward sweep computed (one solve per gradient).
/// <c>[Vjp(nameof(Solve))]</c> and <c>[Jvp(nameof(Solve))]</c> declarations take the solver's parameters, then <c>d</c>+name per
/// differentiated θ, then the solution's cotangent (<c>ReadOnlySpan&lt;double&gt;</c>) or tangent (<c>Span&lt;double&gt;</c>) last.
/// Second-order derivatives through a solver throw <see cref="System.NotSupportedException"/>.
/// </para>
/// <para>
/// A linear solve that does not converge throws <see cref="Solvers.ImplicitDifferentiationException"/> with the linear
/// solver's report; a derivative is never silently zero or NaN.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ImplicitDiffAttribute : Attribute
{
    /// <summary>Creates the attribute for an <c>[Optimize]</c> solver (gradient condition) or with <see cref="FixedPoint"/>.</summary>
    public ImplicitDiffAttribute()
    {
    }

    /// <summary>Creates the attribute with a named root condition.</summary>
    /// <param name="condition">The name of the <c>[Differentiable]</c> condition <c>F(x, θ…, residual)</c>; use <c>nameof</c>.</param>
    public ImplicitDiffAttribute(string condition) => Condition = condition;

    /// <summary>The name of the root condition, or null.</summary>
    public string? Condition { get; }

    /// <summary>The name of a fixed-point map <c>T(x, θ…, output)</c> whose fixed point is the solution, or null.</summary>
    public string? FixedPoint { get; set; }

    /// <summary>The linear solver for the implicit system; <see cref="LinearSolver.Automatic"/> by default.</summary>
    public LinearSolver LinearSolver { get; set; }

    /// <summary>Relative residual tolerance of the linear solve; 1e-10 by default.</summary>
    public double LinearSolverTolerance { get; set; } = 1e-10;

    /// <summary>Iteration limit of the linear solve; 0 (the default) means the solver's own default (a multiple of the dimension).</summary>
    public int LinearSolverMaxIterations { get; set; }
}
