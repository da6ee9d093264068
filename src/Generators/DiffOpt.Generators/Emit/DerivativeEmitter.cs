using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// Implements derivative methods: the user's <c>[Gradient]</c>/<c>[Jvp]</c>/<c>[Hvp]</c> declarations, and the helpers
/// generated next to every <c>[Differentiable]</c> method (pullback, pushforward, and the pushforward of the pullback),
/// through which differentiable callers apply the chain rule in every mode.
/// </summary>
internal static class DerivativeEmitter
{
    /// <summary>The implementation of a user's derivative declaration.</summary>
    public static string Emit(DerivativeModel model) => SourceFileWriter.Write(model.Type, writer =>
    {
        var reserved = model.Declaration.Parameters.Select(p => p.Name);
        var prepared = PreparedFunction.Prepare(model.Primal, reserved);
        var body = new List<IrStmt>();
        foreach (var input in model.Inputs.Where(i => i.IsVector))
        {
            body.Add(new CheckLengthStmt(input.DerivativeParameter, input.Input, AllowEmpty: false));
        }

        string summary;
        IrExpr value = new VarExpr(prepared.Result, IrType.Double);
        switch (model.Kind)
        {
            case DerivativeKind.Gradient:
            {
                summary = "Reverse-mode gradient of <see cref=\"" + model.PrimalCref + "\"/> with respect to " + InputList(model.Inputs) + "; returns its value and overwrites the gradient outputs.";
                foreach (var input in model.Inputs.Where(i => i.IsVector))
                {
                    body.Add(new ClearStmt(input.DerivativeParameter));
                }

                var reverse = ReverseModeTransform.Transform(
                    prepared,
                    model.Inputs.Select(i => i.Input),
                    model.Inputs.Where(i => i.IsVector).ToDictionary(i => i.Input, i => i.DerivativeParameter),
                    IrMath.One,
                    skipEmptyAdjoints: false);
                body.AddRange(reverse.ForwardSweep);
                body.AddRange(reverse.ReverseSweep);
                foreach (var input in model.Inputs.Where(i => i.IsVector))
                {
                    GradientStores.StoreOnce(body, input.DerivativeParameter);
                }

                foreach (var input in model.Inputs.Where(i => !i.IsVector))
                {
                    body.Add(new AssignStmt(input.DerivativeParameter, new VarExpr(reverse.ScalarAdjoints[input.Input], IrType.Double)));
                }

                break;
            }

            case DerivativeKind.Jvp:
            {
                summary = "Forward-mode Jacobian-vector product of <see cref=\"" + model.PrimalCref + "\"/> in the direction of " + InputList(model.Inputs.Where(i => !i.IsOutput)) + (model.ReturnsValue ? "; returns its value." : ".");
                foreach (var output in model.Inputs.Where(i => i.IsOutput))
                {
                    body.Add(new ClearStmt(output.DerivativeParameter));
                }

                var (forward, resultTangent) = ForwardModeTransform.Transform(
                    prepared,
                    model.Inputs.Where(i => !i.IsOutput).ToDictionary(i => i.Input, i => i.DerivativeParameter),
                    emptyTangentIsZero: false,
                    model.Inputs.Where(i => i.IsOutput).ToDictionary(i => i.Input, i => i.DerivativeParameter));
                body.AddRange(forward);
                if (model.ResultTangent is not null)
                {
                    body.Add(new AssignStmt(model.ResultTangent, resultTangent));
                }

                break;
            }

            case DerivativeKind.Vjp:
            {
                summary = "Vector-Jacobian product of <see cref=\"" + model.PrimalCref + "\"/>: runs it, then writes the cotangents of " + InputList(model.Inputs.Where(i => !i.IsOutput)) + " given those of its outputs " + InputList(model.Inputs.Where(i => i.IsOutput)) + " (overwriting).";
                var vectorAdjoints = new Dictionary<string, string>();
                var rented = new List<string>();
                foreach (var input in model.Inputs)
                {
                    if (input.IsOutput)
                    {
                        // The reverse sweep consumes (and clears) the output cotangent, so it works on a pooled copy.
                        var copy = prepared.Names.Fresh(input.Input + "Bar");
                        prepared.Names.Reserve(copy + "Pooled");
                        body.Add(new RentCopyStmt(copy, input.DerivativeParameter));
                        vectorAdjoints[input.Input] = copy;
                        rented.Add(copy);
                    }
                    else if (input.IsVector)
                    {
                        body.Add(new ClearStmt(input.DerivativeParameter));
                        vectorAdjoints[input.Input] = input.DerivativeParameter;
                    }
                }

                var reverse = ReverseModeTransform.Transform(prepared, model.Inputs.Where(i => !i.IsOutput).Select(i => i.Input), vectorAdjoints, seed: null, skipEmptyAdjoints: false);
                body.AddRange(reverse.ForwardSweep);
                body.AddRange(reverse.ReverseSweep);
                foreach (var input in model.Inputs.Where(i => !i.IsVector))
                {
                    body.Add(new AssignStmt(input.DerivativeParameter, new VarExpr(reverse.ScalarAdjoints[input.Input], IrType.Double)));
                }

                body.AddRange(rented.Select(r => new ReturnRentedStmt(r)));
                break;
            }

            default:
            {
                var input = model.Inputs[0];
                summary = "Hessian-vector product of <see cref=\"" + model.PrimalCref + "\"/> with respect to <paramref name=\"" + input.Input + "\"/>, by forward mode over the reverse-mode gradient.";
                if (input.IsVector)
                {
                    body.Add(new CheckLengthStmt(model.ResultTangent!, input.Input, AllowEmpty: false));
                    body.Add(new ClearStmt(model.ResultTangent!));
                }

                var (statements, hessianVector) = HessianVectorProduct(prepared, input, model.ResultTangent!);
                body.AddRange(statements);
                if (!input.IsVector)
                {
                    body.Add(new AssignStmt(model.ResultTangent!, hessianVector!));
                }

                break;
            }
        }

        if (model.ReturnsValue)
        {
            body.Add(new ReturnStmt(model.Primal.ReturnsSinglePrecision ? new ConvertExpr(value, IrType.Float) : value));
        }

        body = UserBoundaries(model, body);

        if (model.DeclarationHasDocumentation)
        {
            writer.Line("// " + StripTags(summary));
        }
        else
        {
            writer.Line("/// <summary>" + summary + "</summary>");
        }

        // No [GeneratedCode] here: attributes of partial-method parts merge, and the analyzers would then treat the
        // user's own declaration as generated code and stay silent about it.
        WriteMethod(writer, model.Declaration, body);

        if (GradientCallEmitter.Qualifies(model))
        {
            writer.Line();
            GradientCallEmitter.Write(writer, model);
        }
    });

