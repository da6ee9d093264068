using System;

namespace DiffOpt;

/// <summary>
/// Registers the marked method as the hand-written derivative of another method of the same type (Swift's
/// <c>@derivative(of:)</c>, JAX's <c>custom_vjp</c>): differentiable callers of that method use it instead of
/// differentiating its body, which need not be differentiable at all (a library call, an iterative algorithm, a
/// numerically stable formula).
/// </summary>
/// <remarks>
/// <para>
/// For a method that returns a <c>double</c>, the derivative follows the <see cref="GradientAttribute">[Gradient]</see>
/// contract with every differentiable input: the primal's parameters, then <c>out double d…</c> / <c>Span&lt;double&gt; d…</c>
/// per input, returning the value. For a vector-valued (<see langword="void"/>, <c>Span&lt;double&gt;</c> outputs) method it
/// follows the <see cref="VjpAttribute">[Vjp]</see> contract with every input and output. The DiffOpt analyzer checks the signature.
/// </para>
/// <para>
/// Reverse mode and forward mode of scalar methods go through the custom derivative. Forward mode through a custom VJP and
/// second derivatives (Hessian-vector products) through any custom derivative are not available: they throw
/// <see cref="NotSupportedException"/> naming the method.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DerivativeOfAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="function">The name of the method this is the derivative of; use <c>nameof</c>.</param>
    public DerivativeOfAttribute(string function) => Function = function;

    /// <summary>The name of the method this is the derivative of.</summary>
    public string Function { get; }
}
