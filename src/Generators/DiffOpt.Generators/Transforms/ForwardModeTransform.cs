using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Forward mode (JVP): carries a tangent next to each varied value through the same control flow. Each
/// definition <c>v = f(a, b)</c> is followed by <c>v̇ = ∂f/∂a·ȧ + ∂f/∂b·ḃ</c>; calls to other differentiable
/// methods go through their generated pushforward. No tape is needed.
/// </summary>
/// <remarks>
/// The transform accepts any IR, not only prepared primals: applied to the output of
/// <see cref="ReverseModeTransform"/> it gives forward-over-reverse (Hessian-vector products). Adjoint
/// accumulations then get tangent accumulations, tape pushes also push the tangent, and calls of a callee's
/// pullback become calls of that pullback's own pushforward (<c>F__Pullback__Pushforward</c>).
/// </remarks>
internal sealed class ForwardModeTransform
{
    private readonly NameScope names;
    private readonly Dictionary<string, string> tangents = new();
    private readonly HashSet<string> varied;
    private readonly bool emptyTangentIsZero;
    private readonly HashSet<string> inputTangentSpans = new();
    private readonly HashSet<string> outputTangentNames = new();

    private ForwardModeTransform(IReadOnlyList<IrStmt> body, NameScope names, IReadOnlyDictionary<string, string> inputTangents, bool emptyTangentIsZero)
    {
        this.names = names;
        this.emptyTangentIsZero = emptyTangentIsZero;
        foreach (var pair in inputTangents)
        {
            tangents[pair.Key] = pair.Value;
            inputTangentSpans.Add(pair.Key);
        }

        varied = ActivityAnalysis.Varied(body, inputTangents.Keys);
        MarkAccumulatorsOfVariedCalls(body);
    }

    /// <summary>
    /// Whether a vector-valued call becomes a call of its pushforward: a varied input, and an output that carries a tangent
    /// (one whose outputs only feed comparisons runs as the primal).
    /// </summary>
    private bool IsActiveCall(CallMethodStmt call) =>
        call.Arguments.Where((a, i) => !call.Callee.Parameters[i].IsOutput).Any(a => IrRewriter.Reads(a, varied.Contains))
        && call.Arguments.Where((a, i) => call.Callee.Parameters[i].IsOutput).Any(a => a is VarExpr v && varied.Contains(v.Name));

    /// <summary>
    /// The pushforward of an active call writes every output's tangent: each of its output arrays keeps tangent storage,
    /// even one nothing useful reads.
    /// </summary>
    private void KeepOutputsOfActiveCalls(IReadOnlyList<IrStmt> statements)
    {
        bool changed;
        do
        {
            changed = false;
            Visit(statements);
        }
        while (changed);

        void Visit(IEnumerable<IrStmt> block)
        {
            foreach (var statement in block)
            {
                switch (statement)
                {
                    case CallMethodStmt call when IsActiveCall(call):
                        for (var i = 0; i < call.Arguments.Count; i++)
                        {
                            if (call.Callee.Parameters[i].IsOutput && call.Arguments[i] is VarExpr output)
                            {
                                changed |= varied.Add(output.Name);
                            }
                        }

                        break;
                    case IfStmt branch:
                        Visit(branch.Then);
                        Visit(branch.Else);
                        break;
                    case LoopStmt loop:
                        Visit(loop.Body);
                        Visit(loop.Step);
                        break;
                }
            }
        }
    }