    /// <summary>Rounds what leaves a user derivative into its float outputs.</summary>
    private static List<IrStmt> UserBoundaries(DerivativeModel model, List<IrStmt> body)
    {
        var single = model.Primal.Parameters.Where(p => p.IsSinglePrecision).ToDictionary(p => p.Name);
        var scalars = new HashSet<string>();
        var spans = new HashSet<string>(single.Values.Where(p => p.IsOutput).Select(p => p.Name));
        foreach (var input in model.Inputs.Where(i => single.ContainsKey(i.Input)))
        {
            (input.IsVector ? spans : scalars).Add(input.DerivativeParameter);
        }

        if (model.ResultTangent is { } resultTangent && (model.Kind == DerivativeKind.Hvp ? model.Inputs.Any(i => single.ContainsKey(i.Input)) : model.Primal.ReturnsSinglePrecision))
        {
            (model.Kind == DerivativeKind.Hvp && model.Inputs[0].IsVector ? spans : scalars).Add(resultTangent);
        }

        return SinglePrecisionBoundaries.Apply(body, scalars, spans);
    }

    /// <summary>How a helper spells a span of the parameter's element type.</summary>
    private static string SpanOf(IrParameter parameter, bool readOnly) =>
        "global::System." + (readOnly ? "ReadOnlySpan<" : "Span<") + (parameter.IsSinglePrecision ? "float" : "double") + ">";

