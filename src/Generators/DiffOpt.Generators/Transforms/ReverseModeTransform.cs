using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Reverse mode (VJP): a forward sweep that runs the primal and keeps its intermediate values, then a reverse
/// sweep that visits the definitions backwards and accumulates adjoints, <c>ā += v̄·∂f/∂a</c>. Branches replay
/// the decisions stored by the forward sweep. On prepared (SSA) code every value the reverse sweep reads still
/// sits in its own local, so straight-line code and branches need no tape and no allocation.
/// </summary>
internal sealed class ReverseModeTransform
{
    private readonly PreparedFunction function;
    private readonly HashSet<string> varied;
    private readonly Dictionary<string, string> adjoints = new();
    private readonly IReadOnlyDictionary<string, string> vectorAdjoints;
    private readonly bool skipEmptyAdjoints;
    private readonly List<string> scalarAdjointOrder = new();
    private string? discard;

    private ReverseModeTransform(PreparedFunction function, IEnumerable<string> activeInputs, IReadOnlyDictionary<string, string> vectorAdjoints, bool skipEmptyAdjoints)
    {
        this.function = function;
        this.vectorAdjoints = vectorAdjoints;
        this.skipEmptyAdjoints = skipEmptyAdjoints;
        varied = ActivityAnalysis.Varied(function.Body, activeInputs);
    }

    /// <summary>The result of the transform.</summary>
    /// <param name="ForwardSweep">The primal, with every local a derivative needs kept in scope.</param>
    /// <param name="ReverseSweep">Adjoint declarations, then the backwards accumulation.</param>
    /// <param name="ScalarAdjoints">Scalar input name → local that holds its total adjoint at the end.</param>
    internal sealed record Output(List<IrStmt> ForwardSweep, List<IrStmt> ReverseSweep, IReadOnlyDictionary<string, string> ScalarAdjoints);

    /// <summary>
    /// Differentiates <paramref name="function"/> with respect to <paramref name="activeInputs"/>, seeding the result's
    /// adjoint with <paramref name="seed"/>. Adjoints of vector inputs accumulate into the spans named by
    /// <paramref name="vectorAdjoints"/>; with <paramref name="skipEmptyAdjoints"/> an empty span is skipped.
    /// </summary>
    public static Output Transform(PreparedFunction function, IEnumerable<string> activeInputs, IReadOnlyDictionary<string, string> vectorAdjoints, IrExpr seed, bool skipEmptyAdjoints)
    {
        var active = activeInputs.ToList();
        var transform = new ReverseModeTransform(function, active, vectorAdjoints, skipEmptyAdjoints);
        var forward = BranchLocalHoisting.Hoist(function.Body);

        var reverse = new List<IrStmt>();
        var resultAdjoint = transform.Adjoint(function.Result);
        reverse.Add(new AssignStmt(resultAdjoint, seed));
        transform.ReverseBlock(function.Body, reverse);

        // Adjoints start at zero; declared up front so every branch of the reverse sweep can add to them.
        var declarations = new List<IrStmt>();
        foreach (var name in transform.scalarAdjointOrder)
        {
            declarations.Add(new DeclareStmt(name, IrType.Double, IrMath.Zero));
        }

        var scalarAdjoints = active.Where(p => transform.adjoints.ContainsKey(p)).ToDictionary(p => p, p => transform.adjoints[p]);
        foreach (var input in active.Where(p => !vectorAdjoints.ContainsKey(p) && !transform.adjoints.ContainsKey(p)))
        {
            // An input the result does not depend on still needs a (zero) adjoint local.
            var name = transform.Adjoint(input);
            declarations.Add(new DeclareStmt(name, IrType.Double, IrMath.Zero));
            scalarAdjoints[input] = name;
        }

        declarations.AddRange(reverse);
        return new Output(forward, declarations, scalarAdjoints);
    }

    private void ReverseBlock(IReadOnlyList<IrStmt> statements, List<IrStmt> output)
    {
        for (var i = statements.Count - 1; i >= 0; i--)
        {
            switch (statements[i])
            {
                case DeclareStmt { Type: IrType.Double, Value: { } value } declare when varied.Contains(declare.Name):
                    Propagate(declare.Name, value, output);
                    break;
                case AssignStmt assign when varied.Contains(assign.Name) && assign.Value.Type == IrType.Double:
                    Propagate(assign.Name, assign.Value, output);
                    break;
                case IfStmt branch:
                {
                    var then = new List<IrStmt>();
                    ReverseBlock(branch.Then, then);
                    var otherwise = new List<IrStmt>();
                    ReverseBlock(branch.Else, otherwise);
                    if (then.Count > 0 || otherwise.Count > 0)
                    {
                        output.Add(new IfStmt(branch.Condition, then.ToEquatableArray(), otherwise.ToEquatableArray()));
                    }

                    break;
                }
            }
        }
    }

