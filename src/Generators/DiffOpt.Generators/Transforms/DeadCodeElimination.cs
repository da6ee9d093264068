using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Removes definitions of locals that nothing reads (SSA merges of variables that are dead after a branch,
/// values computed only for a discarded result). Every IR expression is pure, so dropping them is safe, and
/// each dropped local is one less adjoint in the reverse sweep.
/// </summary>
internal static class DeadCodeElimination
{
    /// <summary>Removes dead definitions; <paramref name="live"/> are the function's results (its value, its output spans).</summary>
    public static List<IrStmt> Run(List<IrStmt> body, IReadOnlyCollection<string> live)
    {
        while (true)
        {
            var read = new HashSet<string>(live);
            CollectReads(body, read);
            var changed = false;
            var pruned = Prune(body, read, ref changed);
            if (!changed)
            {
                return pruned;
            }

            body = pruned;
        }
    }

    private static List<IrStmt> Prune(IEnumerable<IrStmt> block, HashSet<string> read, ref bool changed)
    {
        var output = new List<IrStmt>();
        foreach (var statement in block)
        {
            switch (statement)
            {
                case DeclareStmt d when !read.Contains(d.Name):
                case AssignStmt a when !read.Contains(a.Name):
                case DeclareArrayStmt arr when !read.Contains(arr.Name):
                case StoreStmt st when !read.Contains(st.Array):
                    changed = true;
                    break;
                case LoopStmt l:
                    output.Add(l with { Body = Prune(l.Body, read, ref changed).ToEquatableArray(), Step = Prune(l.Step, read, ref changed).ToEquatableArray() });
                    break;
                case IfStmt i:
                {
                    var then = Prune(i.Then, read, ref changed);
                    var otherwise = Prune(i.Else, read, ref changed);
                    if (then.Count == 0 && otherwise.Count == 0)
                    {
                        changed = true;
                        break;
                    }

                    output.Add(i with { Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() });
                    break;
                }

                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    private static void CollectReads(IEnumerable<IrStmt> block, HashSet<string> read)
    {
        foreach (var statement in block)
        {
            switch (statement)
            {
                case DeclareStmt { Value: { } value }:
                    Collect(value, read);
                    break;
                case AssignStmt a:
                    Collect(a.Value, read);
                    break;
                case ReturnStmt { Value: { } value }:
                    Collect(value, read);
                    break;
                case IfStmt i:
                    Collect(i.Condition, read);
                    CollectReads(i.Then, read);
                    CollectReads(i.Else, read);
                    break;
                case LoopStmt l:
                    Collect(l.Condition, read);
                    CollectReads(l.Body, read);
                    CollectReads(l.Step, read);
                    break;
                case DeclareArrayStmt arr:
                    Collect(arr.Length, read);
                    break;
                case StoreStmt st:
                    Collect(st.Index, read);
                    Collect(st.Value, read);
                    break;
                case CallMethodStmt call:
                    foreach (var argument in call.Arguments)
                    {
                        Collect(argument, read);
                    }

                    break;
            }
        }
    }

    private static void Collect(IrExpr expression, HashSet<string> read) => IrRewriter.CollectReads(expression, read);
}
