using System;
using System.Globalization;
using System.Linq;
using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Emit;

/// <summary>Spells IR expressions as C#, with only the parentheses precedence needs and round-trip exact constants.</summary>
internal static class CSharpExpressionWriter
{
    private const int ConditionalPrecedence = 1;
    private const int UnaryPrecedence = 8;
    private const int PrimaryPrecedence = 9;

    public static string Write(IrExpr expression) => Write(expression, 0);

    /// <summary>An identifier, escaped with '@' when it is a C# keyword (a parameter named <c>@double</c>).</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary>A double literal that parses back to exactly <paramref name="value"/>, in any culture.</summary>
    public static string DoubleLiteral(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "double.PositiveInfinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "double.NegativeInfinity";
        }

        // "R" is not round-trip exact on every runtime a compiler may run on (.NET Framework); check and fall back.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value || IsNegativeZero(value))
        {
            text = value == 0 ? "-0.0" : value.ToString("G17", CultureInfo.InvariantCulture);
        }

        if (text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0)
        {
            text += ".0";
        }

        return text;
    }

    private static bool IsNegativeZero(double value) => value == 0 && BitConverter.DoubleToInt64Bits(value) < 0;

    private static string Write(IrExpr expression, int context)
    {
        var (text, precedence) = Spell(expression);
        return precedence < context ? "(" + text + ")" : text;
    }

    private static (string Text, int Precedence) Spell(IrExpr expression)
    {
        switch (expression)
        {
            case ConstExpr c:
                return c.Type switch
                {
                    IrType.Int => (((int)c.Value).ToString(CultureInfo.InvariantCulture), c.Value < 0 ? UnaryPrecedence : PrimaryPrecedence),
                    IrType.Bool => (c.Value != 0 ? "true" : "false", PrimaryPrecedence),
                    _ => (DoubleLiteral(c.Value), c.Value < 0 || IsNegativeZero(c.Value) ? UnaryPrecedence : PrimaryPrecedence),
                };
            case VarExpr v:
                return (Identifier(v.Name), PrimaryPrecedence);
            case OpaqueExpr o:
                return (o.Code, PrimaryPrecedence);
            case DimensionExpr d:
                return (Identifier(d.Array) + ".GetLength(" + d.Dimension.ToString(CultureInfo.InvariantCulture) + ")", PrimaryPrecedence);
            case MatrixLoadExpr m:
                return (Identifier(m.Array) + "[" + Write(m.Row, 0) + ", " + Write(m.Column, 0) + "]", PrimaryPrecedence);
            case LengthExpr l:
                return (Identifier(l.Array) + ".Length", PrimaryPrecedence);
            case LoadExpr l when l.ZeroWhenEmpty:
                return (Identifier(l.Array) + ".IsEmpty ? 0.0 : " + Identifier(l.Array) + "[" + Write(l.Index, 0) + "]", ConditionalPrecedence);
            case LoadExpr l:
                return (Identifier(l.Array) + "[" + Write(l.Index, 0) + "]", PrimaryPrecedence);
            case ConvertExpr c:
                return ("(" + TypeName(c.Type) + ")" + Write(c.Operand, UnaryPrecedence), UnaryPrecedence);
            case StopGradientExpr g:
                return Spell(g.Operand);
            case SignExpr s:
                return ("global::System.Math.Sign(" + Write(s.Operand, 0) + ")", PrimaryPrecedence);
            case UnaryExpr u:
            {
                var operand = Write(u.Operand, UnaryPrecedence);

                // "- -x" must not become "--x".
                var separator = u.Op == UnaryOp.Negate && operand.StartsWith("-", StringComparison.Ordinal) ? " " : string.Empty;
                return ((u.Op == UnaryOp.Negate ? "-" : "!") + separator + operand, UnaryPrecedence);
            }

            case BinaryExpr b:
            {
                var (symbol, precedence) = Operator(b.Op);
                return (Write(b.Left, precedence) + " " + symbol + " " + Write(b.Right, precedence + 1), precedence);
            }

            case ConditionalExpr c:
                return (Write(c.Condition, ConditionalPrecedence + 1) + " ? " + Write(c.WhenTrue, ConditionalPrecedence + 1) + " : " + Write(c.WhenFalse, ConditionalPrecedence), ConditionalPrecedence);
            case PrimitiveCallExpr p:
                return ("global::System.Math." + PrimitiveTable.MathName(p.Function) + "(" + string.Join(", ", p.Arguments.Select(a => Write(a, 0))) + ")", PrimaryPrecedence);
            case MethodCallExpr m:
                return (m.Callee.Receiver + "." + m.Callee.Name + "(" + Arguments(m.Callee, m.Arguments) + ")", PrimaryPrecedence);
            default:
                throw new InvalidOperationException("Unknown IR expression " + expression.GetType().Name);
        }
    }

    /// <summary>The arguments of a call of a user method: doubles passed to its float parameters are rounded.</summary>
    public static string Arguments(Callee callee, System.Collections.Generic.IReadOnlyList<IrExpr> arguments) =>
        string.Join(", ", arguments.Select((a, i) => callee.Parameters[i].IsSinglePrecision && a.Type == IrType.Double ? "(float)" + Write(a, UnaryPrecedence) : Write(a, 0)));

    public static string TypeName(IrType type) => type switch
    {
        IrType.Double => "double",
        IrType.Float => "float",
        IrType.Int => "int",
        IrType.Bool => "bool",
        _ => "global::System.ReadOnlySpan<double>",
    };

    private static (string Symbol, int Precedence) Operator(BinaryOp op) => op switch
    {
        BinaryOp.Or => ("||", 2),
        BinaryOp.And => ("&&", 3),
        BinaryOp.Equal => ("==", 4),
        BinaryOp.NotEqual => ("!=", 4),
        BinaryOp.Less => ("<", 5),
        BinaryOp.LessOrEqual => ("<=", 5),
        BinaryOp.Greater => (">", 5),
        BinaryOp.GreaterOrEqual => (">=", 5),
        BinaryOp.Add => ("+", 6),
        BinaryOp.Subtract => ("-", 6),
        BinaryOp.Multiply => ("*", 7),
        BinaryOp.Divide => ("/", 7),
        _ => ("%", 7),
    };
}