    /// <summary>A varied pullback call accumulates tangents into every <c>ref</c> adjoint it gets, so each needs a tangent local.</summary>
    private void MarkAccumulatorsOfVariedCalls(IEnumerable<IrStmt> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case CallStmt call when call.Method.EndsWith(KnownNames.PullbackSuffix, System.StringComparison.Ordinal) && CallIsVaried(call):
                    foreach (var argument in call.Arguments)
                    {
                        if (argument.Kind == ArgumentKind.Ref && argument.Value is VarExpr target)
                        {
                            varied.Add(target.Name);
                        }
                    }

                    break;
                case IfStmt i:
                    MarkAccumulatorsOfVariedCalls(i.Then);
                    MarkAccumulatorsOfVariedCalls(i.Else);
                    break;
                case LoopStmt l:
                    MarkAccumulatorsOfVariedCalls(l.Body);
                    MarkAccumulatorsOfVariedCalls(l.Step);
                    break;
                case ReverseLoopStmt r:
                    MarkAccumulatorsOfVariedCalls(r.Body);
                    break;
            }
        }
    }

    /// <summary>
    /// Differentiates <paramref name="function"/> in the inputs named by the keys of <paramref name="inputTangents"/>,
    /// whose tangents are read from the variables or spans named by the values. Returns the statements (primal and
    /// tangent interleaved) and the expression of the result's tangent.
    /// </summary>
    /// <param name="function">The prepared primal.</param>
    /// <param name="inputTangents">Input name → name of its tangent (a double, or a span for vector inputs).</param>
    /// <param name="emptyTangentIsZero">Whether an empty tangent span means a zero tangent (helpers called by other generated code).</param>
    /// <param name="outputTangents">Output span name → name of the span that receives its tangent (vector-valued functions).</param>
    public static (List<IrStmt> Body, IrExpr ResultTangent) Transform(PreparedFunction function, IReadOnlyDictionary<string, string> inputTangents, bool emptyTangentIsZero, IReadOnlyDictionary<string, string>? outputTangents = null)
    {
        var transform = new ForwardModeTransform(function.Body, function.Names, inputTangents, emptyTangentIsZero);

        // Tangents only for values that reach the result or the outputs: a search whose distances only feed comparisons
        // carries none (active = varied ∩ useful, as in reverse mode).
        transform.varied.IntersectWith(ActivityAnalysis.Useful(function.Body, function.Source.Parameters.Where(p => p.IsOutput).Select(p => p.Name).Append(function.Result)));
        transform.varied.UnionWith(inputTangents.Keys);
        transform.KeepOutputsOfActiveCalls(function.Body);
        foreach (var pair in outputTangents ?? new Dictionary<string, string>())
        {
            transform.tangents[pair.Key] = pair.Value;
            transform.outputTangentNames.Add(pair.Key);
        }

        var body = transform.TransformBlock(function.Body);
        body.InsertRange(0, transform.ZeroTangentsOfParameters(function.Source.Parameters.Select(p => p.Name)));
        return (body, transform.TangentOf(new VarExpr(function.Result, IrType.Double), null));
    }

    /// <summary>
    /// Differentiates arbitrary IR statements (the output of another transform). <paramref name="inputTangents"/> maps each
    /// active input to its tangent's name; <paramref name="outputTangents"/> names the tangents of outputs (spans and
    /// <c>ref</c>/<c>out</c> locals the statements write), so the caller can read them.
    /// </summary>
    /// <param name="body">The statements.</param>
    /// <param name="names">Names in use, for fresh tangent names.</param>
    /// <param name="inputTangents">Input name → its tangent's name.</param>
    /// <param name="outputTangents">Output name → its tangent's name.</param>
    /// <param name="emptyTangentIsZero">Whether an empty tangent span means a zero tangent.</param>
    /// <param name="parameters">Names defined outside the statements (the function's parameters): a varied one that is not an
    /// input (a parameter the body reassigns from varied values) gets a zero tangent declared up front.</param>
    public static List<IrStmt> TransformStatements(IReadOnlyList<IrStmt> body, NameScope names, IReadOnlyDictionary<string, string> inputTangents, IReadOnlyDictionary<string, string> outputTangents, bool emptyTangentIsZero, IEnumerable<string> parameters)
    {
        var transform = new ForwardModeTransform(body, names, inputTangents, emptyTangentIsZero);
        foreach (var pair in outputTangents)
        {
            transform.tangents[pair.Key] = pair.Value;
            transform.outputTangentNames.Add(pair.Key);
        }

        var output = transform.TransformBlock(body);
        output.InsertRange(0, transform.ZeroTangentsOfParameters(parameters));
        return output;
    }

    private IEnumerable<IrStmt> ZeroTangentsOfParameters(IEnumerable<string> parameters) =>
        parameters
            .Where(p => varied.Contains(p) && !inputTangentSpans.Contains(p) && tangents.ContainsKey(p) && !outputTangentNames.Contains(p))
            .Select(p => new DeclareStmt(tangents[p], IrType.Double, IrMath.Zero))
            .ToList();

    /// <summary>Whether <paramref name="name"/> carries a tangent in <paramref name="body"/> given the active inputs.</summary>
    public static bool IsVaried(IReadOnlyList<IrStmt> body, IEnumerable<string> activeInputs, string name) =>
        ActivityAnalysis.Varied(body, activeInputs).Contains(name);

    private List<IrStmt> TransformBlock(IEnumerable<IrStmt> statements)
    {
        var output = new List<IrStmt>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case DeclareStmt { Type: IrType.Double } declare when varied.Contains(declare.Name):
                {
                    if (declare.Value is null)
                    {
                        output.Add(declare);
                        output.Add(new DeclareStmt(TangentName(declare.Name), IrType.Double, null));
                    }
                    else
                    {
                        Define(declare.Name, declare.Value, declares: true, output);
                    }

                    break;
                }

                case AssignStmt assign when varied.Contains(assign.Name) && assign.Value.Type == IrType.Double:
                    Define(assign.Name, assign.Value, declares: false, output);
                    break;

                case AccumulateStmt accumulate when varied.Contains(accumulate.Name):
                    output.Add(accumulate);
                    AddIfNonZero(output, TangentOf(accumulate.Value, null), t => new AccumulateStmt(TangentName(accumulate.Name), t));
                    break;

                case AccumulateElementStmt accumulate when varied.Contains(accumulate.Span):
                    output.Add(accumulate);
                    AddIfNonZero(output, TangentOf(accumulate.Value, null), t => accumulate with { Span = TangentName(accumulate.Span), Value = t });
                    break;

                case IfStmt branch:
                    output.Add(branch with { Then = TransformBlock(branch.Then).ToEquatableArray(), Else = TransformBlock(branch.Else).ToEquatableArray() });
                    break;

                case LoopStmt loop:
                    output.Add(loop with { Body = TransformBlock(loop.Body).ToEquatableArray(), Step = TransformBlock(loop.Step).ToEquatableArray() });
                    break;

                case ReverseLoopStmt loop:
                    output.Add(loop with { Body = TransformBlock(loop.Body).ToEquatableArray() });
                    break;

                case DeclareArrayStmt array when varied.Contains(array.Name):
                    output.Add(array);
                    output.Add(new DeclareArrayStmt(TangentName(array.Name), array.Length));
                    break;

                case StoreStmt store when varied.Contains(store.Array):
                    output.Add(store);
                    output.Add(new StoreStmt(TangentName(store.Array), store.Index, TangentOf(store.Value, null)));
                    break;

                case ClearStmt clear when varied.Contains(clear.Span):
                    output.Add(clear);
                    output.Add(clear with { Span = TangentName(clear.Span) });
                    break;

                case PushStmt { Value: VarExpr pushed } push when varied.Contains(pushed.Name) && pushed.Type == IrType.Double:
                    // The tangent travels with its value; pops come back in the opposite order.
                    output.Add(push);
                    output.Add(push with { Value = new VarExpr(TangentName(pushed.Name), IrType.Double) });
                    break;

                case PushArrayStmt push when varied.Contains(push.Array):
                    output.Add(push);
                    output.Add(push with { Array = TangentName(push.Array) });
                    break;

                case PopArrayStmt pop when varied.Contains(pop.Array):
                    output.Add(pop with { Array = TangentName(pop.Array) });
                    output.Add(pop);
                    break;

                case PopStmt pop when varied.Contains(pop.Name) && pop.Type == IrType.Double:
                    output.Add(pop with { Name = TangentName(pop.Name) });
                    output.Add(pop);
                    break;

                case CallStmt call when call.Method.EndsWith(KnownNames.PullbackSuffix, System.StringComparison.Ordinal) && CallIsVaried(call):
                    output.Add(PushforwardOfCall(call));
                    break;

                case CallMethodStmt call when IsActiveCall(call):
                {
                    // A vector-valued callee: its pushforward writes the outputs and their tangents.
                    var arguments = call.Arguments.Select(a => new CallArgument(ArgumentKind.Value, a)).ToList();
                    for (var i = 0; i < call.Callee.Parameters.Count; i++)
                    {
                        var parameter = call.Callee.Parameters[i];
                        if (parameter.IsDifferentiable || parameter.IsOutput)
                        {
                            arguments.Add(new CallArgument(ArgumentKind.Value, TangentArgument(call.Arguments[i])));
                        }
                    }

                    output.Add(new CallStmt(call.Callee.Receiver, call.Callee.Name + KnownNames.PushforwardSuffix, arguments.ToEquatableArray(), null, false, call.Arguments.Count));
                    break;
                }

                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    private static void AddIfNonZero(List<IrStmt> output, IrExpr tangent, System.Func<IrExpr, IrStmt> make)
    {
        if (!IrMath.IsConst(tangent, 0))
        {
            output.Add(make(tangent));
        }
    }

    private void Define(string name, IrExpr value, bool declares, List<IrStmt> output)
    {
        var tangent = TangentName(name);
        if (value is MethodCallExpr call)
        {
            var arguments = call.Arguments.Select(a => new CallArgument(ArgumentKind.Value, a)).ToList();
            for (var i = 0; i < call.Callee.Parameters.Count; i++)
            {
                var parameter = call.Callee.Parameters[i];
                if (parameter.IsDifferentiable)
                {
                    arguments.Add(new CallArgument(ArgumentKind.Value, TangentArgument(call.Arguments[i])));
                }
            }

            arguments.Add(new CallArgument(declares ? ArgumentKind.OutDeclare : ArgumentKind.Out, new VarExpr(tangent, IrType.Double)));
            output.Add(new CallStmt(call.Callee.Receiver, call.Callee.Name + KnownNames.PushforwardSuffix, arguments.ToEquatableArray(), name, declares, arguments.Count - 1));
            return;
        }

        if (IrRewriter.Reads(value, n => n == name))
        {
            // v = f(v, …): the tangent must read the old v, so it is formed first.
            var newTangent = names.Fresh(tangent + "Next");
            output.Add(new DeclareStmt(newTangent, IrType.Double, TangentOf(value, null)));
            output.Add(declares ? new DeclareStmt(name, IrType.Double, value) : new AssignStmt(name, value));
            output.Add(declares ? new DeclareStmt(tangent, IrType.Double, new VarExpr(newTangent, IrType.Double)) : new AssignStmt(tangent, new VarExpr(newTangent, IrType.Double)));
            return;
        }

        // The primal first: tangent rules may read the result (exp, sqrt, tanh, division).
        output.Add(declares ? new DeclareStmt(name, IrType.Double, value) : new AssignStmt(name, value));
        var rule = TangentOf(value, new VarExpr(name, IrType.Double));
        output.Add(declares ? new DeclareStmt(tangent, IrType.Double, rule) : new AssignStmt(tangent, rule));
    }

    private bool CallIsVaried(CallStmt call) => call.Arguments.Any(a => IrRewriter.Reads(a.Value, varied.Contains));

    /// <summary><c>F__Pullback(args)</c> → <c>F__Pullback__Pushforward(args, tangents of args)</c>.</summary>
    private CallStmt PushforwardOfCall(CallStmt call)
    {
        var arguments = call.Arguments.ToList();
        foreach (var argument in call.Arguments)
        {
            switch (argument.Kind)
            {
                case ArgumentKind.Ref when argument.Value is VarExpr target:
                    // Accumulated adjoints are outputs: their tangents accumulate alongside.
                    arguments.Add(new CallArgument(ArgumentKind.Ref, new VarExpr(TangentName(target.Name), IrType.Double)));
                    break;
                case ArgumentKind.Value when argument.Value.Type == IrType.Double:
                    arguments.Add(new CallArgument(ArgumentKind.Value, TangentOf(argument.Value, null)));
                    break;
                case ArgumentKind.Value when argument.Value.Type == IrType.DoubleVector:
                    arguments.Add(new CallArgument(ArgumentKind.Value, TangentArgument(argument.Value)));
                    break;
            }
        }

        return call with { Method = call.Method + KnownNames.PushforwardSuffix, Arguments = arguments.ToEquatableArray() };
    }

    private IrExpr TangentArgument(IrExpr argument)
    {
        if (argument.Type == IrType.DoubleVector)
        {
            return argument is VarExpr v && (varied.Contains(v.Name) || tangents.ContainsKey(v.Name)) ? new VarExpr(TangentName(v.Name), IrType.DoubleVector) : new OpaqueExpr("default", IrType.DoubleVector);
        }

        return TangentOf(argument, null);
    }

    /// <summary>
    /// The tangent of an expression by the chain rule. <paramref name="result"/> names the value of a top-level
    /// primitive or division when it is already stored (so <c>exp</c> reuses it); otherwise the expression is respelled.
    /// </summary>
    private IrExpr TangentOf(IrExpr value, IrExpr? result)
    {
        switch (value)
        {
            case VarExpr { Type: IrType.Double } v:
                return varied.Contains(v.Name) ? new VarExpr(TangentName(v.Name), IrType.Double) : IrMath.Zero;
            case UnaryExpr { Op: UnaryOp.Negate, Type: IrType.Double } u:
                return IrMath.Neg(TangentOf(u.Operand, null));
            case BinaryExpr { Op: BinaryOp.Add, Type: IrType.Double } b:
                return IrMath.Add(TangentOf(b.Left, null), TangentOf(b.Right, null));
            case BinaryExpr { Op: BinaryOp.Subtract, Type: IrType.Double } b:
                return IrMath.Sub(TangentOf(b.Left, null), TangentOf(b.Right, null));
            case BinaryExpr { Op: BinaryOp.Multiply, Type: IrType.Double } b:
                return IrMath.Add(IrMath.Mul(TangentOf(b.Left, null), b.Right), IrMath.Mul(b.Left, TangentOf(b.Right, null)));
            case BinaryExpr { Op: BinaryOp.Divide, Type: IrType.Double } b:
            {
                // d(u/w) = (du − v·dw) / w.
                var numerator = TangentOf(b.Left, null);
                var denominator = TangentOf(b.Right, null);
                if (IrMath.IsConst(denominator, 0))
                {
                    return IrMath.Div(numerator, b.Right);
                }

                return IrMath.Div(IrMath.Sub(numerator, IrMath.Mul(result ?? value, denominator)), b.Right);
            }

            case ConditionalExpr { Type: IrType.Double } c:
            {
                var whenTrue = TangentOf(c.WhenTrue, null);
                var whenFalse = TangentOf(c.WhenFalse, null);
                return IrMath.IsConst(whenTrue, 0) && IrMath.IsConst(whenFalse, 0) ? IrMath.Zero : new ConditionalExpr(c.Condition, whenTrue, whenFalse, IrType.Double);
            }

            case PrimitiveCallExpr p:
            {
                IrExpr sum = IrMath.Zero;
                for (var i = 0; i < p.Arguments.Count; i++)
                {
                    var argumentTangent = TangentOf(p.Arguments[i], null);
                    if (!IrMath.IsConst(argumentTangent, 0))
                    {
                        sum = IrMath.Add(sum, IrMath.Mul(PrimitiveTable.Partial(p.Function, p.Arguments, result ?? value, i), argumentTangent));
                    }
                }

                return sum;
            }

            case MatrixLoadExpr m when varied.Contains(m.Array):
                return new LoadExpr(TangentName(m.Array), m.FlatIndex, emptyTangentIsZero && inputTangentSpans.Contains(m.Array));
            case LoadExpr l when varied.Contains(l.Array):
                return new LoadExpr(TangentName(l.Array), l.Index, l.ZeroWhenEmpty || (emptyTangentIsZero && inputTangentSpans.Contains(l.Array)));
            default:
                return IrMath.Zero;
        }
    }

    private string TangentName(string name)
    {
        if (!tangents.TryGetValue(name, out var tangent))
        {
            tangent = names.Fresh(name + "Dot");
            tangents[name] = tangent;
        }

        return tangent;
    }
}
