using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DiffOpt.Torch;

/// <summary>
/// A DiffOpt function as seen by TorchSharp's autograd: how its tensor arguments map to the parameters of the generated
/// primal, the primal itself and its generated pullback. Code generated for a <c>[TorchFunction]</c> declaration builds one
/// and calls <see cref="Apply"/>; the forward pass runs the primal on CPU <c>double</c> copies of the inputs, the backward
/// pass runs the pullback, so the result takes part in <c>backward()</c> and in TorchSharp optimizers.
/// </summary>
/// <remarks>
/// <para>
/// Batching: an argument with one more dimension than its <see cref="TorchInput"/> shape (a scalar of shape <c>[B]</c>,
/// a vector of shape <c>[B, n]</c>) is split into <c>B</c> items along its first dimension, and the function is evaluated
/// once per item; arguments without the extra dimension are shared by every item (their gradients are summed over the
/// batch). All batched arguments must agree on <c>B</c>. The result has shape <c>[]</c>/<c>[m]</c>, or <c>[B]</c>/<c>[B, m]</c>
/// when any argument is batched.
/// </para>
/// <para>
/// The result gets the dtype and device of the first argument; each gradient gets the dtype and device of its argument.
/// Computation is in <c>double</c> on the CPU whatever the device, so this lowering moves data to and from the device on
/// every call; the elementwise lowering stays on the device.
/// </para>
/// </remarks>
public sealed class TorchFunctionDefinition
{
    private readonly TorchInput[] inputs;

    private TorchFunctionDefinition(string name, TorchInput[] inputs, int outputLength, ScalarPrimal? scalarPrimal, ScalarPullback? scalarPullback, VectorPrimal? vectorPrimal, VectorPullback? vectorPullback)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0)
        {
            throw new ArgumentException("A function needs at least one tensor argument.", nameof(inputs));
        }

        Name = name;
        this.inputs = (TorchInput[])inputs.Clone();
        OutputLength = outputLength;
        ScalarPrimal = scalarPrimal;
        ScalarPullback = scalarPullback;
        VectorPrimal = vectorPrimal;
        VectorPullback = vectorPullback;
    }

    /// <summary>The function's name (for messages).</summary>
    public string Name { get; }

    /// <summary>How each tensor argument maps to the primal's parameters.</summary>
    public ReadOnlySpan<TorchInput> Inputs => inputs;

    /// <summary>The length of the output vector, or -1 for a scalar-valued function.</summary>
    public int OutputLength { get; }

    /// <summary>Whether the function returns one double per item.</summary>
    public bool IsScalarValued => OutputLength < 0;

    internal ScalarPrimal? ScalarPrimal { get; }

    internal ScalarPullback? ScalarPullback { get; }

    internal VectorPrimal? VectorPrimal { get; }

    internal VectorPullback? VectorPullback { get; }

    /// <summary>Defines a scalar-valued function.</summary>
    /// <param name="name">The function's name (for messages).</param>
    /// <param name="inputs">How each tensor argument maps to the primal's parameters.</param>
    /// <param name="primal">Runs the primal on one item.</param>
    /// <param name="pullback">Runs the generated pullback on one item.</param>
    /// <returns>The definition.</returns>
    public static TorchFunctionDefinition Scalar(string name, TorchInput[] inputs, ScalarPrimal primal, ScalarPullback pullback)
    {
        ArgumentNullException.ThrowIfNull(primal);
        ArgumentNullException.ThrowIfNull(pullback);
        return new TorchFunctionDefinition(name, inputs, -1, primal, pullback, null, null);
    }

    /// <summary>Defines a vector-valued function (one <c>Span&lt;double&gt;</c> output).</summary>
    /// <param name="name">The function's name (for messages).</param>
    /// <param name="inputs">How each tensor argument maps to the primal's parameters.</param>
    /// <param name="outputLength">The length of the output vector (at least 0).</param>
    /// <param name="primal">Runs the primal on one item.</param>
    /// <param name="pullback">Runs the generated pullback on one item.</param>
    /// <returns>The definition.</returns>
    public static TorchFunctionDefinition Vector(string name, TorchInput[] inputs, int outputLength, VectorPrimal primal, VectorPullback pullback)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outputLength);
        ArgumentNullException.ThrowIfNull(primal);
        ArgumentNullException.ThrowIfNull(pullback);
        return new TorchFunctionDefinition(name, inputs, outputLength, null, null, primal, pullback);
    }

    /// <summary>Evaluates the function on tensors, recording it for TorchSharp's autograd.</summary>
    /// <param name="arguments">One tensor per entry of <see cref="Inputs"/>, in order.</param>
    /// <returns>The result tensor (see the remarks of <see cref="TorchFunctionDefinition"/> for shapes).</returns>
    /// <exception cref="ArgumentException">The number of tensors or their shapes do not match <see cref="Inputs"/>.</exception>
    public Tensor Apply(params Tensor[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length != inputs.Length)
        {
            throw new ArgumentException($"{Name} takes {inputs.Length} tensor arguments, got {arguments.Length}.", nameof(arguments));
        }

        var vars = new object[arguments.Length + 1];
        vars[0] = this;
        for (var i = 0; i < arguments.Length; i++)
        {
            vars[i + 1] = arguments[i] ?? throw new ArgumentNullException(nameof(arguments), $"{Name}: tensor argument {i} is null.");
        }

        // Checks shapes before TorchSharp builds a graph node, so a bad call fails with a plain ArgumentException.
        _ = BatchLayout.Of(this, arguments);
        return DiffOptAutogradFunction.apply(vars);
    }
}
