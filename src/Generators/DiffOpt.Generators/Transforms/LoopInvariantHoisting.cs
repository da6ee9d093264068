using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Moves loop-invariant double computations (<c>−c</c>, <c>0.5·dt</c> in an integrator step) out of their loop. Besides
/// saving the work, a value computed once is not a loop variable: reverse mode never tapes it.
/// </summary>
internal static class LoopInvariantHoisting
{
    public static List<IrStmt> Hoist(IReadOnlyList<IrStmt> statements)
    {
        var output = new List<IrStmt>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case LoopStmt loop:
                {
                    // Inner loops first: what leaves them may leave this one too.
                    var body = Hoist(loop.Body);
                    var step = Hoist(loop.Step);
                    var assigned = LoopVariables.AssignedIn(body.Concat(step));
                    var kept = new List<IrStmt>();
                    foreach (var candidate in body)
                    {
                        if (candidate is DeclareStmt { Type: IrType.Double, Value: { } value } declare && IsHoistable(value) && !IrRewriter.Reads(value, assigned.Contains)
                            && IrRewriter.CountDefinitions(body.Concat(step), declare.Name) == 1)
                        {
                            output.Add(candidate);
                            assigned.Remove(declare.Name);
                        }
                        else
                        {
                            kept.Add(candidate);
                        }
                    }

                    output.Add(loop with { Body = kept.ToEquatableArray(), Step = step.ToEquatableArray() });
                    break;
                }

                case IfStmt branch:
                    output.Add(branch with { Then = Hoist(branch.Then).ToEquatableArray(), Else = Hoist(branch.Else).ToEquatableArray() });
                    break;

                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    /// <summary>Pure arithmetic that cannot fail: no loads (an index may be out of range when the loop does not run), no calls, no integer division.</summary>
    private static bool IsHoistable(IrExpr value) => value switch
    {
        VarExpr or ConstExpr or OpaqueExpr or LengthExpr or DimensionExpr => true,
        ConvertExpr c => IsHoistable(c.Operand),
        UnaryExpr u => IsHoistable(u.Operand),
        BinaryExpr { Type: IrType.Int, Op: BinaryOp.Divide or BinaryOp.Remainder } => false,
        BinaryExpr b => IsHoistable(b.Left) && IsHoistable(b.Right),
        PrimitiveCallExpr p => p.Arguments.All(IsHoistable),
        _ => false,
    };

}
