using System.Collections.Generic;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Moves declarations out of branches and loops to the top of the forward sweep, so the reverse sweep (a
/// second <c>if</c> on the same stored condition, a second loop) can read them. They start at zero: the
/// compiler cannot see that both <c>if</c>s take the same branch, and a zero store costs nothing next to the
/// work being differentiated.
/// </summary>
internal static class NestedLocalHoisting
{
    public static List<IrStmt> Hoist(IReadOnlyList<IrStmt> body)
    {
        var hoisted = new List<IrStmt>();
        var rewritten = new List<IrStmt>();
        foreach (var statement in body)
        {
            rewritten.Add(statement switch
            {
                IfStmt branch => Rewrite(branch, hoisted),
                LoopStmt loop => loop with { Body = RewriteBlock(loop.Body, hoisted).ToEquatableArray(), Step = RewriteBlock(loop.Step, hoisted).ToEquatableArray() },

                // A local assigned only inside a branch is read again inside the replayed branch.
                DeclareStmt { Value: null } declare => declare with { Value = new ConstExpr(0, declare.Type) },
                _ => statement,
            });
        }

        hoisted.AddRange(rewritten);
        return hoisted;
    }

    private static IfStmt Rewrite(IfStmt branch, List<IrStmt> hoisted) => branch with
    {
        Then = RewriteBlock(branch.Then, hoisted).ToEquatableArray(),
        Else = RewriteBlock(branch.Else, hoisted).ToEquatableArray(),
    };

    private static List<IrStmt> RewriteBlock(IEnumerable<IrStmt> block, List<IrStmt> hoisted)
    {
        var output = new List<IrStmt>();
        foreach (var statement in block)
        {
            switch (statement)
            {
                case DeclareStmt declare:
                    hoisted.Add(new DeclareStmt(declare.Name, declare.Type, new ConstExpr(0, declare.Type)));
                    if (declare.Value is not null)
                    {
                        output.Add(new AssignStmt(declare.Name, declare.Value));
                    }

                    break;
                case IfStmt nested:
                    output.Add(Rewrite(nested, hoisted));
                    break;
                case LoopStmt loop:
                    output.Add(loop with { Body = RewriteBlock(loop.Body, hoisted).ToEquatableArray(), Step = RewriteBlock(loop.Step, hoisted).ToEquatableArray() });
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }
}