    /// <summary>Helpers take float scalars as double (only generated code calls them, with double values).</summary>
    private static List<ParameterShell> HelperPrimalParameters(DifferentiableMethodModel model) =>
        model.PrimalParameters.Select((shell, i) => model.Primal.Parameters[i] is { IsSinglePrecision: true, Type: IrType.Double } ? shell with { Type = "double" } : shell).ToList();

    /// <summary>The float spans a helper writes: float outputs of the primal, and the given derivative spans of float parameters.</summary>
    private static HashSet<string> FloatSpans(IrFunction primal, IEnumerable<KeyValuePair<string, string>> derivativeSpans) =>
        new(primal.Parameters.Where(p => p.IsSinglePrecision && p.IsOutput).Select(p => p.Name)
            .Concat(derivativeSpans.Where(d => primal.Parameters.Any(p => p.Name == d.Key && p.IsSinglePrecision && p.Type == IrType.DoubleVector)).Select(d => d.Value)));

    /// <summary>
    /// Forward over reverse: the reverse transform's gradient program, differentiated by the forward transform in the
    /// direction of <paramref name="input"/>'s tangent. The gradient itself is not kept: only its tangent, the
    /// Hessian-vector product, is written (into the span <paramref name="result"/>, or returned as an expression).
    /// </summary>
    private static (List<IrStmt> Statements, IrExpr? ScalarResult) HessianVectorProduct(PreparedFunction prepared, DerivativeInput input, string result)
    {
        var gradient = prepared.Names.Fresh("gradient");
        var reverse = ReverseModeTransform.Transform(
            prepared,
            new[] { input.Input },
            input.IsVector ? new Dictionary<string, string> { [input.Input] = gradient } : new Dictionary<string, string>(),
            IrMath.One,
            skipEmptyAdjoints: false);
        var program = reverse.ForwardSweep.Concat(reverse.ReverseSweep).ToList();

        var outputs = new Dictionary<string, string>();
        string? scalarTangent = null;
        if (input.IsVector)
        {
            outputs[gradient] = result;
        }
        else
        {
            scalarTangent = prepared.Names.Fresh("hessianVector");
            outputs[reverse.ScalarAdjoints[input.Input]] = scalarTangent;
        }

        var forward = ForwardModeTransform.TransformStatements(program, prepared.Names, new Dictionary<string, string> { [input.Input] = input.DerivativeParameter }, outputs, emptyTangentIsZero: false, prepared.Source.Parameters.Select(p => p.Name));
        var statements = WithoutWritesTo(forward, gradient);
        if (scalarTangent is not null && !IrRewriter.DeclaredNames(statements).Contains(scalarTangent))
        {
            // Nothing the direction moves reaches the gradient: the Hessian in this input is zero.
            statements.Insert(0, new DeclareStmt(scalarTangent, IrType.Double, IrMath.Zero));
        }

        return (statements, scalarTangent is null ? null : new VarExpr(scalarTangent, IrType.Double));
    }

