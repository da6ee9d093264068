using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Lowers double-valued expressions to A-normal form: every double local is defined by one operation on
/// atoms (variables, constants, int conversions), with named temporaries for the subexpressions. Both modes
/// need the intermediate values: forward mode to form tangents once, reverse mode to read them in the
/// reverse sweep without recomputing. A double-valued <c>?:</c> becomes an <c>if</c>, so only the taken
/// branch is evaluated and differentiated. Branch conditions are stored in bool locals so the reverse sweep
/// replays the same decisions.
/// </summary>
internal sealed class AnfLowering
{
    private readonly NameScope names;
    private readonly HashSet<string> loopVariables;
    private readonly HashSet<string> readOnlyInputs;

    // Loads from read-only inputs already held in a temporary: x[i] read twice is loaded once, so its adjoint
    // reaches dx[i] in one write. Entries die when a variable of their index is assigned or their temporary
    // goes out of scope.
    private Dictionary<IrExpr, string> loads = new();

    private AnfLowering(NameScope names, HashSet<string> loopVariables, HashSet<string> readOnlyInputs)
    {
        this.names = names;
        this.loopVariables = loopVariables;
        this.readOnlyInputs = readOnlyInputs;
    }

    /// <summary>Lowers <paramref name="statements"/>. A loop variable is never defined by an operation that reads
    /// itself (<c>s = s * a</c> becomes <c>product = s * a; s = product</c>), so each definition's operands keep their
    /// values while its tangent or adjoint is formed.</summary>
    public static List<IrStmt> Lower(IReadOnlyList<IrStmt> statements, NameScope names, HashSet<string> loopVariables, HashSet<string> readOnlyInputs)
    {
        var lowering = new AnfLowering(names, loopVariables, readOnlyInputs);
        var output = new List<IrStmt>();
        lowering.LowerBlock(statements, output);
        return output;
    }

    /// <summary>Whether an expression is an atom: read as-is in derivative code.</summary>
    public static bool IsAtom(IrExpr expression) => expression switch
    {
        VarExpr or ConstExpr or OpaqueExpr or LengthExpr or DimensionExpr => true,
        ConvertExpr { Type: IrType.Double } c => c.Operand.Type != IrType.Double,
        _ => expression.Type != IrType.Double,
    };

    private void LowerBlock(IReadOnlyList<IrStmt> statements, List<IrStmt> output)
    {
        foreach (var statement in statements)
        {
            LowerStatement(statement, output);
            switch (statement)
            {
                case DeclareStmt d:
                    ForgetLoadsReading(new[] { d.Name });
                    break;
                case AssignStmt a:
                    ForgetLoadsReading(new[] { a.Name });
                    break;
            }
        }
    }

    private void ForgetLoadsReading(IEnumerable<string> assigned)
    {
        var set = new HashSet<string>(assigned);
        foreach (var key in loads.Keys.Where(k => IrRewriter.Reads(k, set.Contains)).ToList())
        {
            loads.Remove(key);
        }
    }

    /// <summary>Runs <paramref name="lower"/> for a nested block: loads it caches die with the block.</summary>
    private void Nested(System.Action lower)
    {
        var saved = new Dictionary<IrExpr, string>(loads);
        lower();
        loads = saved;
    }

    private void LowerStatement(IrStmt statement, List<IrStmt> output)
    {
        {
            switch (statement)
            {
                case DeclareStmt { Type: IrType.Double, Value: { } value } declare:
                    output.Add(declare with { Value = LowerDefinition(declare.Name, value, output) });
                    break;

                case AssignStmt assign when assign.Value.Type == IrType.Double:
                    output.Add(assign with { Value = LowerDefinition(assign.Name, assign.Value, output) });
                    break;

                case StoreStmt store:
                    output.Add(store with { Value = LowerAtom(store.Value, output) });
                    break;

                case CallMethodStmt call:
                    output.Add(call with { Arguments = call.Arguments.Select(a => a.Type == IrType.Double ? LowerAtom(a, output) : a).ToEquatableArray() });
                    break;

                case LoopStmt loop:
                {
                    // Loads whose index the loop changes are stale inside it (from the second iteration) and after it.
                    ForgetLoadsReading(LoopVariables.AssignedIn(loop.Body.Concat(loop.Step)));
                    var body = new List<IrStmt>();
                    Nested(() => LowerBlock(loop.Body, body));
                    var step = new List<IrStmt>();
                    Nested(() => LowerBlock(loop.Step, step));
                    output.Add(loop with { Body = body.ToEquatableArray(), Step = step.ToEquatableArray() });
                    break;
                }

                case IfStmt branch:
                {
                    var condition = branch.Condition;
                    if (condition is not VarExpr and not ConstExpr)
                    {
                        var flag = names.Numbered("branch");
                        output.Add(new DeclareStmt(flag, IrType.Bool, condition));
                        condition = new VarExpr(flag, IrType.Bool);
                    }

                    var then = new List<IrStmt>();
                    Nested(() => LowerBlock(branch.Then, then));
                    var otherwise = new List<IrStmt>();
                    Nested(() => LowerBlock(branch.Else, otherwise));
                    ForgetLoadsReading(LoopVariables.AssignedIn(branch.Then.Concat(branch.Else)));
                    output.Add(new IfStmt(condition, then.ToEquatableArray(), otherwise.ToEquatableArray()));
                    break;
                }

                default:
                    output.Add(statement);
                    break;
            }
        }
    }

