using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Ir;

/// <summary>An IR expression. Expressions are pure: side effects live in statements.</summary>
internal abstract record IrExpr(IrType Type);

/// <summary>A numeric or boolean constant (booleans are 0/1).</summary>
internal sealed record ConstExpr(double Value, IrType Type) : IrExpr(Type)
{
    public static ConstExpr Double(double value) => new(value, IrType.Double);

    public static ConstExpr Int(int value) => new(value, IrType.Int);
}

/// <summary>A read of a parameter or local.</summary>
internal sealed record VarExpr(string Name, IrType Type) : IrExpr(Type);

/// <summary>A value the IR does not model (a field or property read), spelled verbatim; never differentiated.</summary>
internal sealed record OpaqueExpr(string Code, IrType Type) : IrExpr(Type);

/// <summary>A conversion between scalar types (<c>(double)i</c>, <c>(int)x</c>).</summary>
internal sealed record ConvertExpr(IrExpr Operand, IrType Type) : IrExpr(Type);

/// <summary>Unary operators.</summary>
internal enum UnaryOp
{
    Negate,
    Not,
}

/// <summary>A unary operation.</summary>
internal sealed record UnaryExpr(UnaryOp Op, IrExpr Operand, IrType Type) : IrExpr(Type);

/// <summary>Binary operators.</summary>
internal enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
}

/// <summary>A binary operation.</summary>
internal sealed record BinaryExpr(BinaryOp Op, IrExpr Left, IrExpr Right, IrType Type) : IrExpr(Type);

/// <summary><c>condition ? whenTrue : whenFalse</c>.</summary>
internal sealed record ConditionalExpr(IrExpr Condition, IrExpr WhenTrue, IrExpr WhenFalse, IrType Type) : IrExpr(Type);

/// <summary>A call to a primitive with a derivative rule in <see cref="PrimitiveTable"/>.</summary>
internal sealed record PrimitiveCallExpr(Primitive Function, EquatableArray<IrExpr> Arguments, IrType Type) : IrExpr(Type);

/// <summary>A call to another differentiable method; its derivatives come from the callee's generated helpers.</summary>
internal sealed record MethodCallExpr(Callee Callee, EquatableArray<IrExpr> Arguments, IrType Type) : IrExpr(Type);

/// <summary>An element read <c>array[index]</c>; with <see cref="ZeroWhenEmpty"/>, an empty span reads as zeros (tangents a caller did not supply).</summary>
internal sealed record LoadExpr(string Array, IrExpr Index, bool ZeroWhenEmpty = false, IrType ElementType = IrType.Double) : IrExpr(ElementType);

/// <summary><c>array.Length</c>.</summary>
internal sealed record LengthExpr(string Array) : IrExpr(IrType.Int);

/// <summary><c>Math.Sign(x)</c>: an int, piecewise constant in x.</summary>
internal sealed record SignExpr(IrExpr Operand) : IrExpr(IrType.Int);

/// <summary><c>Ad.StopGradient(x)</c>: the value of x, through which no derivative flows.</summary>
internal sealed record StopGradientExpr(IrExpr Operand) : IrExpr(IrType.Double);

/// <summary>An element read <c>matrix[row, column]</c> of a <c>double[,]</c>; derivatives address it row-major.</summary>
internal sealed record MatrixLoadExpr(string Array, IrExpr Row, IrExpr Column) : IrExpr(IrType.Double)
{
    /// <summary>The row-major index of the element, for the derivative spans.</summary>
    public IrExpr FlatIndex => new BinaryExpr(BinaryOp.Add, new BinaryExpr(BinaryOp.Multiply, Row, new DimensionExpr(Array, 1), IrType.Int), Column, IrType.Int);
}

/// <summary><c>matrix.GetLength(dimension)</c>.</summary>
internal sealed record DimensionExpr(string Array, int Dimension) : IrExpr(IrType.Int);
