using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// Lowers a scalar primal (double parameters, double result, straight-line code with <c>?:</c> and <c>if</c>) to
/// TorchSharp tensor operations, one elementwise operation per statement. Branches are if-converted: both sides are
/// evaluated and every variable they assign is merged with <c>torch.where</c>, so the code is branch-free and
/// broadcasts. Values that involve no parameter stay C# doubles (constant folding by the C# compiler), and mix with
/// tensors through TorchSharp's <c>Tensor op double</c> operators, which keep the tensor's dtype. Anything else (loops,
/// arrays, calls of user methods, int arithmetic) makes <see cref="Lower"/> return null; the analyzer reports it
/// (DOPT0027, DOPT0028).
/// </summary>
internal sealed class TorchElementwiseLowering
{
    private const string Torch = "global::TorchSharp.torch";
    private const string Ops = "global::DiffOpt.Torch.TensorOps";
    private const string Scalar = "(global::TorchSharp.Scalar)";

    private readonly List<string> lines = new();
    private readonly string reference;
    private readonly bool allowOpaque;
    private int counter;

    private TorchElementwiseLowering(string reference, bool allowOpaque)
    {
        this.reference = reference;
        this.allowOpaque = allowOpaque;
    }

    /// <summary>A value during lowering: a tensor local, or a C# expression of type double/bool.</summary>
    private sealed record Value(string Code, bool IsTensor, IrType Type);

    private sealed class NotLowerableException : Exception
    {
    }

    /// <summary>The statements of the lowered body (ending in a return), or null when the primal cannot be lowered.</summary>
    /// <param name="primal">The primal's IR.</param>
    /// <param name="parameterNames">The C# spelling of each parameter, in order (the tensors of the declaration).</param>
    /// <param name="allowOpaque">Whether verbatim C# (a constant field of the primal's type) may be copied (the declaration is in the same type).</param>
    public static List<string>? Lower(IrFunction primal, IReadOnlyList<string> parameterNames, bool allowOpaque)
    {
        if (primal.ReturnType != IrType.Double || primal.ReturnsSinglePrecision || primal.Parameters.Count == 0
            || primal.Parameters.Any(p => p.Kind != IrParameterKind.Value || p.Type != IrType.Double || p.IsSinglePrecision))
        {
            return null;
        }

        var lowering = new TorchElementwiseLowering(parameterNames[0], allowOpaque);
        var env = new Dictionary<string, Value?>();
        for (var i = 0; i < primal.Parameters.Count; i++)
        {
            env[primal.Parameters[i].Name] = new Value(parameterNames[i], true, IrType.Double);
        }

        try
        {
            var names = new NameScope(IrRewriter.AllNames(primal).Concat(parameterNames));
            var result = names.Fresh("value");
            var body = ReturnNormalization.Normalize(primal.Body, result);
            lowering.Block(body, env);
            var value = env.TryGetValue(result, out var v) && v is not null ? v : throw new NotLowerableException();
            lowering.lines.Add("return " + lowering.AsTensor(value) + ";");
            return lowering.lines;
        }
        catch (NotLowerableException)
        {
            return null;
        }
    }

