using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Reverse mode (VJP): a forward sweep that runs the primal and keeps what the reverse sweep needs, then a
/// reverse sweep that visits the definitions backwards and accumulates adjoints, <c>ā += v̄·∂f/∂a</c>.
/// <list type="bullet">
/// <item>Outside loops the prepared code is in SSA form: every value the reverse sweep reads still sits in its
/// own local, so straight-line code and branches need no tape and no allocation.</item>
/// <item>Loops overwrite their variables. Before a loop variable is overwritten, its old value is pushed on a
/// pooled tape, but only if the reverse sweep reads it (an operand of a nonlinear operation, an index, a branch
/// flag: a simple form of Tapenade's to-be-recorded analysis). Each loop counts its trips; the reverse sweep runs
/// the body backwards that many times, popping values back as it goes.</item>
/// <item>Branches replay the decisions stored by the forward sweep.</item>
/// </list>
/// </summary>
internal sealed class ReverseModeTransform
{
    private readonly PreparedFunction function;
    private readonly HashSet<string> varied;
    private readonly HashSet<string> needed;
    private readonly Dictionary<LoopStmt, HashSet<string>> savedPerLoop = new(ReferenceComparer<LoopStmt>.Instance);
    private HashSet<string>? savedInCurrentLoop;
    private readonly Dictionary<string, string> adjoints = new();
    private readonly Dictionary<string, string> vectorAdjoints;
    private readonly bool skipEmptyAdjoints;
    private readonly List<string> scalarAdjointOrder = new();
    private readonly List<string> localArrayAdjoints = new();
    private readonly Dictionary<LoopStmt, string> tripCounters = new(ReferenceComparer<LoopStmt>.Instance);
    private readonly HashSet<IrStmt> recomputed = new(ReferenceComparer<IrStmt>.Instance);
    private readonly HashSet<string> overwrittenArrays = new();
    private readonly Dictionary<LoopStmt, CountedLoop?> countedLoops = new(ReferenceComparer<LoopStmt>.Instance);
    private string? tape;
    private string? discard;

    private ReverseModeTransform(PreparedFunction function, IEnumerable<string> activeInputs, IReadOnlyDictionary<string, string> vectorAdjoints, bool skipEmptyAdjoints)
    {
        this.function = function;
        this.vectorAdjoints = vectorAdjoints.ToDictionary(p => p.Key, p => p.Value);
        this.skipEmptyAdjoints = skipEmptyAdjoints;
        var inputs = activeInputs.ToList();
        varied = ActivityAnalysis.Varied(function.Body, inputs);

        // Only values that reach the result (or the outputs) need adjoints: a search whose distances only feed
        // comparisons, or a call under Ad.StopGradient, gets no reverse code and no tape.
        varied.IntersectWith(ActivityAnalysis.Useful(function.Body, function.Source.Parameters.Where(p => p.IsOutput).Select(p => p.Name).Append(function.Result)));
        varied.UnionWith(inputs);
        needed = NeededInReverse(function.Body);
        FindReloads(function.Body);
        FindOverwrittenArrays(function.Body);
        FindSavedPerLoop(function.Body, new HashSet<string>());
    }

    /// <summary>While an outermost loop is augmented or reversed, its statements save what <see cref="savedPerLoop"/> says.</summary>
    private LoopScope EnterOutermostLoop(IrStmt statement, bool inLoop)
    {
        if (inLoop || statement is not LoopStmt loop || !savedPerLoop.TryGetValue(loop, out var saved))
        {
            return new LoopScope(null);
        }

        savedInCurrentLoop = saved;
        return new LoopScope(this);
    }

    private readonly struct LoopScope(ReverseModeTransform? owner) : System.IDisposable
    {
        public void Dispose()
        {
            if (owner is not null)
            {
                owner.savedInCurrentLoop = null;
            }
        }
    }

