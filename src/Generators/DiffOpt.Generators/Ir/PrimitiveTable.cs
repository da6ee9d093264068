using System;
using System.Collections.Generic;

namespace DiffOpt.Generators.Ir;

/// <summary>
/// One entry per primitive: its <c>System.Math</c> spelling, arity, and partial derivatives. Forward mode
/// forms <c>Σ ∂f/∂aᵢ · ȧᵢ</c> and reverse mode <c>āᵢ += v̄ · ∂f/∂aᵢ</c> from the same partials, so each rule is
/// written once. Conventions at non-smooth points are documented in docs/supported-csharp.md.
/// </summary>
internal static class PrimitiveTable
{
    /// <summary>Builds ∂f/∂args[index] from the (atomic) arguments and the result value.</summary>
    public delegate IrExpr PartialRule(IReadOnlyList<IrExpr> args, IrExpr result, int index);

    private static readonly Dictionary<Primitive, Entry> Entries = new();
    private static readonly Dictionary<(string Name, int Arity), Primitive> ByMathName = new();

    static PrimitiveTable()
    {
        static IrExpr X(IReadOnlyList<IrExpr> a) => a[0];

        Add(Primitive.Sin, "Sin", 1, (a, v, i) => IrMath.Call(Primitive.Cos, X(a)));
        Add(Primitive.Cos, "Cos", 1, (a, v, i) => IrMath.Neg(IrMath.Call(Primitive.Sin, X(a))));
        Add(Primitive.Tan, "Tan", 1, (a, v, i) => IrMath.Add(IrMath.One, IrMath.Mul(v, v)));
        Add(Primitive.Asin, "Asin", 1, (a, v, i) => IrMath.Div(IrMath.One, IrMath.Call(Primitive.Sqrt, IrMath.Sub(IrMath.One, IrMath.Mul(X(a), X(a))))));
        Add(Primitive.Acos, "Acos", 1, (a, v, i) => IrMath.Neg(IrMath.Div(IrMath.One, IrMath.Call(Primitive.Sqrt, IrMath.Sub(IrMath.One, IrMath.Mul(X(a), X(a)))))));
        Add(Primitive.Atan, "Atan", 1, (a, v, i) => IrMath.Div(IrMath.One, IrMath.Add(IrMath.One, IrMath.Mul(X(a), X(a)))));

        // Atan2(y, x): ∂/∂y = x / (x² + y²), ∂/∂x = −y / (x² + y²).
        Add(Primitive.Atan2, "Atan2", 2, (a, v, i) =>
        {
            var denominator = IrMath.Add(IrMath.Mul(a[0], a[0]), IrMath.Mul(a[1], a[1]));
            return i == 0 ? IrMath.Div(a[1], denominator) : IrMath.Neg(IrMath.Div(a[0], denominator));
        });
        Add(Primitive.Sinh, "Sinh", 1, (a, v, i) => IrMath.Call(Primitive.Cosh, X(a)));
        Add(Primitive.Cosh, "Cosh", 1, (a, v, i) => IrMath.Call(Primitive.Sinh, X(a)));
        Add(Primitive.Tanh, "Tanh", 1, (a, v, i) => IrMath.Sub(IrMath.One, IrMath.Mul(v, v)));
        Add(Primitive.Asinh, "Asinh", 1, (a, v, i) => IrMath.Div(IrMath.One, IrMath.Call(Primitive.Sqrt, IrMath.Add(IrMath.Mul(X(a), X(a)), IrMath.One))));

        // 1/√(x−1)·√(x+1) rather than 1/√(x²−1): no cancellation near x = 1.
        Add(Primitive.Acosh, "Acosh", 1, (a, v, i) => IrMath.Div(IrMath.One, IrMath.Mul(IrMath.Call(Primitive.Sqrt, IrMath.Sub(X(a), IrMath.One)), IrMath.Call(Primitive.Sqrt, IrMath.Add(X(a), IrMath.One)))));
        Add(Primitive.Atanh, "Atanh", 1, (a, v, i) => IrMath.Div(IrMath.One, IrMath.Sub(IrMath.One, IrMath.Mul(X(a), X(a)))));
        Add(Primitive.Exp, "Exp", 1, (a, v, i) => v);
        Add(Primitive.Log, "Log", 1, (a, v, i) => IrMath.Div(IrMath.One, X(a)));

        // Log(x, b) = ln x / ln b: ∂/∂x = 1 / (x ln b), ∂/∂b = −v / (b ln b).
        Add(Primitive.LogBase, "Log", 2, (a, v, i) => i == 0
            ? IrMath.Div(IrMath.One, IrMath.Mul(a[0], IrMath.Call(Primitive.Log, a[1])))
            : IrMath.Neg(IrMath.Div(v, IrMath.Mul(a[1], IrMath.Call(Primitive.Log, a[1])))));
        Add(Primitive.Log10, "Log10", 1, (a, v, i) => IrMath.Div(IrMath.One, IrMath.Mul(X(a), IrMath.Const(Math.Log(10)))));
        Add(Primitive.Log2, "Log2", 1, (a, v, i) => IrMath.Div(IrMath.One, IrMath.Mul(X(a), IrMath.Const(Math.Log(2)))));
        Add(Primitive.Sqrt, "Sqrt", 1, (a, v, i) => IrMath.Div(IrMath.Const(0.5), v));
        Add(Primitive.Cbrt, "Cbrt", 1, (a, v, i) => IrMath.Div(IrMath.One, IrMath.Mul(IrMath.Const(3), IrMath.Mul(v, v))));

        // Pow(x, y): ∂/∂x = y·x^(y−1) (no log x, so negative bases with integer exponents stay finite);
        // ∂/∂y = v·ln x, taken as 0 at x = 0 where the limit along y > 0 is 0.
        Add(Primitive.Pow, "Pow", 2, (a, v, i) => i == 0
            ? PowBaseDerivative(a[0], a[1])
            : IrMath.Select(IrMath.Compare(BinaryOp.Equal, a[0], IrMath.Zero), IrMath.Zero, IrMath.Mul(v, IrMath.Call(Primitive.Log, a[0]))));

        // |x|: derivative sign(x), 0 at x = 0.
        Add(Primitive.Abs, "Abs", 1, (a, v, i) => new ConvertExpr(new SignExpr(X(a)), IrType.Double));

        // Max/Min: at a tie the first argument gets the whole derivative.
        Add(Primitive.Max, "Max", 2, (a, v, i) =>
            IrMath.Select(IrMath.Compare(BinaryOp.GreaterOrEqual, a[0], a[1]), i == 0 ? IrMath.One : IrMath.Zero, i == 0 ? IrMath.Zero : IrMath.One));
        Add(Primitive.Min, "Min", 2, (a, v, i) =>
            IrMath.Select(IrMath.Compare(BinaryOp.LessOrEqual, a[0], a[1]), i == 0 ? IrMath.One : IrMath.Zero, i == 0 ? IrMath.Zero : IrMath.One));

        // Clamp(x, lo, hi) returns lo when x < lo, hi when x > hi, else x: the derivative goes to whichever it returned.
        Add(Primitive.Clamp, "Clamp", 3, (a, v, i) => i switch
        {
            0 => IrMath.Select(IrMath.Compare(BinaryOp.Less, a[0], a[1]), IrMath.Zero, IrMath.Select(IrMath.Compare(BinaryOp.Greater, a[0], a[2]), IrMath.Zero, IrMath.One)),
            1 => IrMath.Select(IrMath.Compare(BinaryOp.Less, a[0], a[1]), IrMath.One, IrMath.Zero),
            _ => IrMath.Select(IrMath.Compare(BinaryOp.Less, a[0], a[1]), IrMath.Zero, IrMath.Select(IrMath.Compare(BinaryOp.Greater, a[0], a[2]), IrMath.One, IrMath.Zero)),
        });
        Add(Primitive.FusedMultiplyAdd, "FusedMultiplyAdd", 3, (a, v, i) => i switch
        {
            0 => a[1],
            1 => a[0],
            _ => IrMath.One,
        });
        Add(Primitive.Floor, "Floor", 1, (a, v, i) => IrMath.Zero);
        Add(Primitive.Ceiling, "Ceiling", 1, (a, v, i) => IrMath.Zero);
        Add(Primitive.Round, "Round", 1, (a, v, i) => IrMath.Zero);
        Add(Primitive.Truncate, "Truncate", 1, (a, v, i) => IrMath.Zero);
    }