    /// <summary>Adds the contributions of <c>name = value</c> to the adjoints of value's operands.</summary>
    private void Propagate(string name, IrExpr value, List<IrStmt> output)
    {
        var bar = new VarExpr(Adjoint(name), IrType.Double);
        var result = new VarExpr(name, IrType.Double);
        switch (value)
        {
            case VarExpr v:
                Accumulate(v, bar, output);
                break;
            case UnaryExpr { Op: UnaryOp.Negate } u:
                Accumulate(u.Operand, IrMath.Neg(bar), output);
                break;
            case BinaryExpr { Op: BinaryOp.Add } b:
                Accumulate(b.Left, bar, output);
                Accumulate(b.Right, bar, output);
                break;
            case BinaryExpr { Op: BinaryOp.Subtract } b:
                Accumulate(b.Left, bar, output);
                Accumulate(b.Right, IrMath.Neg(bar), output);
                break;
            case BinaryExpr { Op: BinaryOp.Multiply } b:
                Accumulate(b.Left, IrMath.Mul(bar, b.Right), output);
                Accumulate(b.Right, IrMath.Mul(bar, b.Left), output);
                break;
            case BinaryExpr { Op: BinaryOp.Divide } b:
                // v = u / w: ū += v̄ / w, w̄ −= v̄·v / w.
                Accumulate(b.Left, IrMath.Div(bar, b.Right), output);
                Accumulate(b.Right, IrMath.Neg(IrMath.Div(IrMath.Mul(bar, result), b.Right)), output);
                break;
            case PrimitiveCallExpr p:
                for (var i = 0; i < p.Arguments.Count; i++)
                {
                    if (IsVariedAtom(p.Arguments[i]))
                    {
                        Accumulate(p.Arguments[i], IrMath.Mul(bar, PrimitiveTable.Partial(p.Function, p.Arguments, result, i)), output);
                    }
                }

                break;
            case MethodCallExpr call:
                output.Add(PullbackCall(call, bar));
                break;
            case LoadExpr load when varied.Contains(load.Array):
                output.Add(new AccumulateElementStmt(vectorAdjoints[load.Array], load.Index, bar, skipEmptyAdjoints));
                break;
        }
    }

    private CallStmt PullbackCall(MethodCallExpr call, IrExpr seed)
    {
        var arguments = call.Arguments.Select(a => new CallArgument(ArgumentKind.Value, a)).ToList();
        arguments.Add(new CallArgument(ArgumentKind.Value, seed));
        for (var i = 0; i < call.Callee.Parameters.Count; i++)
        {
            var parameter = call.Callee.Parameters[i];
            if (!parameter.IsDifferentiable)
            {
                continue;
            }

            var argument = call.Arguments[i];
            if (parameter.Type == IrType.DoubleVector)
            {
                var span = argument is VarExpr v && varied.Contains(v.Name) ? new VarExpr(vectorAdjoints[v.Name], IrType.DoubleVector) : (IrExpr)new OpaqueExpr("default", IrType.DoubleVector);
                arguments.Add(new CallArgument(ArgumentKind.Value, span));
            }
            else
            {
                var target = IsVariedAtom(argument) ? Adjoint(((VarExpr)argument).Name) : Discard();
                arguments.Add(new CallArgument(ArgumentKind.Ref, new VarExpr(target, IrType.Double)));
            }
        }

        return new CallStmt(call.Callee.Receiver, call.Callee.Name + KnownNames.PullbackSuffix, arguments.ToEquatableArray(), null, false);
    }

    private void Accumulate(IrExpr atom, IrExpr contribution, List<IrStmt> output)
    {
        if (IsVariedAtom(atom) && !IrMath.IsConst(contribution, 0))
        {
            output.Add(new AccumulateStmt(Adjoint(((VarExpr)atom).Name), contribution));
        }
    }

    private bool IsVariedAtom(IrExpr atom) => atom is VarExpr { Type: IrType.Double } v && varied.Contains(v.Name);

    private string Adjoint(string name)
    {
        if (!adjoints.TryGetValue(name, out var adjoint))
        {
            adjoint = function.Names.Fresh(name + "Bar");
            adjoints[name] = adjoint;
            scalarAdjointOrder.Add(adjoint);
        }

        return adjoint;
    }

    private string Discard()
    {
        if (discard is null)
        {
            discard = function.Names.Fresh("unusedAdjoint");
            scalarAdjointOrder.Add(discard);
        }

        return discard;
    }
}
