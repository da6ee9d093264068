using System;
using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Removes <c>break</c>, <c>continue</c> and <c>return</c> from functions with loops: each jump sets a flag,
/// the statements it would skip run under <c>if (!flag)</c>, and loop conditions test the break and return
/// flags. The result has one exit and only structured control flow, which is what the transforms replay
/// (Tapenade handles jumps the same way, by recording control decisions).
/// </summary>
internal sealed class JumpElimination
{
    [Flags]
    private enum Jumps
    {
        None = 0,
        Break = 1,
        Continue = 2,
        Return = 4,
    }

    private readonly NameScope names;
    private readonly string result;
    private readonly string returned;

    private JumpElimination(NameScope names, string result)
    {
        this.names = names;
        this.result = result;
        returned = names.Fresh("returned");
    }

    /// <summary>Whether the statements contain a loop (then this pass, rather than <see cref="ReturnNormalization"/>, gives a single exit).</summary>
    public static bool ContainsLoop(IEnumerable<IrStmt> statements) =>
        statements.Any(s => s is LoopStmt || (s is IfStmt i && (ContainsLoop(i.Then) || ContainsLoop(i.Else))));

    public static List<IrStmt> Eliminate(IReadOnlyList<IrStmt> body, string result, NameScope names)
    {
        var pass = new JumpElimination(names, result);
        var output = new List<IrStmt>
        {
            // Zero-initialised: the compiler cannot prove a flag-guarded path assigns it.
            new DeclareStmt(result, IrType.Double, IrMath.Zero),
            new DeclareStmt(pass.returned, IrType.Bool, False),
        };
        output.AddRange(pass.Structure(body, null).Output);
        return output;
    }

    private static ConstExpr False => new(0, IrType.Bool);

    private static ConstExpr True => new(1, IrType.Bool);

    private (List<IrStmt> Output, Jumps Jumps) Structure(IReadOnlyList<IrStmt> statements, LoopFlags? loop)
    {
        var output = new List<IrStmt>();
        for (var i = 0; i < statements.Count; i++)
        {
            Jumps jumps;
            switch (statements[i])
            {
                case ReturnStmt ret:
                    if (ret.Value is not null)
                    {
                        output.Add(new AssignStmt(result, ret.Value));
                    }

                    output.Add(new AssignStmt(returned, True));
                    return (output, Jumps.Return);

                case BreakStmt:
                    output.Add(new AssignStmt(loop!.Break, True));
                    return (output, Jumps.Break);

                case ContinueStmt:
                    output.Add(new AssignStmt(loop!.Continue, True));
                    return (output, Jumps.Continue);

                case IfStmt branch:
                {
                    var (then, thenJumps) = Structure(branch.Then, loop);
                    var (otherwise, elseJumps) = Structure(branch.Else, loop);
                    output.Add(new IfStmt(branch.Condition, then.ToEquatableArray(), otherwise.ToEquatableArray()));
                    jumps = thenJumps | elseJumps;
                    break;
                }

                case LoopStmt inner:
                {
                    var flags = new LoopFlags(names.Numbered("breakLoop"), names.Numbered("continueLoop"));
                    var (body, bodyJumps) = Structure(inner.Body, flags);
                    var (step, _) = Structure(inner.Step, flags);
                    var condition = inner.Condition;
                    if ((bodyJumps & Jumps.Break) != 0)
                    {
                        output.Add(new DeclareStmt(flags.Break, IrType.Bool, False));
                        condition = And(Not(flags.Break), condition);
                    }

                    if ((bodyJumps & Jumps.Return) != 0)
                    {
                        condition = And(Not(returned), condition);
                    }

                    if ((bodyJumps & Jumps.Continue) != 0)
                    {
                        body.Insert(0, new DeclareStmt(flags.Continue, IrType.Bool, False));
                    }

                    // The step runs after a continue, but not after a break or return.
                    var stepGuard = Guard(bodyJumps & ~Jumps.Continue, flags);
                    var guardedStep = stepGuard is null || step.Count == 0
                        ? step
                        : new List<IrStmt> { new IfStmt(stepGuard, step.ToEquatableArray(), EquatableArray<IrStmt>.Empty) };
                    output.Add(new LoopStmt(condition, body.ToEquatableArray(), guardedStep.ToEquatableArray()));
                    jumps = bodyJumps & Jumps.Return;
                    break;
                }

                default:
                    output.Add(statements[i]);
                    continue;
            }

            if (jumps != Jumps.None && i + 1 < statements.Count)
            {
                // The rest of the block runs only if no jump was taken.
                var (rest, restJumps) = Structure(statements.Skip(i + 1).ToList(), loop);
                if (rest.Count > 0)
                {
                    output.Add(new IfStmt(Guard(jumps, loop)!, rest.ToEquatableArray(), EquatableArray<IrStmt>.Empty));
                }

                return (output, jumps | restJumps);
            }

            if (jumps != Jumps.None)
            {
                return (output, jumps);
            }
        }

        return (output, Jumps.None);
    }

    /// <summary>The condition under which none of <paramref name="jumps"/> was taken, or null for none.</summary>
    private IrExpr? Guard(Jumps jumps, LoopFlags? loop)
    {
        IrExpr? guard = null;
        if ((jumps & Jumps.Break) != 0)
        {
            guard = And(guard, Not(loop!.Break));
        }

        if ((jumps & Jumps.Continue) != 0)
        {
            guard = And(guard, Not(loop!.Continue));
        }

        if ((jumps & Jumps.Return) != 0)
        {
            guard = And(guard, Not(returned));
        }

        return guard;
    }

    private static IrExpr Not(string flag) => new UnaryExpr(UnaryOp.Not, new VarExpr(flag, IrType.Bool), IrType.Bool);

    private static IrExpr And(IrExpr? left, IrExpr right) =>
        left is null ? right : right is ConstExpr { Value: 1 } ? left : new BinaryExpr(BinaryOp.And, left, right, IrType.Bool);

    private sealed record LoopFlags(string Break, string Continue);
}