    private IrExpr LowerDefinition(string name, IrExpr value, List<IrStmt> output)
    {
        var operation = LowerOperation(value, output);
        if (loopVariables.Contains(name) && !IsAtom(operation) && IrRewriter.Reads(operation, n => n == name))
        {
            var temporary = names.Numbered(TemporaryName(operation));
            output.Add(new DeclareStmt(temporary, IrType.Double, operation));
            return new VarExpr(temporary, IrType.Double);
        }

        return operation;
    }

    /// <summary>Lowers the operands of <paramref name="expression"/> to atoms, keeping the top operation.</summary>
    private IrExpr LowerOperation(IrExpr expression, List<IrStmt> output) => expression switch
    {
        UnaryExpr { Type: IrType.Double } u => u with { Operand = LowerAtom(u.Operand, output) },
        StopGradientExpr g => g with { Operand = LowerAtom(g.Operand, output) },
        BinaryExpr { Type: IrType.Double } b => b with { Left = LowerAtom(b.Left, output), Right = LowerAtom(b.Right, output) },
        PrimitiveCallExpr p => p with { Arguments = p.Arguments.Select(a => LowerAtom(a, output)).ToEquatableArray() },
        MethodCallExpr m => m with { Arguments = m.Arguments.Select(a => a.Type == IrType.Double ? LowerAtom(a, output) : a).ToEquatableArray() },
        ConditionalExpr { Type: IrType.Double } c => LowerAtom(c, output),
        ConvertExpr { Type: IrType.Double } c when c.Operand.Type == IrType.Double => c.Operand is VarExpr ? c.Operand : LowerOperation(c.Operand, output),
        _ => expression,
    };

    private IrExpr LowerAtom(IrExpr expression, List<IrStmt> output)
    {
        if (IsAtom(expression))
        {
            return expression;
        }

        if (expression is ConditionalExpr conditional)
        {
            var selected = names.Numbered("selected");
            output.Add(new DeclareStmt(selected, IrType.Double, null));
            var then = new List<IrStmt>();
            Nested(() => then.Add(new AssignStmt(selected, LowerOperation(conditional.WhenTrue, then))));
            var otherwise = new List<IrStmt>();
            Nested(() => otherwise.Add(new AssignStmt(selected, LowerOperation(conditional.WhenFalse, otherwise))));
            LowerBlock(new IrStmt[] { new IfStmt(conditional.Condition, then.ToEquatableArray(), otherwise.ToEquatableArray()) }, output);
            return new VarExpr(selected, IrType.Double);
        }

        if (expression is ConvertExpr { Operand.Type: IrType.Double } convert)
        {
            return LowerAtom(convert.Operand, output);
        }

        var operation = LowerOperation(expression, output);
        var cacheable = operation is LoadExpr { Array: var a } && readOnlyInputs.Contains(a) || operation is MatrixLoadExpr { Array: var m } && readOnlyInputs.Contains(m);
        if (cacheable && loads.TryGetValue(operation, out var cached))
        {
            return new VarExpr(cached, IrType.Double);
        }

        var temporary = names.Numbered(TemporaryName(operation));
        output.Add(new DeclareStmt(temporary, IrType.Double, operation));
        if (cacheable)
        {
            loads[operation] = temporary;
        }

        return new VarExpr(temporary, IrType.Double);
    }

    private static string TemporaryName(IrExpr operation) => operation switch
    {
        UnaryExpr => "negated",
        StopGradientExpr => "constant",
        BinaryExpr { Op: BinaryOp.Add } => "sum",
        BinaryExpr { Op: BinaryOp.Subtract } => "difference",
        BinaryExpr { Op: BinaryOp.Multiply } => "product",
        BinaryExpr { Op: BinaryOp.Divide } => "quotient",
        PrimitiveCallExpr p => LowerFirst(PrimitiveTable.MathName(p.Function)),
        MethodCallExpr m => LowerFirst(m.Callee.Name),
        LoadExpr l => l.Array + "Item",
        MatrixLoadExpr m => m.Array + "Item",
        _ => "value",
    };

    private static string LowerFirst(string name) => name.Length == 0 ? "value" : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
