using System;

namespace DiffOpt;

/// <summary>
/// Asks the generator to implement the marked <see langword="partial"/> method as the vector-Jacobian product (reverse
/// mode) of a vector-valued <see cref="DifferentiableAttribute">[Differentiable]</see> method: a <see langword="void"/>
/// method that writes its results into <see cref="Span{T}">Span&lt;double&gt;</see> outputs.
/// </summary>
/// <remarks>
/// <para>
/// The declaration repeats the primal's parameters in order, then one derivative parameter per differentiated input
/// and per output, in the order of the primal's parameters, each named <c>d</c> + that parameter's name: for an input,
/// its gradient (<c>out double</c> or <c>Span&lt;double&gt;</c>, overwritten); for an output, its cotangent
/// (<c>ReadOnlySpan&lt;double&gt;</c>, read). The method runs the primal (filling its outputs) and returns <see langword="void"/>.
/// </para>
/// <code>
/// [Differentiable] public static void Residual(ReadOnlySpan&lt;double&gt; x, Span&lt;double&gt; r) { ... }
/// [Vjp(nameof(Residual))]
/// public static partial void ResidualVjp(ReadOnlySpan&lt;double&gt; x, Span&lt;double&gt; r, Span&lt;double&gt; dx, ReadOnlySpan&lt;double&gt; dr);
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class VjpAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="function">The name of the vector-valued <c>[Differentiable]</c> method; use <c>nameof</c>.</param>
    public VjpAttribute(string function) => Function = function;

    /// <summary>The name of the differentiated method.</summary>
    public string Function { get; }
}