    /// <summary>
    /// For each outermost loop, the variables it must save before overwriting: those the reverse sweep reads inside it,
    /// or reads in statements before it (whose reverse runs after the loop's has restored the older values). A value
    /// read only after the loop (<c>Math.Log(sum)</c> after summing) is read while it still holds its final value, so
    /// the loop keeps no history of it.
    /// </summary>
    private void FindSavedPerLoop(IEnumerable<IrStmt> statements, HashSet<string> readsBefore)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case LoopStmt loop:
                {
                    var inside = NeededInReverse(loop.Body.Concat(loop.Step));
                    CollectRecomputedReads(loop.Body.Concat(loop.Step), inside);
                    var saved = new HashSet<string>(readsBefore);
                    saved.UnionWith(inside);
                    saved.IntersectWith(needed);
                    savedPerLoop[loop] = saved;
                    readsBefore.UnionWith(inside);
                    break;
                }

                case IfStmt branch:
                    readsBefore.UnionWith(NeededInReverse(new[] { new IfStmt(branch.Condition, EquatableArray<IrStmt>.Empty, EquatableArray<IrStmt>.Empty) }));
                    FindSavedPerLoop(branch.Then, readsBefore);
                    FindSavedPerLoop(branch.Else, readsBefore);
                    break;

                default:
                    readsBefore.UnionWith(NeededInReverse(new[] { statement }));
                    break;
            }
        }
    }

    private void CollectRecomputedReads(IEnumerable<IrStmt> statements, HashSet<string> reads)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case DeclareStmt { Value: { } value } when recomputed.Contains(statement):
                    IrRewriter.CollectReads(value, reads);
                    break;
                case IfStmt branch:
                    CollectRecomputedReads(branch.Then, reads);
                    CollectRecomputedReads(branch.Else, reads);
                    break;
                case LoopStmt inner:
                    CollectRecomputedReads(inner.Body.Concat(inner.Step), reads);

                    // The reverse of an inner loop recomputes its counter from its start: it reads both.
                    IrRewriter.CollectReads(inner.Condition, reads);
                    break;
            }
        }
    }

    private void FindOverwrittenArrays(IEnumerable<IrStmt> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case StoreStmt store:
                    overwrittenArrays.Add(store.Array);
                    break;
                case CallMethodStmt call:
                    for (var i = 0; i < call.Arguments.Count; i++)
                    {
                        if (call.Callee.Parameters[i].IsOutput && call.Arguments[i] is VarExpr output)
                        {
                            overwrittenArrays.Add(output.Name);
                        }
                    }

                    break;
                case IfStmt branch:
                    FindOverwrittenArrays(branch.Then);
                    FindOverwrittenArrays(branch.Else);
                    break;
                case LoopStmt loop:
                    FindOverwrittenArrays(loop.Body);
                    FindOverwrittenArrays(loop.Step);
                    break;
            }
        }
    }

    /// <summary>
    /// Finds loads from read-only inputs in loop bodies (<c>xi = x[i]</c>) that the reverse sweep can simply repeat: the
    /// input never changes, and the index reads only variables the body does not assign (the counter, restored with
    /// the step). Those are reloaded at the start of each reverse iteration instead of taking tape space.
    /// </summary>
    private void FindReloads(IEnumerable<IrStmt> statements)
    {
        var readOnlyInputs = new HashSet<string>(function.Source.Parameters
            .Where(p => p.Kind is IrParameterKind.DoubleArray or IrParameterKind.ReadOnlySpan or IrParameterKind.Matrix)
            .Select(p => p.Name));
        Visit(statements);

        void Visit(IEnumerable<IrStmt> block)
        {
            foreach (var statement in block)
            {
                switch (statement)
                {
                    case LoopStmt loop:
                    {
                        // Walk the body in order: a definition is recomputable when it is cheap arithmetic over loads from
                        // read-only inputs, loop-invariant values and earlier recomputable definitions.
                        var assignedInBody = Transforms.LoopVariables.AssignedIn(loop.Body);
                        var available = new HashSet<string>();
                        foreach (var candidate in loop.Body)
                        {
                            if (candidate is DeclareStmt { Value: { } value } definition
                                && definition.Type is IrType.Double or IrType.Int
                                && definition.Name != function.Result
                                && IrRewriter.CountDefinitions(loop.Body.Concat(loop.Step), definition.Name) == 1
                                && IsRecomputable(value, readOnlyInputs, assignedInBody, available))
                            {
                                available.Add(definition.Name);
                                recomputed.Add(candidate);

                                // The recomputation reads the loop counter and invariants: the reverse sweep needs them restored.
                                IrRewriter.CollectReads(value, needed);
                            }
                        }

                        Visit(loop.Body);
                        break;
                    }

                    case IfStmt branch:
                        Visit(branch.Then);
                        Visit(branch.Else);
                        break;
                }
            }
        }
    }

    private static bool IsRecomputable(IrExpr value, HashSet<string> readOnlyInputs, HashSet<string> assignedInBody, HashSet<string> available) => value switch
    {
        VarExpr v => !assignedInBody.Contains(v.Name) || available.Contains(v.Name),
        ConstExpr or OpaqueExpr or LengthExpr or DimensionExpr => true,
        LoadExpr l => readOnlyInputs.Contains(l.Array) && IsRecomputable(l.Index, readOnlyInputs, assignedInBody, available),
        MatrixLoadExpr m => readOnlyInputs.Contains(m.Array) && IsRecomputable(m.Row, readOnlyInputs, assignedInBody, available) && IsRecomputable(m.Column, readOnlyInputs, assignedInBody, available),
        ConvertExpr c => IsRecomputable(c.Operand, readOnlyInputs, assignedInBody, available),
        UnaryExpr u => IsRecomputable(u.Operand, readOnlyInputs, assignedInBody, available),
        // Int division is cheap next to a tape push, but only a non-zero constant divisor cannot throw where it is recomputed.
        BinaryExpr { Type: IrType.Int, Op: BinaryOp.Divide or BinaryOp.Remainder } d
            => d.Right is ConstExpr { Value: not 0 } && IsRecomputable(d.Left, readOnlyInputs, assignedInBody, available),
        BinaryExpr b => IsRecomputable(b.Left, readOnlyInputs, assignedInBody, available) && IsRecomputable(b.Right, readOnlyInputs, assignedInBody, available),

        // Cheap primitives only: recomputing exp or sin would cost more than taping their values.
        PrimitiveCallExpr { Function: Primitive.Abs or Primitive.Max or Primitive.Min or Primitive.Clamp or Primitive.Floor or Primitive.Ceiling or Primitive.Truncate or Primitive.Round } p
            => p.Arguments.All(a => IsRecomputable(a, readOnlyInputs, assignedInBody, available)),
        _ => false,
    };

    /// <summary>The result of the transform.</summary>
    /// <param name="ForwardSweep">The primal, with every local a derivative needs kept in scope and the tape pushes.</param>
    /// <param name="ReverseSweep">Adjoint declarations, then the backwards accumulation.</param>
    /// <param name="ScalarAdjoints">Scalar input name → local that holds its total adjoint at the end.</param>
    internal sealed record Output(List<IrStmt> ForwardSweep, List<IrStmt> ReverseSweep, IReadOnlyDictionary<string, string> ScalarAdjoints);

    /// <summary>
    /// Differentiates <paramref name="function"/> with respect to <paramref name="activeInputs"/>, seeding the result's
    /// adjoint with <paramref name="seed"/>. Adjoints of vector inputs accumulate into the spans named by
    /// <paramref name="vectorAdjoints"/>; with <paramref name="skipEmptyAdjoints"/> an empty span is skipped.
    /// </summary>
    public static Output Transform(PreparedFunction function, IEnumerable<string> activeInputs, IReadOnlyDictionary<string, string> vectorAdjoints, IrExpr? seed, bool skipEmptyAdjoints)
    {
        var active = activeInputs.ToList();
        var transform = new ReverseModeTransform(function, active, vectorAdjoints, skipEmptyAdjoints);

        var augmented = transform.Augment(function.Body, inLoop: false);
        augmented.InsertRange(0, transform.tripCounters.Values.Concat(transform.countedLoops.Values.Where(c => c is not null).Select(c => c!.Start))
            .Select(name => new DeclareStmt(name, IrType.Int, ConstExpr.Int(0))));
        var forward = NestedLocalHoisting.Hoist(augmented);
        if (transform.tape is not null)
        {
            forward.Insert(0, new RentTapeStmt(transform.tape));
        }

        var reverse = new List<IrStmt>();
        if (seed is not null)
        {
            // A vector-valued function has no result to seed: its output spans' adjoints arrive in vectorAdjoints.
            reverse.Add(new AssignStmt(transform.Adjoint(function.Result), seed));
        }

        transform.ReverseBlock(function.Body, reverse, inLoop: false);
        if (transform.tape is not null)
        {
            reverse.Add(new ReturnTapeStmt(transform.tape));
        }

        // Adjoints start at zero; declared up front so every branch and loop of the reverse sweep can add to them.
        var declarations = new List<IrStmt>();
        foreach (var name in transform.scalarAdjointOrder)
        {
            declarations.Add(new DeclareStmt(name, IrType.Double, IrMath.Zero));
        }

        foreach (var array in transform.localArrayAdjoints)
        {
            declarations.Add(new DeclareArrayStmt(transform.vectorAdjoints[array], new LengthExpr(array)));
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
        return new Output(forward, AdjointInitialization.Apply(declarations), scalarAdjoints);
    }

    /// <summary>The forward sweep: the primal plus tape pushes and trip counters.</summary>
    private List<IrStmt> Augment(IEnumerable<IrStmt> statements, bool inLoop)
    {
        var output = new List<IrStmt>();
        foreach (var statement in statements)
        {
            using var scope = EnterOutermostLoop(statement, inLoop);
            switch (statement)
            {
                case IfStmt branch:
                    output.Add(branch with { Then = Augment(branch.Then, inLoop).ToEquatableArray(), Else = Augment(branch.Else, inLoop).ToEquatableArray() });
                    break;

                case LoopStmt loop when !HasReverseWork(loop):
                    // Nothing in it reaches the result (a search, a count): it runs once, forwards only. What it overwrites
                    // that the reverse sweep reads is saved around it, as for a single assignment.
                    output.AddRange(SavedAroundInactiveLoop(loop).Select(saved => new PushStmt(Tape(), new VarExpr(saved.Name, saved.Type))));
                    output.Add(loop);
                    break;

                case LoopStmt loop:
                {
                    var trips = TripCounter(loop);
                    if (inLoop)
                    {
                        // An inner loop's trip count is per execution: keep each one for the reverse sweep.
                        output.Add(new PushStmt(Tape(), new VarExpr(trips, IrType.Int)));
                    }

                    output.Add(new AssignStmt(trips, ConstExpr.Int(0)));
                    var step = loop.Step;
                    if (CountedLoopOf(loop) is { } counted)
                    {
                        // Remember where the counter starts; the reverse sweep recomputes it from there.
                        if (inLoop)
                        {
                            output.Add(new PushStmt(Tape(), new VarExpr(counted.Start, IrType.Int)));
                        }

                        output.Add(new AssignStmt(counted.Start, new VarExpr(counted.Counter, IrType.Int)));
                    }
                    else
                    {
                        step = Augment(loop.Step, inLoop: true).ToEquatableArray();
                    }

                    var body = new List<IrStmt> { new AssignStmt(trips, new BinaryExpr(BinaryOp.Add, new VarExpr(trips, IrType.Int), ConstExpr.Int(1), IrType.Int)) };
                    body.AddRange(Augment(loop.Body, inLoop: true));
                    output.Add(loop with { Body = body.ToEquatableArray(), Step = step });
                    break;
                }

                default:
                    if (SavedBeforeOverwrite(statement, inLoop) is { } saved)
                    {
                        output.Add(new PushStmt(Tape(), new VarExpr(saved.Name, saved.Type)));
                    }

                    foreach (var array in ArraysToSnapshot(statement))
                    {
                        output.Add(new PushArrayStmt(Tape(), array));
                    }

                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    /// <summary>
    /// The arrays a call reads that something overwrites later (a local array or an output filled again): their contents
    /// at the call are saved, because the callee's pullback recomputes from them in the reverse sweep.
    /// </summary>
    private IEnumerable<string> ArraysToSnapshot(IrStmt statement)
    {
        var (callee, arguments, pulledBack) = statement switch
        {
            CallMethodStmt c => (c.Callee, c.Arguments, IsPulledBack(c)),
            DeclareStmt { Value: MethodCallExpr m } d => (m.Callee, m.Arguments, varied.Contains(d.Name)),
            AssignStmt { Value: MethodCallExpr m } a => (m.Callee, m.Arguments, varied.Contains(a.Name)),
            _ => (null, default(EquatableArray<IrExpr>), false),
        };
        if (callee is null || !pulledBack)
        {
            yield break;
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            if (!callee.Parameters[i].IsOutput && arguments[i] is VarExpr { Type: IrType.DoubleVector } array && overwrittenArrays.Contains(array.Name))
            {
                yield return array.Name;
            }
        }
    }

    /// <summary>The variable whose old value <paramref name="statement"/> must push, or null.</summary>
    private (string Name, IrType Type)? SavedBeforeOverwrite(IrStmt statement, bool inLoop)
    {
        var (name, type, isDeclaration) = statement switch
        {
            DeclareStmt d => (d.Name, d.Type, true),
            AssignStmt a => (a.Name, TypeOfDefinition(a), false),
            _ => (null, IrType.Double, false),
        };
        // The result is assigned once on every path that reaches the end (returns are single-exit flags), so there is
        // never an older value of it to bring back.
        if (name is null || name == function.Result || !function.LoopVariables.Contains(name) || !(savedInCurrentLoop ?? needed).Contains(name) || recomputed.Contains(statement))
        {
            return null;
        }

        // A declaration outside loops is the first definition: nothing to save.
        return inLoop || !isDeclaration ? (name, type) : null;
    }

    private IrType TypeOfDefinition(AssignStmt assign) => assign.Value.Type == IrType.DoubleVector ? IrType.Double : assign.Value.Type;

    private void ReverseBlock(IReadOnlyList<IrStmt> statements, List<IrStmt> output, bool inLoop)
    {
        for (var i = statements.Count - 1; i >= 0; i--)
        {
            var statement = statements[i];
            using var scope = EnterOutermostLoop(statement, inLoop);
            foreach (var array in ArraysToSnapshot(statement).Reverse())
            {
                // The callee's pullback must see its array inputs as they were at the call.
                output.Add(new PopArrayStmt(Tape(), array));
            }

            switch (statement)
            {
                case DeclareStmt { Type: IrType.Double, Value: { } value } declare when varied.Contains(declare.Name):
                    Propagate(declare.Name, value, output);
                    break;
                case AssignStmt assign when varied.Contains(assign.Name) && assign.Value.Type == IrType.Double:
                    Propagate(assign.Name, assign.Value, output);
                    break;
                case StoreStmt store when varied.Contains(store.Array):
                {
                    // a[i] = u: ū += ā[i], and the overwritten element's adjoint starts again from zero.
                    var adjoint = vectorAdjoints[store.Array];
                    var mayBeEmpty = skipEmptyAdjoints && !IsLocalArray(store.Array);
                    Accumulate(store.Value, new LoadExpr(adjoint, store.Index, mayBeEmpty), output);
                    IrStmt clear = new StoreStmt(adjoint, store.Index, IrMath.Zero);
                    output.Add(mayBeEmpty ? new IfStmt(new OpaqueExpr("!" + adjoint + ".IsEmpty", IrType.Bool), EquatableArray.Of(clear), EquatableArray<IrStmt>.Empty) : clear);
                    break;
                }

                case CallMethodStmt call when IsPulledBack(call):
                    output.Add(PullbackOfCall(call));
                    break;

                case IfStmt branch:
                {
                    var then = new List<IrStmt>();
                    ReverseBlock(branch.Then, then, inLoop);
                    var otherwise = new List<IrStmt>();
                    ReverseBlock(branch.Else, otherwise, inLoop);
                    if (then.Count > 0 || otherwise.Count > 0)
                    {
                        output.Add(new IfStmt(branch.Condition, then.ToEquatableArray(), otherwise.ToEquatableArray()));
                    }

                    break;
                }

                case LoopStmt loop when !HasReverseWork(loop):
                    foreach (var restored in SavedAroundInactiveLoop(loop).Reverse())
                    {
                        output.Add(new PopStmt(Tape(), restored.Name, restored.Type));
                    }

                    break;

                case LoopStmt loop:
                {
                    // One reverse iteration: undo the step (restoring the counter), reload what is cheaper to reload
                    // than to keep, then the body backwards.
                    var body = new List<IrStmt>();
                    var iteration = function.Names.Fresh("iteration");
                    if (CountedLoopOf(loop) is { } counted)
                    {
                        // counter = start + (iteration − 1)·step: recomputed, never taped.
                        var offset = new BinaryExpr(BinaryOp.Multiply, new BinaryExpr(BinaryOp.Subtract, new VarExpr(iteration, IrType.Int), ConstExpr.Int(1), IrType.Int), counted.Step, IrType.Int);
                        body.Add(new AssignStmt(counted.Counter, new BinaryExpr(counted.Direction, new VarExpr(counted.Start, IrType.Int), offset, IrType.Int)));
                    }
                    else
                    {
                        ReverseBlock(loop.Step, body, inLoop: true);
                    }

                    foreach (var reload in loop.Body.Where(recomputed.Contains).Cast<DeclareStmt>())
                    {
                        body.Add(new AssignStmt(reload.Name, reload.Value!));
                    }

                    ReverseBlock(loop.Body, body, inLoop: true);
                    var trips = TripCounter(loop);
                    output.Add(new ReverseLoopStmt(iteration, new VarExpr(trips, IrType.Int), body.ToEquatableArray()));
                    if (CountedLoopOf(loop) is { } restored)
                    {
                        // Back to its value before the loop, as the pops would have left it.
                        output.Add(new AssignStmt(restored.Counter, new VarExpr(restored.Start, IrType.Int)));
                        if (inLoop)
                        {
                            output.Add(new PopStmt(Tape(), restored.Start, IrType.Int));
                        }
                    }

                    if (inLoop)
                    {
                        output.Add(new PopStmt(Tape(), trips, IrType.Int));
                    }

                    break;
                }
            }

            if (SavedBeforeOverwrite(statement, inLoop) is { } saved)
            {
                output.Add(new PopStmt(Tape(), saved.Name, saved.Type));
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
            case BinaryExpr { Op: BinaryOp.Multiply } b when b.Left is VarExpr && b.Left == b.Right:
                // v = a·a: one contribution 2·v̄·a rather than two.
                Accumulate(b.Left, IrMath.Mul(IrMath.Mul(IrMath.Const(2), bar), b.Left), output);
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
                output.Add(new AccumulateElementStmt(vectorAdjoints[load.Array], load.Index, bar, skipEmptyAdjoints && !IsLocalArray(load.Array)));
                break;
            case MatrixLoadExpr load when varied.Contains(load.Array):
                output.Add(new AccumulateElementStmt(vectorAdjoints[load.Array], load.FlatIndex, bar, skipEmptyAdjoints));
                break;
        }

        if (function.LoopVariables.Contains(name))
        {
            // The value this definition overwrote is a different value: its adjoint starts from zero.
            output.Add(new AssignStmt(bar.Name, IrMath.Zero));
        }
    }

    private bool IsLocalArray(string name) => localArrayAdjoints.Contains(name);

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

        return new CallStmt(call.Callee.Receiver, call.Callee.Name + KnownNames.PullbackSuffix, arguments.ToEquatableArray(), null, false, call.Arguments.Count + 1);
    }

    /// <summary>
    /// Whether a vector-valued call gets its pullback: one of its outputs is active. A call whose outputs only feed
    /// comparisons has no cotangent to pull back, so its pullback (which re-runs the callee) is skipped.
    /// </summary>
    private bool IsPulledBack(CallMethodStmt call) =>
        call.Arguments.Where((a, i) => call.Callee.Parameters[i].IsOutput).Any(a => a is VarExpr v && varied.Contains(v.Name));

    /// <summary>The pullback of a vector-valued callee: reads (and clears) its outputs' adjoints, accumulates its inputs'.</summary>
    private CallStmt PullbackOfCall(CallMethodStmt call)
    {
        var arguments = call.Arguments.Select(a => new CallArgument(ArgumentKind.Value, a)).ToList();
        for (var i = 0; i < call.Callee.Parameters.Count; i++)
        {
            var parameter = call.Callee.Parameters[i];
            var argument = call.Arguments[i];
            if (parameter.IsOutput || (parameter.IsDifferentiable && parameter.Type == IrType.DoubleVector))
            {
                var span = argument is VarExpr v && varied.Contains(v.Name) ? new VarExpr(vectorAdjoints[v.Name], IrType.DoubleVector) : (IrExpr)new OpaqueExpr("default", IrType.DoubleVector);
                arguments.Add(new CallArgument(ArgumentKind.Value, span));
            }
            else if (parameter.IsDifferentiable)
            {
                var target = IsVariedAtom(argument) ? Adjoint(((VarExpr)argument).Name) : Discard();
                arguments.Add(new CallArgument(ArgumentKind.Ref, new VarExpr(target, IrType.Double)));
            }
        }

        return new CallStmt(call.Callee.Receiver, call.Callee.Name + KnownNames.PullbackSuffix, arguments.ToEquatableArray(), null, false, call.Arguments.Count);
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

    private string Tape() => tape ??= function.Names.Fresh("tape");

    /// <summary>A loop whose only step is <c>i = i ± c</c> (c constant, i untouched by the body): its counter is recomputable.</summary>
    private sealed record CountedLoop(string Counter, BinaryOp Direction, IrExpr Step, string Start);

    private CountedLoop? CountedLoopOf(LoopStmt loop)
    {
        if (countedLoops.TryGetValue(loop, out var known))
        {
            return known;
        }

        CountedLoop? counted = null;
        if (loop.Step.Count == 1
            && loop.Step[0] is AssignStmt { Value: BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract, Type: IrType.Int, Left: VarExpr counter, Right: ConstExpr { Type: IrType.Int } step } increment } assignment
            && assignment.Name == counter.Name
            && !Transforms.LoopVariables.AssignedIn(loop.Body).Contains(counter.Name))
        {
            counted = new CountedLoop(counter.Name, increment.Op, step, function.Names.Fresh(counter.Name + "Start"));
        }

        countedLoops[loop] = counted;
        return counted;
    }

    private string TripCounter(LoopStmt loop)
    {
        if (!tripCounters.TryGetValue(loop, out var counter))
        {
            counter = function.Names.Numbered("loopTrips");
            tripCounters[loop] = counter;
        }

        return counter;
    }

    /// <summary>Registers the adjoint arrays of varied local arrays and finds the variables the reverse sweep reads.</summary>
    /// <summary>Whether the reverse sweep of a loop does anything: it defines a varied value or calls a pullback.</summary>
    private bool HasReverseWork(LoopStmt loop) => HasReverseWork(loop.Body) || HasReverseWork(loop.Step);

    private bool HasReverseWork(IEnumerable<IrStmt> statements) => statements.Any(statement => statement switch
    {
        DeclareStmt { Type: IrType.Double } d => varied.Contains(d.Name),
        AssignStmt a => varied.Contains(a.Name) && a.Value.Type == IrType.Double,
        StoreStmt store => varied.Contains(store.Array),
        AccumulateStmt a => varied.Contains(a.Name),
        AccumulateElementStmt a => varied.Contains(a.Span),
        CallMethodStmt call => IsPulledBack(call),
        IfStmt branch => HasReverseWork(branch.Then) || HasReverseWork(branch.Else),
        LoopStmt inner => HasReverseWork(inner),
        _ => false,
    });

    /// <summary>
    /// The variables an inactive loop overwrites that the reverse sweep reads (declared outside it), in a stable order:
    /// pushed before the loop and popped where the reverse sweep passes it.
    /// </summary>
    private IReadOnlyList<(string Name, IrType Type)> SavedAroundInactiveLoop(LoopStmt loop)
    {
        var declaredInside = new HashSet<string>();
        var assigned = new SortedDictionary<string, IrType>(System.StringComparer.Ordinal);
        Collect(loop.Body);
        Collect(loop.Step);
        return assigned
            .Where(a => !declaredInside.Contains(a.Key) && a.Key != function.Result && needed.Contains(a.Key))
            .Select(a => (a.Key, a.Value))
            .ToList();

        void Collect(IEnumerable<IrStmt> block)
        {
            foreach (var statement in block)
            {
                switch (statement)
                {
                    case DeclareStmt d:
                        declaredInside.Add(d.Name);
                        break;
                    case DeclareArrayStmt d:
                        declaredInside.Add(d.Name);
                        break;
                    case AssignStmt a:
                        assigned[a.Name] = TypeOfDefinition(a);
                        break;
                    case IfStmt branch:
                        Collect(branch.Then);
                        Collect(branch.Else);
                        break;
                    case LoopStmt inner:
                        Collect(inner.Body);
                        Collect(inner.Step);
                        break;
                }
            }
        }
    }

    private HashSet<string> NeededInReverse(IEnumerable<IrStmt> statements)
    {
        var result = new HashSet<string>();
        Visit(statements);
        return result;

        void Visit(IEnumerable<IrStmt> block)
        {
            foreach (var statement in block)
            {
                switch (statement)
                {
                    case DeclareStmt { Type: IrType.Double, Value: { } value } d when varied.Contains(d.Name):
                        Operands(d.Name, value);
                        break;
                    case AssignStmt a when varied.Contains(a.Name) && a.Value.Type == IrType.Double:
                        Operands(a.Name, a.Value);
                        break;
                    case StoreStmt s when varied.Contains(s.Array):
                        Reads(s.Index);
                        break;
                    case CallMethodStmt call:
                        foreach (var argument in call.Arguments)
                        {
                            Reads(argument);
                        }

                        break;
                    case DeclareArrayStmt array when varied.Contains(array.Name):
                        if (!vectorAdjoints.ContainsKey(array.Name))
                        {
                            vectorAdjoints[array.Name] = function.Names.Fresh(array.Name + "Bar");
                            localArrayAdjoints.Add(array.Name);
                        }

                        break;
                    case IfStmt i:
                        Reads(i.Condition);
                        Visit(i.Then);
                        Visit(i.Else);
                        break;
                    case LoopStmt l when HasReverseWork(l):
                        Visit(l.Body);
                        Visit(l.Step);
                        break;
                }
            }
        }

        void Operands(string name, IrExpr value)
        {
            switch (value)
            {
                case BinaryExpr { Op: BinaryOp.Multiply } b:
                    // Each factor is read only to form the other factor's adjoint.
                    if (IsVariedAtom(b.Right))
                    {
                        Reads(b.Left);
                    }

                    if (IsVariedAtom(b.Left))
                    {
                        Reads(b.Right);
                    }

                    break;
                case BinaryExpr { Op: BinaryOp.Divide } b:
                    // ū += v̄ / w; w̄ −= v̄·v / w.
                    Reads(b.Right);
                    if (IsVariedAtom(b.Right))
                    {
                        result.Add(name);
                    }

                    break;
                case PrimitiveCallExpr p:
                    foreach (var argument in p.Arguments)
                    {
                        Reads(argument);
                    }

                    result.Add(name);
                    break;
                case MethodCallExpr m:
                    foreach (var argument in m.Arguments)
                    {
                        Reads(argument);
                    }

                    break;
                case LoadExpr l:
                    Reads(l.Index);
                    break;
                case MatrixLoadExpr m:
                    Reads(m.Row);
                    Reads(m.Column);
                    break;
            }
        }

        void Reads(IrExpr expression) => IrRewriter.CollectReads(expression, result);
    }

    /// <summary>Identity comparison: two loops with the same text are still two loops.</summary>
    private sealed class ReferenceComparer<T> : IEqualityComparer<T>
        where T : class
    {
        public static readonly ReferenceComparer<T> Instance = new();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