    /// <summary>The <c>System.Math</c> member name.</summary>
    public static string MathName(Primitive primitive) => Entries[primitive].MathName;

    /// <summary>The number of arguments.</summary>
    public static int Arity(Primitive primitive) => Entries[primitive].Arity;

    /// <summary>∂f/∂args[index] at the given atomic arguments and result.</summary>
    public static IrExpr Partial(Primitive primitive, IReadOnlyList<IrExpr> args, IrExpr result, int index) =>
        Entries[primitive].Partial(args, result, index);

    /// <summary>Whether the primitive is piecewise constant (zero derivative everywhere it exists).</summary>
    public static bool IsPiecewiseConstant(Primitive primitive) =>
        primitive is Primitive.Floor or Primitive.Ceiling or Primitive.Round or Primitive.Truncate;

    /// <summary>Finds the primitive for a <c>System.Math</c> member with the given arity.</summary>
    public static bool TryFind(string mathName, int arity, out Primitive primitive) => ByMathName.TryGetValue((mathName, arity), out primitive);

    private static IrExpr PowBaseDerivative(IrExpr x, IrExpr y)
    {
        if (y is ConstExpr c)
        {
            if (c.Value.Equals(1.0))
            {
                return IrMath.One;
            }

            if (c.Value.Equals(2.0))
            {
                return IrMath.Mul(IrMath.Const(2), x);
            }

            return IrMath.Mul(y, IrMath.Call(Primitive.Pow, x, IrMath.Const(c.Value - 1)));
        }

        return IrMath.Mul(y, IrMath.Call(Primitive.Pow, x, IrMath.Sub(y, IrMath.One)));
    }

    private static void Add(Primitive primitive, string mathName, int arity, PartialRule partial)
    {
        Entries[primitive] = new Entry(mathName, arity, partial);
        ByMathName[(mathName, arity)] = primitive;
    }

    private sealed record Entry(string MathName, int Arity, PartialRule Partial);
}
