using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Gives a function a single exit: every <c>return e;</c> becomes an assignment of the result local, and
/// the code after an <c>if</c> that returns on some path moves into the branches that fall through. The
/// reverse sweep then has one place to start from.
/// </summary>
internal static class ReturnNormalization
{
    /// <summary>Rewrites <paramref name="body"/>; the result ends up in the (declared) local <paramref name="result"/>.</summary>
    public static List<IrStmt> Normalize(IReadOnlyList<IrStmt> body, string result)
    {
        var output = new List<IrStmt> { new DeclareStmt(result, IrType.Double, null) };
        output.AddRange(NormalizeBlock(body, result));
        return output;
    }

    private static List<IrStmt> NormalizeBlock(IReadOnlyList<IrStmt> statements, string result)
    {
        var output = new List<IrStmt>();
        for (var i = 0; i < statements.Count; i++)
        {
            switch (statements[i])
            {
                case ReturnStmt ret:
                    if (ret.Value is not null)
                    {
                        output.Add(new AssignStmt(result, ret.Value));
                    }

                    return output; // anything after a return is unreachable

                case IfStmt branch when IrRewriter.ContainsReturn(new[] { branch }):
                {
                    // The rest of the block runs only on paths that fall through, so it joins each branch;
                    // a branch that always returns drops it again as unreachable.
                    var rest = statements.Skip(i + 1).ToList();
                    var then = NormalizeBlock(branch.Then.Concat(rest).ToList(), result);
                    var otherwise = NormalizeBlock(branch.Else.Concat(rest).ToList(), result);
                    output.Add(new IfStmt(branch.Condition, then.ToEquatableArray(), otherwise.ToEquatableArray()));
                    return output;
                }

                default:
                    output.Add(statements[i]);
                    break;
            }
        }

        return output;
    }
}
