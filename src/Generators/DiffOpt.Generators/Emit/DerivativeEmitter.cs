using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// Implements derivative methods: the user's <c>[Gradient]</c>/<c>[Jvp]</c> declarations, and the pullback and
/// pushforward helpers generated next to every <c>[Differentiable]</c> method, through which differentiable
/// callers apply the chain rule.
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
        if (model.Kind == DerivativeKind.Gradient)
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
            foreach (var input in model.Inputs.Where(i => !i.IsVector))
            {
                body.Add(new AssignStmt(input.DerivativeParameter, new VarExpr(reverse.ScalarAdjoints[input.Input], IrType.Double)));
            }
        }
        else
        {
            summary = "Forward-mode Jacobian-vector product of <see cref=\"" + model.PrimalCref + "\"/> in the direction of " + InputList(model.Inputs) + "; returns its value.";
            var (forward, resultTangent) = ForwardModeTransform.Transform(prepared, model.Inputs.ToDictionary(i => i.Input, i => i.DerivativeParameter), emptyTangentIsZero: false);
            body.AddRange(forward);
            body.Add(new AssignStmt(model.ResultTangent!, resultTangent));
        }

        if (model.ReturnsValue)
        {
            body.Add(new ReturnStmt(new VarExpr(prepared.Result, IrType.Double)));
        }

        if (model.DeclarationHasDocumentation)
        {
            writer.Line("// " + StripTags(summary));
        }
        else
        {
            writer.Line("/// <summary>" + summary + "</summary>");
        }

        writer.Line(SourceFileWriter.GeneratedCodeAttribute);
        WriteMethod(writer, model.Declaration, body);
    });

    /// <summary>The pullback and pushforward helpers of a differentiable method.</summary>
    public static string EmitHelpers(DifferentiableMethodModel model) => SourceFileWriter.Write(model.Type, writer =>
    {
        var primal = model.Primal;
        var differentiable = primal.Parameters.Where(p => p.IsDifferentiable).ToList();
        var reserved = new NameScope(primal.Parameters.Select(p => p.Name));
        var adjointNames = differentiable.ToDictionary(p => p.Name, p => reserved.Fresh(p.Name + "Adjoint"));
        var tangentNames = differentiable.ToDictionary(p => p.Name, p => reserved.Fresh(p.Name + "Tangent"));
        var seed = reserved.Fresh("resultAdjoint");
        var resultTangent = reserved.Fresh("resultTangent");
        var modifiers = model.Accessibility + (model.IsStatic ? " static" : string.Empty);

        // Pullback: accumulates seed · ∂f/∂input into the caller's adjoints.
        {
            var prepared = PreparedFunction.Prepare(primal, adjointNames.Values.Concat(tangentNames.Values).Append(seed).Append(resultTangent));
            var body = new List<IrStmt>();
            foreach (var p in differentiable.Where(p => p.Type == IrType.DoubleVector))
            {
                body.Add(new CheckLengthStmt(adjointNames[p.Name], p.Name, AllowEmpty: true));
            }

            var reverse = ReverseModeTransform.Transform(
                prepared,
                differentiable.Select(p => p.Name),
                differentiable.Where(p => p.Type == IrType.DoubleVector).ToDictionary(p => p.Name, p => adjointNames[p.Name]),
                new VarExpr(seed, IrType.Double),
                skipEmptyAdjoints: true);
            body.AddRange(reverse.ForwardSweep);
            body.AddRange(reverse.ReverseSweep);
            foreach (var p in differentiable.Where(p => p.Type == IrType.Double))
            {
                body.Add(new AccumulateStmt(adjointNames[p.Name], new VarExpr(reverse.ScalarAdjoints[p.Name], IrType.Double)));
            }

            var parameters = model.PrimalParameters.ToList();
            parameters.Add(new ParameterShell(string.Empty, "double", seed));
            foreach (var p in differentiable)
            {
                parameters.Add(p.Type == IrType.DoubleVector
                    ? new ParameterShell(string.Empty, "global::System.Span<double>", adjointNames[p.Name])
                    : new ParameterShell("ref ", "double", adjointNames[p.Name]));
            }

            writer.Line("/// <summary>Pullback of <see cref=\"" + model.PrimalCref + "\"/>: adds <paramref name=\"" + seed + "\"/> times its gradient to the adjoint arguments (an empty span skips that input). Called by generated derivative code.</summary>");
            WriteHelperAttributes(writer);
            WriteMethod(writer, new MethodShell(modifiers, "void", primal.Name + KnownNames.PullbackSuffix, parameters.ToEquatableArray()), body);
        }

        writer.Line();

        // Pushforward: the value and its directional derivative.
        {
            var prepared = PreparedFunction.Prepare(primal, adjointNames.Values.Concat(tangentNames.Values).Append(seed).Append(resultTangent));
            var body = new List<IrStmt>();
            foreach (var p in differentiable.Where(p => p.Type == IrType.DoubleVector))
            {
                body.Add(new CheckLengthStmt(tangentNames[p.Name], p.Name, AllowEmpty: true));
            }

            var (forward, tangent) = ForwardModeTransform.Transform(prepared, tangentNames, emptyTangentIsZero: true);
            body.AddRange(forward);
            body.Add(new AssignStmt(resultTangent, tangent));
            body.Add(new ReturnStmt(new VarExpr(prepared.Result, IrType.Double)));

            var parameters = model.PrimalParameters.ToList();
            foreach (var p in differentiable)
            {
                parameters.Add(new ParameterShell(string.Empty, p.Type == IrType.DoubleVector ? "global::System.ReadOnlySpan<double>" : "double", tangentNames[p.Name]));
            }

            parameters.Add(new ParameterShell("out ", "double", resultTangent));
            writer.Line("/// <summary>Pushforward of <see cref=\"" + model.PrimalCref + "\"/>: returns its value and, in <paramref name=\"" + resultTangent + "\"/>, its derivative along the tangent arguments (an empty span is a zero tangent). Called by generated derivative code.</summary>");
            WriteHelperAttributes(writer);
            WriteMethod(writer, new MethodShell(modifiers, "double", primal.Name + KnownNames.PushforwardSuffix, parameters.ToEquatableArray()), body);
        }
    });

    private static void WriteHelperAttributes(IndentedWriter writer)
    {
        writer.Line(SourceFileWriter.GeneratedCodeAttribute);
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
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
}
