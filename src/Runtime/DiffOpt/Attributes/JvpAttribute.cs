using System;

namespace DiffOpt;

/// <summary>
/// Asks the generator to implement the marked <see langword="partial"/> method as the forward-mode
/// Jacobian-vector product (JVP) of a <see cref="DifferentiableAttribute">[Differentiable]</see> method of the same type.
/// </summary>
/// <remarks>
/// <para>
/// The declaration repeats the primal's parameters in order, then one tangent parameter per differentiated
/// input (<c>double</c> for a scalar, <see cref="ReadOnlySpan{T}">ReadOnlySpan&lt;double&gt;</see> for an array
/// or span), named <c>d</c> + the input's name, and finally <c>out double dResult</c>, the directional
/// derivative of the result. The method returns the primal value.
/// </para>
/// <code>
/// [Jvp(nameof(Loss))]
/// public static partial double LossJvp(double a, double b, ReadOnlySpan&lt;double&gt; w,
///                                      double da, ReadOnlySpan&lt;double&gt; dw, out double dResult);
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class JvpAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="function">The name of the <c>[Differentiable]</c> method to differentiate; use <c>nameof</c>.</param>
    public JvpAttribute(string function) => Function = function;

    /// <summary>The name of the differentiated method.</summary>
    public string Function { get; }
}
