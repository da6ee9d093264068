using System;

namespace DiffOpt;

/// <summary>
/// Asks the generator to implement the marked <see langword="partial"/> method as the Hessian-vector product of a
/// <see cref="DifferentiableAttribute">[Differentiable]</see> method with respect to one of its inputs: forward mode
/// applied to the generated reverse-mode gradient (forward-over-reverse), exact to rounding, at a small constant
/// times the cost of the gradient.
/// </summary>
/// <remarks>
/// <para>
/// The declaration repeats the primal's parameters in order, then takes the direction (<c>ReadOnlySpan&lt;double&gt; v</c>
/// for an array or span input, <c>double v</c> for a scalar input), then the result (<c>Span&lt;double&gt; hv</c> or
/// <c>out double hv</c>). It returns <see langword="void"/> or the primal value. Other inputs are held constant.
/// </para>
/// <code>
/// [Hvp(nameof(Rosenbrock))]
/// public static partial void RosenbrockHvp(ReadOnlySpan&lt;double&gt; x, ReadOnlySpan&lt;double&gt; v, Span&lt;double&gt; hv);
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class HvpAttribute : Attribute
{
    /// <summary>Creates the attribute for a function with one differentiable input.</summary>
    /// <param name="function">The name of the <c>[Differentiable]</c> method; use <c>nameof</c>.</param>
    public HvpAttribute(string function) => Function = function;

    /// <summary>Creates the attribute, naming the input the Hessian is taken with respect to.</summary>
    /// <param name="function">The name of the <c>[Differentiable]</c> method; use <c>nameof</c>.</param>
    /// <param name="withRespectTo">The name of the input (a double, double[] or ReadOnlySpan&lt;double&gt; parameter).</param>
    public HvpAttribute(string function, string withRespectTo)
    {
        Function = function;
        WithRespectTo = withRespectTo;
    }

    /// <summary>The name of the differentiated method.</summary>
    public string Function { get; }

    /// <summary>The input the Hessian is taken with respect to, or null when the function has only one.</summary>
    public string? WithRespectTo { get; }
}
