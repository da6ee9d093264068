using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Finds the varied variables: those whose value depends on a differentiated input. Only they get tangents
/// or adjoints; everything else is a constant to the derivative code (Griewank &amp; Walther, ch. 6).
/// </summary>
internal static class ActivityAnalysis
{
    public static HashSet<string> Varied(IReadOnlyList<IrStmt> statements, IEnumerable<string> activeInputs)
    {
        var varied = new HashSet<string>(activeInputs);

        // Iterate to a fixed point so loop-carried dependencies (later) are found too.
        bool changed;
        do
        {
            changed = false;
            Visit(statements);
        }
        while (changed);

        return varied;

        void Visit(IEnumerable<IrStmt> block)
        {
            foreach (var statement in block)
            {
                switch (statement)
                {
                    case DeclareStmt { Type: IrType.Double, Value: { } value } declare when !varied.Contains(declare.Name) && DependsOnVaried(value):
                        varied.Add(declare.Name);
                        changed = true;
                        break;
                    case AssignStmt assign when !varied.Contains(assign.Name) && assign.Value.Type == IrType.Double && DependsOnVaried(assign.Value):
                        varied.Add(assign.Name);
                        changed = true;
                        break;
                    case IfStmt branch:
                        Visit(branch.Then);
                        Visit(branch.Else);
                        break;
                    case LoopStmt loop:
                        Visit(loop.Body);
                        Visit(loop.Step);
                        break;
                    case StoreStmt store when !varied.Contains(store.Array) && DependsOnVaried(store.Value):
                        varied.Add(store.Array);
                        changed = true;
                        break;
                    case AccumulateStmt accumulate when !varied.Contains(accumulate.Name) && DependsOnVaried(accumulate.Value):
                        varied.Add(accumulate.Name);
                        changed = true;
                        break;
                    case AccumulateElementStmt accumulate when !varied.Contains(accumulate.Span) && DependsOnVaried(accumulate.Value):
                        varied.Add(accumulate.Span);
                        changed = true;
                        break;
                    case ReverseLoopStmt loop:
                        Visit(loop.Body);
                        break;
                    case CallMethodStmt call when call.Arguments.Where((a, i) => !call.Callee.Parameters[i].IsOutput).Any(DependsOnVaried):
                        for (var i = 0; i < call.Arguments.Count; i++)
                        {
                            if (call.Callee.Parameters[i].IsOutput && call.Arguments[i] is VarExpr output && varied.Add(output.Name))
                            {
                                changed = true;
                            }
                        }

                        break;
                    case CallStmt call when call.Arguments.Take(call.FirstOutput).Any(a => a.Kind == ArgumentKind.Value && DependsOnVaried(a.Value)):
                        // A helper call: whatever it writes (ref adjoints, spans, its result) depends on its varied inputs.
                        foreach (var output in call.Arguments.Skip(call.FirstOutput))
                        {
                            if (output.Value is VarExpr target && varied.Add(target.Name))
                            {
                                changed = true;
                            }
                        }

                        if (call.Result is { } callResult && varied.Add(callResult))
                        {
                            changed = true;
                        }

                        break;
                }
            }
        }

        bool DependsOnVaried(IrExpr value) => value switch
        {
            // Conversions to int and comparisons cut the derivative; only double-valued data flow counts.
            VarExpr v => v.Type is IrType.Double or IrType.DoubleVector && varied.Contains(v.Name),
            LoadExpr l => varied.Contains(l.Array),
            MatrixLoadExpr m => varied.Contains(m.Array),
            UnaryExpr u => u.Type == IrType.Double && DependsOnVaried(u.Operand),
            BinaryExpr b => b.Type == IrType.Double && (DependsOnVaried(b.Left) || DependsOnVaried(b.Right)),
            ConditionalExpr c => c.Type == IrType.Double && (DependsOnVaried(c.WhenTrue) || DependsOnVaried(c.WhenFalse)),
            PrimitiveCallExpr p => !PrimitiveTable.IsPiecewiseConstant(p.Function) && p.Arguments.Any(DependsOnVaried),
            MethodCallExpr m => m.Arguments.Any(DependsOnVaried),
            ConvertExpr { Type: IrType.Double } c => c.Operand.Type == IrType.Double && DependsOnVaried(c.Operand),
            _ => false,
        };
    }

