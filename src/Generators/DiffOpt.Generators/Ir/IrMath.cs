using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Ir;

/// <summary>
/// Builders for double-valued IR expressions that fold the trivial cases (<c>1 * e</c>, <c>e + 0</c>), so that
/// derivative code reads as if written by hand.
/// </summary>
internal static class IrMath
{
    public static readonly ConstExpr Zero = ConstExpr.Double(0);
    public static readonly ConstExpr One = ConstExpr.Double(1);

    public static IrExpr Const(double value) => ConstExpr.Double(value);

    public static IrExpr Var(string name) => new VarExpr(name, IrType.Double);

    public static bool IsConst(IrExpr e, double value) => e is ConstExpr c && c.Type == IrType.Double && c.Value.Equals(value);

    public static IrExpr Add(IrExpr a, IrExpr b)
    {
        if (IsConst(a, 0))
        {
            return b;
        }

        if (IsConst(b, 0))
        {
            return a;
        }

        if (b is UnaryExpr { Op: UnaryOp.Negate } nb)
        {
            return Sub(a, nb.Operand);
        }

        return new BinaryExpr(BinaryOp.Add, a, b, IrType.Double);
    }

    public static IrExpr Sub(IrExpr a, IrExpr b)
    {
        if (IsConst(b, 0))
        {
            return a;
        }

        if (IsConst(a, 0))
        {
            return Neg(b);
        }

        return new BinaryExpr(BinaryOp.Subtract, a, b, IrType.Double);
    }

    public static IrExpr Mul(IrExpr a, IrExpr b)
    {
        if (IsConst(a, 0) || IsConst(b, 0))
        {
            return Zero;
        }

        if (IsConst(a, 1))
        {
            return b;
        }

        if (IsConst(b, 1))
        {
            return a;
        }

        if (IsConst(a, -1))
        {
            return Neg(b);
        }

        if (IsConst(b, -1))
        {
            return Neg(a);
        }

        return new BinaryExpr(BinaryOp.Multiply, a, b, IrType.Double);
    }

    public static IrExpr Div(IrExpr a, IrExpr b)
    {
        if (IsConst(a, 0))
        {
            return Zero;
        }

        if (IsConst(b, 1))
        {
            return a;
        }

        return new BinaryExpr(BinaryOp.Divide, a, b, IrType.Double);
    }

    public static IrExpr Neg(IrExpr a)
    {
        if (a is ConstExpr c && c.Type == IrType.Double)
        {
            return Const(-c.Value);
        }

        if (a is UnaryExpr { Op: UnaryOp.Negate } n)
        {
            return n.Operand;
        }

        return new UnaryExpr(UnaryOp.Negate, a, IrType.Double);
    }

    public static IrExpr Call(Primitive function, params IrExpr[] arguments) =>
        new PrimitiveCallExpr(function, new EquatableArray<IrExpr>(arguments), IrType.Double);

    public static IrExpr Compare(BinaryOp op, IrExpr a, IrExpr b) => new BinaryExpr(op, a, b, IrType.Bool);

    public static IrExpr Select(IrExpr condition, IrExpr whenTrue, IrExpr whenFalse)
    {
        if (IsConst(whenTrue, 0) && IsConst(whenFalse, 0))
        {
            return Zero;
        }

        return new ConditionalExpr(condition, whenTrue, whenFalse, IrType.Double);
    }
}
