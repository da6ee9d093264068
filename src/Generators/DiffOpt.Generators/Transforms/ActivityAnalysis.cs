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
}
