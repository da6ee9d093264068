using System;

namespace DiffOpt;

/// <summary>
/// Asks the generator to implement the marked <see langword="partial"/> method as the reverse-mode gradient
/// of a <see cref="DifferentiableAttribute">[Differentiable]</see> method of the same type.
/// </summary>
/// <remarks>
/// <para>
/// The declaration repeats the primal's parameters in order, then has one gradient parameter per
/// differentiated input, in the order of those inputs, named <c>d</c> + the input's name (<c>x</c> → <c>dx</c>,
/// <c>lambda</c> → <c>dLambda</c>): <c>out double</c> for a scalar input, <see cref="Span{T}">Span&lt;double&gt;</see>
/// for an array or span input. Inputs without a gradient parameter are treated as constants. The method returns
/// the primal value and overwrites (never accumulates into) the gradient outputs.
/// </para>
/// <code>
/// [Differentiable] public static double Loss(double a, double b, ReadOnlySpan&lt;double&gt; w) { ... }
/// [Gradient(nameof(Loss))]
/// public static partial double LossGradient(double a, double b, ReadOnlySpan&lt;double&gt; w, out double da, Span&lt;double&gt; dw);
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class GradientAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="function">The name of the <c>[Differentiable]</c> method to differentiate; use <c>nameof</c>.</param>
    public GradientAttribute(string function) => Function = function;

    /// <summary>The name of the differentiated method.</summary>
    public string Function { get; }
}
