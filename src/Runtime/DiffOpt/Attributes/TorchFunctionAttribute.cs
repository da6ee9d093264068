using System;

namespace DiffOpt;

/// <summary>
/// Asks the generator to implement the marked <see langword="partial"/> method as a TorchSharp form of a
/// <see cref="DifferentiableAttribute">[Differentiable]</see> method, so that it runs on tensors and takes part in
/// TorchSharp's autograd. The core package only declares the attribute; the generated code needs the
/// <c>DiffOpt.Torch</c> package (and TorchSharp) in the project that holds the declaration.
/// </summary>
/// <remarks>
/// <para>
/// The declaration is a <see langword="static partial"/> method (not a partial class: a method keeps the
/// <c>[GeneratedRegex]</c>/<c>[Gradient]</c> pattern, lets one type hold the tensor forms of several functions, and gives
/// callers ordinary parameter names and IntelliSense) that returns <c>TorchSharp.torch.Tensor</c> and repeats the
/// target's parameters in order with the same names: every <c>double</c>, <c>double[]</c> or
/// <c>ReadOnlySpan&lt;double&gt;</c> parameter becomes a <c>Tensor</c>; <c>int</c> and <c>bool</c> parameters keep their
/// type; a <c>Span&lt;double&gt;</c> output becomes an <c>int</c> parameter named <c>output name + "Length"</c> (the
/// length of the output vector).
/// </para>
/// <para>
/// Two lowerings, chosen from the target:
/// </para>
/// <list type="bullet">
/// <item><description><b>Elementwise</b> — a target whose parameters are all <c>double</c> and that returns
/// <c>double</c> is rewritten into TorchSharp tensor operations (<c>Math.*</c> → <c>torch</c> functions, <c>?:</c> and
/// <c>if</c> → <c>torch.where</c>). The result broadcasts like any tensor expression, runs on the inputs' device and
/// dtype, and is differentiated by TorchSharp's own autograd (it is just tensor operations).</description></item>
/// <item><description><b>Autograd function</b> — any other target (spans, arrays, loops), or any target when
/// <see cref="UseAutogradFunction"/> is set, becomes a call of a <c>torch.autograd.Function</c> whose forward runs the
/// generated primal on CPU <c>double</c> data and whose backward runs the generated pullback (<c>F__Pullback</c>).
/// An optional leading batch dimension maps the function over rows.</description></item>
/// </list>
/// <code>
/// [Differentiable] public static double Softplus(double x) => x &gt; 20 ? x : Math.Log(1 + Math.Exp(x));
/// [TorchFunction(nameof(Softplus))] public static partial Tensor SoftplusTorch(Tensor x);
/// </code>
/// <para>What cannot be lowered is reported by the analyzer as DOPT0025–DOPT0029.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TorchFunctionAttribute : Attribute
{
    /// <summary>Creates the attribute for a target in the declaration's own type.</summary>
    /// <param name="function">The name of the <c>[Differentiable]</c> method; use <c>nameof</c>.</param>
    public TorchFunctionAttribute(string function) => Function = function;

    /// <summary>Creates the attribute for a target in another type (a static method).</summary>
    /// <param name="type">The type that declares the target.</param>
    /// <param name="function">The name of the <c>[Differentiable]</c> method; use <c>nameof</c>.</param>
    public TorchFunctionAttribute(Type type, string function)
    {
        Type = type;
        Function = function;
    }

    /// <summary>The name of the target method.</summary>
    public string Function { get; }

    /// <summary>The type that declares the target, or null for the declaration's own type.</summary>
    public Type? Type { get; }

    /// <summary>
    /// Use the autograd-function lowering (CPU primal and pullback) even for a scalar target that the elementwise
    /// lowering could take; needed for scalar targets with loops or calls.
    /// </summary>
    public bool UseAutogradFunction { get; set; }
}