    private void Block(IEnumerable<IrStmt> statements, Dictionary<string, Value?> env)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case DeclareStmt d when d.Type is IrType.Double or IrType.Bool:
                    env[d.Name] = d.Value is null ? null : Expression(d.Value, env);
                    break;
                case AssignStmt a when env.ContainsKey(a.Name):
                    env[a.Name] = Expression(a.Value, env);
                    break;
                case IfStmt i:
                    If(i, env);
                    break;
                default:
                    throw new NotLowerableException();
            }
        }
    }

    /// <summary>If-conversion: both branches run; variables they change are merged by the condition.</summary>
    private void If(IfStmt statement, Dictionary<string, Value?> env)
    {
        var condition = Expression(statement.Condition, env);
        var then = new Dictionary<string, Value?>(env);
        var otherwise = new Dictionary<string, Value?>(env);
        Block(statement.Then, then);
        Block(statement.Else, otherwise);

        // Locals declared inside a branch go out of scope; only the outer ones are merged, in a stable order.
        foreach (var name in env.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList())
        {
            var a = then[name];
            var b = otherwise[name];
            if (a == b)
            {
                env[name] = a;
            }
            else if (a is null || b is null)
            {
                // Unassigned on one path: that path never reads it (C# definite assignment).
                env[name] = a ?? b;
            }
            else
            {
                env[name] = Select(condition, a, b);
            }
        }
    }

    private Value Select(Value condition, Value whenTrue, Value whenFalse)
    {
        if (whenTrue.Type != whenFalse.Type)
        {
            throw new NotLowerableException();
        }

        if (!condition.IsTensor && !whenTrue.IsTensor && !whenFalse.IsTensor)
        {
            return new Value("(" + condition.Code + " ? " + whenTrue.Code + " : " + whenFalse.Code + ")", false, whenTrue.Type);
        }

        if (!condition.IsTensor)
        {
            return Bind("(" + condition.Code + " ? " + AsTensor(whenTrue) + " : " + AsTensor(whenFalse) + ")", whenTrue.Type);
        }

        return Bind(Torch + ".where(" + condition.Code + ", " + AsTensor(whenTrue) + ", " + AsTensor(whenFalse) + ")", whenTrue.Type);
    }

    private Value Bind(string code, IrType type)
    {
        var name = "__t" + counter.ToString(CultureInfo.InvariantCulture);
        counter++;
        lines.Add("var " + name + " = " + code + ";");
        return new Value(name, true, type);
    }

    /// <summary>A value as a tensor: a C# double or bool becomes a 0-d tensor on the first parameter's device (and, for doubles, of its dtype).</summary>
    private string AsTensor(Value value) => value.IsTensor ? value.Code : Ops + ".Constant(" + value.Code + ", " + reference + ")";

    private static string AsScalar(Value value) => Scalar + "(" + value.Code + ")";

    private Value Expression(IrExpr expression, Dictionary<string, Value?> env)
    {
        switch (expression)
        {
            case ConstExpr { Type: IrType.Double } c:
                return new Value(CSharpExpressionWriter.DoubleLiteral(c.Value), false, IrType.Double);
            case ConstExpr { Type: IrType.Bool } c:
                return new Value(c.Value != 0 ? "true" : "false", false, IrType.Bool);
            case VarExpr v when env.TryGetValue(v.Name, out var value) && value is not null:
                return value;
            case OpaqueExpr { Type: IrType.Double } o when allowOpaque:
                return new Value("((double)" + o.Code + ")", false, IrType.Double);
            case StopGradientExpr s:
            {
                var operand = Expression(s.Operand, env);
                return operand.IsTensor ? Bind(operand.Code + ".detach()", IrType.Double) : operand;
            }

            case ConvertExpr { Type: IrType.Double, Operand: SignExpr sign }:
            {
                var operand = Expression(sign.Operand, env);
                return operand.IsTensor ? Bind(operand.Code + ".sign()", IrType.Double) : new Value("((double)global::System.Math.Sign(" + operand.Code + "))", false, IrType.Double);
            }

            case ConvertExpr { Type: IrType.Double } c when c.Operand.Type == IrType.Double:
                return Expression(c.Operand, env);
            case UnaryExpr u:
            {
                var operand = Expression(u.Operand, env);
                if (u.Op == UnaryOp.Negate && operand.Type == IrType.Double)
                {
                    return operand.IsTensor ? Bind(operand.Code + ".neg()", IrType.Double) : new Value("(-" + operand.Code + ")", false, IrType.Double);
                }

                if (u.Op == UnaryOp.Not && operand.Type == IrType.Bool)
                {
                    return operand.IsTensor ? Bind(operand.Code + ".logical_not()", IrType.Bool) : new Value("(!" + operand.Code + ")", false, IrType.Bool);
                }

                throw new NotLowerableException();
            }

            case BinaryExpr b:
                return Binary(b, env);
            case ConditionalExpr c:
                return Select(Expression(c.Condition, env), Expression(c.WhenTrue, env), Expression(c.WhenFalse, env));
            case PrimitiveCallExpr p:
                return Primitive(p, env);
            default:
                throw new NotLowerableException();
        }
    }

    private Value Binary(BinaryExpr b, Dictionary<string, Value?> env)
    {
        var left = Expression(b.Left, env);
        var right = Expression(b.Right, env);
        if (b.Op is BinaryOp.And or BinaryOp.Or)
        {
            if (left.Type != IrType.Bool || right.Type != IrType.Bool)
            {
                throw new NotLowerableException();
            }

            if (!left.IsTensor && !right.IsTensor)
            {
                return new Value("(" + left.Code + (b.Op == BinaryOp.And ? " && " : " || ") + right.Code + ")", false, IrType.Bool);
            }

            return Bind(AsTensor(left) + (b.Op == BinaryOp.And ? ".logical_and(" : ".logical_or(") + AsTensor(right) + ")", IrType.Bool);
        }

        if (left.Type != IrType.Double || right.Type != IrType.Double)
        {
            throw new NotLowerableException();
        }

        var comparison = b.Op switch
        {
            BinaryOp.Less => ("lt", "gt", "<"),
            BinaryOp.LessOrEqual => ("le", "ge", "<="),
            BinaryOp.Greater => ("gt", "lt", ">"),
            BinaryOp.GreaterOrEqual => ("ge", "le", ">="),
            BinaryOp.Equal => ("eq", "eq", "=="),
            BinaryOp.NotEqual => ("ne", "ne", "!="),
            _ => default((string, string, string)?),
        };
        if (comparison is { } cmp)
        {
            if (!left.IsTensor && !right.IsTensor)
            {
                return new Value("(" + left.Code + " " + cmp.Item3 + " " + right.Code + ")", false, IrType.Bool);
            }

            return left.IsTensor
                ? Bind(left.Code + "." + cmp.Item1 + "(" + (right.IsTensor ? right.Code : AsScalar(right)) + ")", IrType.Bool)
                : Bind(right.Code + "." + cmp.Item2 + "(" + AsScalar(left) + ")", IrType.Bool);
        }

        if (!left.IsTensor && !right.IsTensor)
        {
            var symbol = b.Op switch
            {
                BinaryOp.Add => "+",
                BinaryOp.Subtract => "-",
                BinaryOp.Multiply => "*",
                BinaryOp.Divide => "/",
                BinaryOp.Remainder => "%",
                _ => throw new NotLowerableException(),
            };
            return new Value("(" + left.Code + " " + symbol + " " + right.Code + ")", false, IrType.Double);
        }

        switch (b.Op)
        {
            case BinaryOp.Add:
                return Bind(left.Code + " + " + right.Code, IrType.Double);
            case BinaryOp.Subtract:
                return Bind(left.Code + " - " + right.Code, IrType.Double);
            case BinaryOp.Multiply:
                return Bind(left.Code + " * " + right.Code, IrType.Double);
            case BinaryOp.Divide:
                return Bind(left.Code + " / " + right.Code, IrType.Double);
            case BinaryOp.Remainder:
                // C#'s % truncates (the sign of the dividend): torch.fmod, not torch.remainder.
                return Bind(AsTensor(left) + ".fmod(" + (right.IsTensor ? right.Code : AsScalar(right)) + ")", IrType.Double);
            default:
                throw new NotLowerableException();
        }
    }

    private Value Primitive(PrimitiveCallExpr call, Dictionary<string, Value?> env)
    {
        var args = call.Arguments.Select(a => Expression(a, env)).ToList();
        if (args.Any(a => a.Type != IrType.Double))
        {
            throw new NotLowerableException();
        }

        if (args.All(a => !a.IsTensor))
        {
            return new Value("global::System.Math." + PrimitiveTable.MathName(call.Function) + "(" + string.Join(", ", args.Select(a => a.Code)) + ")", false, IrType.Double);
        }

        var unary = call.Function switch
        {
            Ir.Primitive.Sin => "sin",
            Ir.Primitive.Cos => "cos",
            Ir.Primitive.Tan => "tan",
            Ir.Primitive.Asin => "asin",
            Ir.Primitive.Acos => "acos",
            Ir.Primitive.Atan => "atan",
            Ir.Primitive.Sinh => "sinh",
            Ir.Primitive.Cosh => "cosh",
            Ir.Primitive.Tanh => "tanh",
            Ir.Primitive.Asinh => "asinh",
            Ir.Primitive.Acosh => "acosh",
            Ir.Primitive.Atanh => "atanh",
            Ir.Primitive.Exp => "exp",
            Ir.Primitive.Log => "log",
            Ir.Primitive.Log10 => "log10",
            Ir.Primitive.Log2 => "log2",
            Ir.Primitive.Sqrt => "sqrt",
            Ir.Primitive.Abs => "abs",
            Ir.Primitive.Floor => "floor",
            Ir.Primitive.Ceiling => "ceil",
            Ir.Primitive.Round => "round",
            Ir.Primitive.Truncate => "trunc",
            _ => null,
        };
        if (unary is not null)
        {
            return Bind(args[0].Code + "." + unary + "()", IrType.Double);
        }

        switch (call.Function)
        {
            case Ir.Primitive.Cbrt:
                return Bind(Ops + ".Cbrt(" + args[0].Code + ")", IrType.Double);
            case Ir.Primitive.Atan2:
                return Bind(Torch + ".atan2(" + AsTensor(args[0]) + ", " + AsTensor(args[1]) + ")", IrType.Double);
            case Ir.Primitive.LogBase:
            {
                var numerator = args[0].IsTensor ? Bind(args[0].Code + ".log()", IrType.Double) : new Value("global::System.Math.Log(" + args[0].Code + ")", false, IrType.Double);
                var denominator = args[1].IsTensor ? Bind(args[1].Code + ".log()", IrType.Double) : new Value("global::System.Math.Log(" + args[1].Code + ")", false, IrType.Double);
                return Bind(numerator.Code + " / " + denominator.Code, IrType.Double);
            }

            case Ir.Primitive.Pow:
                return args[0].IsTensor
                    ? Bind(args[0].Code + ".pow(" + (args[1].IsTensor ? args[1].Code : AsScalar(args[1])) + ")", IrType.Double)
                    : Bind(Torch + ".pow(" + AsTensor(args[0]) + ", " + args[1].Code + ")", IrType.Double);

            // Max/Min/Clamp select with the same tie rules as the CPU derivative (the first argument wins a tie),
            // instead of torch.maximum, whose gradient splits ties evenly.
            case Ir.Primitive.Max:
                return Select(Compare(args[0], "ge", args[1]), args[0], args[1]);
            case Ir.Primitive.Min:
                return Select(Compare(args[0], "le", args[1]), args[0], args[1]);
            case Ir.Primitive.Clamp:
            {
                var above = Select(Compare(args[0], "gt", args[2]), args[2], args[0]);
                return Select(Compare(args[0], "lt", args[1]), args[1], above);
            }

            case Ir.Primitive.FusedMultiplyAdd:
            {
                var product = args[0].IsTensor || args[1].IsTensor ? Bind(args[0].Code + " * " + args[1].Code, IrType.Double) : new Value("(" + args[0].Code + " * " + args[1].Code + ")", false, IrType.Double);
                return Bind(product.Code + " + " + args[2].Code, IrType.Double);
            }

            default:
                throw new NotLowerableException();
        }
    }

    private Value Compare(Value left, string op, Value right)
    {
        var flipped = op switch { "ge" => "le", "le" => "ge", "gt" => "lt", _ => "gt" };
        return left.IsTensor
            ? Bind(left.Code + "." + op + "(" + (right.IsTensor ? right.Code : AsScalar(right)) + ")", IrType.Bool)
            : Bind(right.Code + "." + flipped + "(" + AsScalar(left) + ")", IrType.Bool);
    }
}
