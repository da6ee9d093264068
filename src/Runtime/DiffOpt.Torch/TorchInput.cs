namespace DiffOpt.Torch;

/// <summary>How one tensor argument of a <see cref="TorchFunctionDefinition"/> maps to a parameter of the generated primal.</summary>
public enum TorchInput
{
    /// <summary>A <c>double</c> parameter: a tensor of shape <c>[]</c>, or <c>[B]</c> with a batch dimension.</summary>
    Scalar,

    /// <summary>A <c>double[]</c>/<c>ReadOnlySpan&lt;double&gt;</c> parameter: shape <c>[n]</c>, or <c>[B, n]</c> with a batch dimension.</summary>
    Vector,

    /// <summary>A <c>[NonDifferentiable]</c> <c>double</c> parameter: shaped like <see cref="Scalar"/>; its gradient is <see langword="null"/>.</summary>
    ConstantScalar,

    /// <summary>A <c>[NonDifferentiable]</c> vector parameter: shaped like <see cref="Vector"/>; its gradient is <see langword="null"/>.</summary>
    ConstantVector,
}
