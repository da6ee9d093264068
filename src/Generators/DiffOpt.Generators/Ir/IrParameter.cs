namespace DiffOpt.Generators.Ir;

/// <summary>How a parameter is passed and spelled in C#.</summary>
internal enum IrParameterKind
{
    /// <summary>A scalar by value (<c>double</c>, <c>int</c>, <c>bool</c>).</summary>
    Value,

    /// <summary>A <c>double[]</c>.</summary>
    DoubleArray,

    /// <summary>A <c>ReadOnlySpan&lt;double&gt;</c>.</summary>
    ReadOnlySpan,

    /// <summary>A <c>double[,]</c>, read as <c>a[i, j]</c>; its derivatives are row-major spans.</summary>
    Matrix,

    /// <summary>A writable <c>Span&lt;double&gt;</c> (derivative outputs).</summary>
    Span,

    /// <summary>An <c>out</c> scalar (derivative outputs).</summary>
    Out,

    /// <summary>A <c>ref</c> scalar (accumulated adjoints of helper pullbacks).</summary>
    Ref,
}

/// <summary>A parameter of an IR function.</summary>
/// <param name="Name">The C# name.</param>
/// <param name="Type">The IR type of its value.</param>
/// <param name="Kind">How it is passed.</param>
/// <param name="IsConstant">Marked <c>[NonDifferentiable]</c>: never differentiated.</param>
/// <param name="IsSinglePrecision">Declared with <c>float</c> (computed in double; rounded where values leave).</param>
internal sealed record IrParameter(string Name, IrType Type, IrParameterKind Kind, bool IsConstant = false, bool IsSinglePrecision = false)
{
    /// <summary>Whether derivatives can flow through this parameter (a double or a vector of doubles).</summary>
    public bool IsOutput => Kind == IrParameterKind.Span;

    /// <summary>Whether derivatives can flow through this parameter as an input (a double or a read-only vector of doubles).</summary>
    public bool IsDifferentiable => !IsConstant && Type is IrType.Double or IrType.DoubleVector && Kind is IrParameterKind.Value or IrParameterKind.DoubleArray or IrParameterKind.ReadOnlySpan or IrParameterKind.Matrix;
}
