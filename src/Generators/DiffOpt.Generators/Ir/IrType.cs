namespace DiffOpt.Generators.Ir;

/// <summary>The type of an IR value.</summary>
internal enum IrType
{
    /// <summary>A <c>double</c>: the only type that carries derivatives.</summary>
    Double,

    /// <summary>A <c>float</c>: only as the target of a rounding conversion where a value leaves generated code.</summary>
    Float,

    /// <summary>An <c>int</c>: counters, sizes and indices; never differentiated.</summary>
    Int,

    /// <summary>A <c>bool</c>: branch conditions.</summary>
    Bool,

    /// <summary>No value: the return type of a method whose results are written into <c>Span&lt;double&gt;</c> outputs.</summary>
    Void,

    /// <summary>A read-only sequence of doubles (<c>double[]</c> or <c>ReadOnlySpan&lt;double&gt;</c>), read by index.</summary>
    DoubleVector,

    /// <summary>A read-only sequence of ints (<c>int[]</c> or <c>ReadOnlySpan&lt;int&gt;</c>): index arrays; never differentiated.</summary>
    IntVector,
}