    /// <summary>
    /// Finds the useful variables: those whose value reaches <paramref name="seeds"/> (the result, the outputs) through
    /// double-valued data flow. Values that only feed comparisons, int conversions or <c>Ad.StopGradient</c> are not
    /// useful; a variable that is varied but not useful needs no adjoint, no reverse statement and no tape
    /// (Griewank &amp; Walther, ch. 6: active = varied ∩ useful).
    /// </summary>
    public static HashSet<string> Useful(IReadOnlyList<IrStmt> statements, IEnumerable<string> seeds)
    {
        var useful = new HashSet<string>(seeds);
        bool changed;
        do
        {
            changed = false;
            Visit(statements);
        }
        while (changed);

        return useful;

        void Visit(IEnumerable<IrStmt> block)
        {
            foreach (var statement in block)
            {
                switch (statement)
                {
                    case DeclareStmt { Value: { } value } declare when useful.Contains(declare.Name):
                        Mark(value);
                        break;
                    case AssignStmt assign when useful.Contains(assign.Name):
                        Mark(assign.Value);
                        break;
                    case AccumulateStmt accumulate when useful.Contains(accumulate.Name):
                        Mark(accumulate.Value);
                        break;
                    case StoreStmt store when useful.Contains(store.Array):
                        Mark(store.Value);
                        break;
                    case AccumulateElementStmt accumulate when useful.Contains(accumulate.Span):
                        Mark(accumulate.Value);
                        break;
                    case ReturnStmt { Value: { } returned }:
                        Mark(returned);
                        break;
                    case IfStmt branch:
                        Visit(branch.Then);
                        Visit(branch.Else);
                        break;
                    case LoopStmt loop:
                        Visit(loop.Body);
                        Visit(loop.Step);
                        break;
                    case ReverseLoopStmt loop:
                        Visit(loop.Body);
                        break;
                    case CallMethodStmt call when call.Arguments.Where((a, i) => call.Callee.Parameters[i].IsOutput).Any(a => a is VarExpr v && useful.Contains(v.Name)):
                        for (var i = 0; i < call.Arguments.Count; i++)
                        {
                            if (!call.Callee.Parameters[i].IsOutput)
                            {
                                Mark(call.Arguments[i]);
                            }
                        }

                        break;
                    case CallStmt call when (call.Result is { } result && useful.Contains(result)) || call.Arguments.Skip(call.FirstOutput).Any(a => a.Value is VarExpr v && useful.Contains(v.Name)):
                        foreach (var argument in call.Arguments.Take(call.FirstOutput).Where(a => a.Kind == ArgumentKind.Value))
                        {
                            Mark(argument.Value);
                        }

                        break;
                }
            }
        }

        void Mark(IrExpr value)
        {
            switch (value)
            {
                case VarExpr v when v.Type is IrType.Double or IrType.DoubleVector:
                    changed |= useful.Add(v.Name);
                    break;
                case LoadExpr { ElementType: IrType.Double } l:
                    changed |= useful.Add(l.Array);
                    break;
                case MatrixLoadExpr m:
                    changed |= useful.Add(m.Array);
                    break;
                case UnaryExpr { Type: IrType.Double } u:
                    Mark(u.Operand);
                    break;
                case BinaryExpr { Type: IrType.Double } b:
                    Mark(b.Left);
                    Mark(b.Right);
                    break;
                case ConditionalExpr { Type: IrType.Double } c:
                    Mark(c.WhenTrue);
                    Mark(c.WhenFalse);
                    break;
                case PrimitiveCallExpr p when !PrimitiveTable.IsPiecewiseConstant(p.Function):
                    foreach (var argument in p.Arguments)
                    {
                        Mark(argument);
                    }

                    break;
                case MethodCallExpr m:
                    foreach (var argument in m.Arguments)
                    {
                        Mark(argument);
                    }

                    break;
                case ConvertExpr { Type: IrType.Double } c:
                    Mark(c.Operand);
                    break;
            }
        }
    }
}
