using System.Collections.Generic;
using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Finds the variables a loop overwrites: everything declared or assigned inside a loop body or step. They
/// stay mutable (no SSA versions), and reverse mode saves on the tape the old values it needs back.
/// </summary>
internal static class LoopVariables
{
    public static HashSet<string> Find(IEnumerable<IrStmt> statements)
    {
        var found = new HashSet<string>();
        Visit(statements, inLoop: false, found);
        return found;
    }

    private static void Visit(IEnumerable<IrStmt> statements, bool inLoop, HashSet<string> found)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case DeclareStmt d when inLoop:
                    found.Add(d.Name);
                    break;
                case AssignStmt a when inLoop:
                    found.Add(a.Name);
                    break;
                case IfStmt i:
                    Visit(i.Then, inLoop, found);
                    Visit(i.Else, inLoop, found);
                    break;
                case LoopStmt l:
                    Visit(l.Body, inLoop: true, found);
                    Visit(l.Step, inLoop: true, found);
                    break;
            }
        }
    }

    /// <summary>The variables declared or assigned anywhere in <paramref name="statements"/>, nested blocks included.</summary>
    public static HashSet<string> AssignedIn(IEnumerable<IrStmt> statements)
    {
        var found = new HashSet<string>();
        Visit(statements, inLoop: true, found);
        return found;
    }
}