    /// <summary>Drops the writes of an intermediate span that is never materialised (the gradient inside an HVP).</summary>
    private static List<IrStmt> WithoutWritesTo(IEnumerable<IrStmt> statements, string span)
    {
        var output = new List<IrStmt>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case AccumulateElementStmt a when a.Span == span:
                case ClearStmt c when c.Span == span:
                    break;
                case CallStmt call:
                    output.Add(call with
                    {
                        Arguments = call.Arguments.Select(a => a.Value is VarExpr v && v.Name == span ? a with { Value = new OpaqueExpr("default", IrType.DoubleVector) } : a).ToEquatableArray(),
                    });
                    break;
                case IfStmt i:
                    output.Add(i with { Then = WithoutWritesTo(i.Then, span).ToEquatableArray(), Else = WithoutWritesTo(i.Else, span).ToEquatableArray() });
                    break;
                case LoopStmt l:
                    output.Add(l with { Body = WithoutWritesTo(l.Body, span).ToEquatableArray(), Step = WithoutWritesTo(l.Step, span).ToEquatableArray() });
                    break;
                case ReverseLoopStmt r:
                    output.Add(r with { Body = WithoutWritesTo(r.Body, span).ToEquatableArray() });
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    /// <summary>The helpers of a differentiable method: pullback, pushforward, and pushforward of the pullback.</summary>
    public static string EmitHelpers(DifferentiableMethodModel model) => SourceFileWriter.Write(model.Type, writer =>
    {
        var helpers = new HelperNames(model.Primal);
        var modifiers = model.Accessibility + (model.IsStatic ? " static" : string.Empty);
        var primal = model.Primal;

        // Pullback: accumulates seed · ∂f/∂input into the caller's adjoints.
        var (pullbackParameters, pullbackBody, pullbackNames) = Pullback(model, helpers);
        writer.Line("/// <summary>Pullback of <see cref=\"" + model.PrimalCref + "\"/>: adds <paramref name=\"" + helpers.Seed + "\"/> times its gradient to the adjoint arguments (an empty span skips that input). Called by generated derivative code.</summary>");
        SourceFileWriter.WriteHelperAttributes(writer);
        var pullbackFloatSpans = FloatSpans(primal, helpers.Adjoints);
        WriteMethod(writer, new MethodShell(modifiers, "void", primal.Name + KnownNames.PullbackSuffix, pullbackParameters.ToEquatableArray()), SinglePrecisionBoundaries.Apply(pullbackBody, new HashSet<string>(), pullbackFloatSpans));
        writer.Line();

        // Pushforward: the value and its directional derivative.
        {
            var prepared = PreparedFunction.Prepare(primal, helpers.All);
            var body = new List<IrStmt>();
            foreach (var p in helpers.Differentiable.Where(p => p.Type == IrType.DoubleVector))
            {
                body.Add(new CheckLengthStmt(helpers.Tangents[p.Name], p.Name, AllowEmpty: true));
            }

            var vectorValued = primal.ReturnType == IrType.Void;
            var (forward, tangent) = ForwardModeTransform.Transform(prepared, helpers.Tangents, emptyTangentIsZero: true, helpers.OutputTangents);
            body.AddRange(forward);
            if (!vectorValued)
            {
                body.Add(new AssignStmt(helpers.ResultTangent, tangent));
                body.Add(new ReturnStmt(new VarExpr(prepared.Result, IrType.Double)));
            }

            var parameters = HelperPrimalParameters(model);
            foreach (var p in primal.Parameters.Where(p => p.IsDifferentiable || p.IsOutput))
            {
                parameters.Add(p.IsOutput
                    ? new ParameterShell(string.Empty, SpanOf(p, readOnly: false), helpers.OutputTangents[p.Name])
                    : new ParameterShell(string.Empty, p.Type == IrType.DoubleVector ? SpanOf(p, readOnly: true) : "double", helpers.Tangents[p.Name]));
            }

            body = SinglePrecisionBoundaries.Apply(body, new HashSet<string>(), FloatSpans(primal, helpers.OutputTangents));

            if (!vectorValued)
            {
                parameters.Add(new ParameterShell("out ", "double", helpers.ResultTangent));
            }

            writer.Line(vectorValued
                ? "/// <summary>Pushforward of <see cref=\"" + model.PrimalCref + "\"/>: writes its outputs and their derivatives along the tangent arguments into the output tangent spans (an empty input span is a zero tangent). Called by generated derivative code.</summary>"
                : "/// <summary>Pushforward of <see cref=\"" + model.PrimalCref + "\"/>: returns its value and, in <paramref name=\"" + helpers.ResultTangent + "\"/>, its derivative along the tangent arguments (an empty span is a zero tangent). Called by generated derivative code.</summary>");
            SourceFileWriter.WriteHelperAttributes(writer);
            WriteMethod(writer, new MethodShell(modifiers, vectorValued ? "void" : "double", primal.Name + KnownNames.PushforwardSuffix, parameters.ToEquatableArray()), body);
        }

        writer.Line();

        // Pushforward of the pullback (forward over reverse): what Hessian-vector products of callers call.
        {
            var inputTangents = new Dictionary<string, string>();
            var outputTangents = new Dictionary<string, string>();
            var secondOrderFloatSpans = new HashSet<string>();
            var tangentParameters = new List<ParameterShell>();
            foreach (var parameter in pullbackParameters)
            {
                var tangentName = pullbackNames.Fresh(parameter.Name + "Tangent");
                switch (parameter)
                {
                    case { Modifier: "ref " }:
                        inputTangents[parameter.Name] = tangentName;
                        tangentParameters.Add(new ParameterShell("ref ", "double", tangentName));
                        break;
                    case { Type: "double" }:
                        // A [NonDifferentiable] input keeps its slot (callers pass a tangent for every double) but the
                        // tangent is ignored: it is held constant at every order, like Ad.StopGradient.
                        if (!primal.Parameters.Any(p => p.Name == parameter.Name && p.IsConstant))
                        {
                            inputTangents[parameter.Name] = tangentName;
                        }

                        tangentParameters.Add(new ParameterShell(string.Empty, "double", tangentName));
                        break;
                    case { Type: "global::System.ReadOnlySpan<double>" } or { Type: "double[]" } or { Type: "double[,]" }:
                        inputTangents[parameter.Name] = tangentName;
                        tangentParameters.Add(new ParameterShell(string.Empty, "global::System.ReadOnlySpan<double>", tangentName));
                        break;
                    case { Type: "global::System.ReadOnlySpan<float>" } or { Type: "float[]" } or { Type: "float[,]" }:
                        inputTangents[parameter.Name] = tangentName;
                        tangentParameters.Add(new ParameterShell(string.Empty, "global::System.ReadOnlySpan<float>", tangentName));
                        break;
                    case { Type: "global::System.Span<double>" } or { Type: "global::System.Span<float>" }:
                        // Adjoint spans are read (incoming cotangents of outputs) and written (accumulated gradients).
                        inputTangents[parameter.Name] = tangentName;
                        tangentParameters.Add(new ParameterShell(string.Empty, parameter.Type, tangentName));
                        if (parameter.Type.Contains("float"))
                        {
                            secondOrderFloatSpans.Add(parameter.Name);
                            secondOrderFloatSpans.Add(tangentName);
                        }

                        break;
                }
            }

            var body = SinglePrecisionBoundaries.Apply(
                ForwardModeTransform.TransformStatements(pullbackBody, pullbackNames, inputTangents, outputTangents, emptyTangentIsZero: true, pullbackParameters.Select(p => p.Name)),
                new HashSet<string>(),
                secondOrderFloatSpans);
            writer.Line("/// <summary>Pushforward of the pullback of <see cref=\"" + model.PrimalCref + "\"/> (forward over reverse): the pullback, plus the derivative of everything it accumulates along the tangent arguments. Called by generated Hessian-vector products.</summary>");
            SourceFileWriter.WriteHelperAttributes(writer);
            WriteMethod(writer, new MethodShell(modifiers, "void", primal.Name + KnownNames.PullbackSuffix + KnownNames.PushforwardSuffix, pullbackParameters.Concat(tangentParameters).ToEquatableArray()), body);
        }
    });

    private static (List<ParameterShell> Parameters, List<IrStmt> Body, NameScope Names) Pullback(DifferentiableMethodModel model, HelperNames helpers)
    {
        var primal = model.Primal;
        var prepared = PreparedFunction.Prepare(primal, helpers.All);
        var body = new List<IrStmt>();
        foreach (var p in helpers.Differentiable.Where(p => p.Type == IrType.DoubleVector))
        {
            body.Add(new CheckLengthStmt(helpers.Adjoints[p.Name], p.Name, AllowEmpty: true));
        }

        var vectorValued = primal.ReturnType == IrType.Void;
        foreach (var p in primal.Parameters.Where(p => p.IsOutput))
        {
            body.Add(new CheckLengthStmt(helpers.Adjoints[p.Name], p.Name, AllowEmpty: true));
        }

        var reverse = ReverseModeTransform.Transform(
            prepared,
            helpers.Differentiable.Select(p => p.Name),
            primal.Parameters.Where(p => p.Type == IrType.DoubleVector && (p.IsDifferentiable || p.IsOutput)).ToDictionary(p => p.Name, p => helpers.Adjoints[p.Name]),
            vectorValued ? null : new VarExpr(helpers.Seed, IrType.Double),
            skipEmptyAdjoints: true);
        body.AddRange(reverse.ForwardSweep);
        body.AddRange(reverse.ReverseSweep);
        foreach (var p in helpers.Differentiable.Where(p => p.Type == IrType.Double))
        {
            body.Add(new AccumulateStmt(helpers.Adjoints[p.Name], new VarExpr(reverse.ScalarAdjoints[p.Name], IrType.Double)));
        }

        var parameters = HelperPrimalParameters(model);
        if (!vectorValued)
        {
            parameters.Add(new ParameterShell(string.Empty, "double", helpers.Seed));
        }

        foreach (var p in primal.Parameters.Where(p => p.IsDifferentiable || p.IsOutput))
        {
            parameters.Add(p.Type == IrType.DoubleVector
                ? new ParameterShell(string.Empty, SpanOf(p, readOnly: false), helpers.Adjoints[p.Name])
                : new ParameterShell("ref ", "double", helpers.Adjoints[p.Name]));
        }

        return (parameters, body, prepared.Names);
    }


    private static void WriteMethod(IndentedWriter writer, MethodShell shell, IEnumerable<IrStmt> body)
    {
        var parameters = string.Join(", ", shell.Parameters.Select(p => p.Modifier + p.Type + " " + p.Name));
        writer.Open(shell.Modifiers + " " + shell.ReturnType + " " + shell.Name + "(" + parameters + ")");
        CSharpStatementWriter.WriteBlock(writer, body);
        writer.Close();
    }

    private static string InputList(IEnumerable<DerivativeInput> inputs) =>
        string.Join(", ", inputs.Select(i => "<paramref name=\"" + i.Input + "\"/>"));

    private static string StripTags(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "<see cref=\"([^\"]*)\"/>|<paramref name=\"([^\"]*)\"/>", m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);

    /// <summary>Parameter names of the helpers, chosen once so that every helper agrees and none collides with the primal's.</summary>
    private sealed class HelperNames
    {
        public HelperNames(IrFunction primal)
        {
            Differentiable = primal.Parameters.Where(p => p.IsDifferentiable).ToList();
            // Helper parameters must not collide with anything in the body either.
            var scope = new NameScope(IrRewriter.AllNames(primal));
            Adjoints = primal.Parameters.Where(p => p.IsDifferentiable || p.IsOutput).ToDictionary(p => p.Name, p => scope.Fresh(p.Name + "Adjoint"));
            Tangents = Differentiable.ToDictionary(p => p.Name, p => scope.Fresh(p.Name + "Tangent"));
            OutputTangents = primal.Parameters.Where(p => p.IsOutput).ToDictionary(p => p.Name, p => scope.Fresh(p.Name + "Tangent"));
            Seed = scope.Fresh("resultAdjoint");
            ResultTangent = scope.Fresh("resultTangent");
            All = Adjoints.Values.Concat(Tangents.Values).Concat(OutputTangents.Values).Append(Seed).Append(ResultTangent).ToList();
        }

        public List<IrParameter> Differentiable { get; }

        public Dictionary<string, string> Adjoints { get; }

        public Dictionary<string, string> Tangents { get; }

        public Dictionary<string, string> OutputTangents { get; }

        public string Seed { get; }

        public string ResultTangent { get; }

        public List<string> All { get; }
    }
}
