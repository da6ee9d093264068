using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Forward mode (JVP): carries a tangent next to each varied value through the same control flow. Each
/// definition <c>v = f(a, b)</c> is followed by <c>v̇ = ∂f/∂a·ȧ + ∂f/∂b·ḃ</c>; calls to other differentiable
/// methods go through their generated pushforward. No tape is needed.
/// </summary>
internal sealed class ForwardModeTransform
{
    private readonly PreparedFunction function;
    private readonly Dictionary<string, string> tangents = new();
    private readonly HashSet<string> varied;
    private readonly bool emptyTangentIsZero;
    private readonly HashSet<string> inputTangentSpans = new();

    private ForwardModeTransform(PreparedFunction function, IReadOnlyDictionary<string, string> inputTangents, bool emptyTangentIsZero)
    {
        this.function = function;
        this.emptyTangentIsZero = emptyTangentIsZero;
        foreach (var pair in inputTangents)
        {
            tangents[pair.Key] = pair.Value;
            inputTangentSpans.Add(pair.Key);
        }

        varied = ActivityAnalysis.Varied(function.Body, inputTangents.Keys);
    }

    /// <summary>
    /// Differentiates <paramref name="function"/> in the inputs named by the keys of <paramref name="inputTangents"/>,
    /// whose tangents are read from the variables or spans named by the values. Returns the statements (primal and
    /// tangent interleaved) and the expression of the result's tangent.
    /// </summary>
    /// <param name="function">The prepared primal.</param>
    /// <param name="inputTangents">Input name → name of its tangent (a double, or a span for vector inputs).</param>
    /// <param name="emptyTangentIsZero">Whether an empty tangent span means a zero tangent (helpers called by other generated code).</param>
    public static (List<IrStmt> Body, IrExpr ResultTangent) Transform(PreparedFunction function, IReadOnlyDictionary<string, string> inputTangents, bool emptyTangentIsZero)
    {
        var transform = new ForwardModeTransform(function, inputTangents, emptyTangentIsZero);
        var body = transform.TransformBlock(function.Body);
        return (body, transform.Tangent(new VarExpr(function.Result, IrType.Double)));
    }

    private List<IrStmt> TransformBlock(IEnumerable<IrStmt> statements)
    {
        var output = new List<IrStmt>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case DeclareStmt { Type: IrType.Double } declare when varied.Contains(declare.Name):
                {
                    var tangent = TangentName(declare.Name);
                    if (declare.Value is null)
                    {
                        output.Add(declare);
                        output.Add(new DeclareStmt(tangent, IrType.Double, null));
                    }
                    else
                    {
                        Define(declare.Name, declare.Value, declares: true, output);
                    }

                    break;
                }

                case AssignStmt assign when varied.Contains(assign.Name):
                    Define(assign.Name, assign.Value, declares: false, output);
                    break;

                case IfStmt branch:
                    output.Add(branch with { Then = TransformBlock(branch.Then).ToEquatableArray(), Else = TransformBlock(branch.Else).ToEquatableArray() });
                    break;

                case LoopStmt loop:
                    output.Add(loop with { Body = TransformBlock(loop.Body).ToEquatableArray(), Step = TransformBlock(loop.Step).ToEquatableArray() });
                    break;

                case DeclareArrayStmt array when varied.Contains(array.Name):
                    output.Add(array);
                    output.Add(new DeclareArrayStmt(TangentName(array.Name), array.Length));
                    break;

                case StoreStmt store when varied.Contains(store.Array):
                    output.Add(store);
                    output.Add(new StoreStmt(TangentName(store.Array), store.Index, Tangent(store.Value)));
                    break;

                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    private void Define(string name, IrExpr value, bool declares, List<IrStmt> output)
    {
        var tangent = TangentName(name);
        if (value is MethodCallExpr call)
        {
            var arguments = call.Arguments.Select(a => new CallArgument(ArgumentKind.Value, a)).ToList();
            for (var i = 0; i < call.Callee.Parameters.Count; i++)
            {
                var parameter = call.Callee.Parameters[i];
                if (parameter.IsDifferentiable)
                {
                    arguments.Add(new CallArgument(ArgumentKind.Value, TangentArgument(call.Arguments[i])));
                }
            }

            arguments.Add(new CallArgument(declares ? ArgumentKind.OutDeclare : ArgumentKind.Out, new VarExpr(tangent, IrType.Double)));
            output.Add(new CallStmt(call.Callee.Receiver, call.Callee.Name + FrontEnd.KnownNames.PushforwardSuffix, arguments.ToEquatableArray(), name, declares));
            return;
        }

        // The primal first: tangent rules may read the result (exp, sqrt, tanh, division).
        output.Add(declares ? new DeclareStmt(name, IrType.Double, value) : new AssignStmt(name, value));
        var rule = TangentOf(value, new VarExpr(name, IrType.Double));
        output.Add(declares ? new DeclareStmt(tangent, IrType.Double, rule) : new AssignStmt(tangent, rule));
    }

    private IrExpr TangentArgument(IrExpr argument)
    {
        if (argument.Type == IrType.DoubleVector)
        {
            return argument is VarExpr v && varied.Contains(v.Name) ? new VarExpr(TangentName(v.Name), IrType.DoubleVector) : new OpaqueExpr("default", IrType.DoubleVector);
        }

        return Tangent(argument);
    }

    private IrExpr TangentOf(IrExpr value, IrExpr result)
    {
        switch (value)
        {
            case UnaryExpr { Op: UnaryOp.Negate } u:
                return IrMath.Neg(Tangent(u.Operand));
            case BinaryExpr { Op: BinaryOp.Add } b:
                return IrMath.Add(Tangent(b.Left), Tangent(b.Right));
            case BinaryExpr { Op: BinaryOp.Subtract } b:
                return IrMath.Sub(Tangent(b.Left), Tangent(b.Right));
            case BinaryExpr { Op: BinaryOp.Multiply } b:
                return IrMath.Add(IrMath.Mul(Tangent(b.Left), b.Right), IrMath.Mul(b.Left, Tangent(b.Right)));
            case BinaryExpr { Op: BinaryOp.Divide } b:
                // d(u/w) = (du − v·dw) / w, with v = u/w already computed.
                return IrMath.Div(IrMath.Sub(Tangent(b.Left), IrMath.Mul(result, Tangent(b.Right))), b.Right);
            case PrimitiveCallExpr p:
            {
                IrExpr sum = IrMath.Zero;
                for (var i = 0; i < p.Arguments.Count; i++)
                {
                    var argumentTangent = Tangent(p.Arguments[i]);
                    if (!IrMath.IsConst(argumentTangent, 0))
                    {
                        sum = IrMath.Add(sum, IrMath.Mul(PrimitiveTable.Partial(p.Function, p.Arguments, result, i), argumentTangent));
                    }
                }

                return sum;
            }

            case LoadExpr l when varied.Contains(l.Array):
                return new LoadExpr(TangentName(l.Array), l.Index, emptyTangentIsZero && inputTangentSpans.Contains(l.Array));
            default:
                return Tangent(value);
        }
    }

    /// <summary>The tangent of an atom: its tangent variable if varied, else zero.</summary>
    private IrExpr Tangent(IrExpr atom) =>
        atom is VarExpr { Type: IrType.Double } v && varied.Contains(v.Name) ? new VarExpr(TangentName(v.Name), IrType.Double) : IrMath.Zero;

    private string TangentName(string name)
    {
        if (!tangents.TryGetValue(name, out var tangent))
        {
            tangent = function.Names.Fresh(name + "Dot");
            tangents[name] = tangent;
        }

        return tangent;
    }
}
