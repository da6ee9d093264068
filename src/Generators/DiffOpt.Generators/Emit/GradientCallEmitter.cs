using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// Makes a <c>[Gradient]</c> declaration <c>G</c> of <c>f</c> callable from differentiable code, as a vector-valued function
/// θ ↦ ∇ₛf(θ) whose outputs are its gradient spans. Its derivatives are second derivatives of <c>f</c>, written with
/// <c>f</c>'s pushforward of the pullback (forward over reverse):
/// <list type="bullet">
/// <item><description>pullback: the cotangent c of the gradient outputs gives θ̄ += H[:, S]·c = H·(c on S, 0 elsewhere),
/// because the Hessian is symmetric — one Hessian-vector product;</description></item>
/// <item><description>pushforward: the outputs' tangents are the S rows of H·θ̇, and the first-order part of the same
/// call writes the gradient itself.</description></item>
/// </list>
/// This is what differentiating through an unrolled gradient-descent loop, or nested differentiation, needs.
/// </summary>
internal static class GradientCallEmitter
{
    /// <summary>
    /// Whether the declaration can be called from differentiable code: every derivative parameter is a gradient span
    /// (a scalar's gradient is an <c>out double</c>, which differentiable code cannot pass), and nothing is float.
    /// </summary>
    public static bool Qualifies(DerivativeModel model) =>
        model.Kind == DerivativeKind.Gradient
        && !model.Declaration.Name.Contains("__") // a gradient the generator declares for itself (a solver's S__ValueAndGradient)
        && model.Inputs.Count > 0
        && model.Inputs.All(i => i.IsVector && !i.IsOutput)
        && model.Primal.ReturnType == IrType.Double
        && !model.Primal.Parameters.Any(p => p.IsSinglePrecision || p.IsOutput)
        && model.Declaration.Parameters.Count == model.Primal.Parameters.Count + model.Inputs.Count;

    /// <summary>
    /// Whether the caller's call lowering treats a declaration parameter as differentiable: the primal's parameters by
    /// their type (the declaration's copies carry no <c>[NonDifferentiable]</c>), the gradient spans as outputs.
    /// </summary>
    private static bool IsDifferentiableInput(IrParameter primalParameter) =>
        (primalParameter with { IsConstant = false }).IsDifferentiable;

    /// <summary>Writes <c>G__Pullback</c>, <c>G__Pushforward</c> and <c>G__Pullback__Pushforward</c>.</summary>
    public static void Write(IndentedWriter writer, DerivativeModel model)
    {
        var primal = model.Primal;
        var declaration = model.Declaration;
        var modifiers = string.Join(" ", declaration.Modifiers.Split(' ').Where(m => m is "public" or "internal" or "private" or "protected" or "static"));
        var names = new NameScope(declaration.Parameters.Select(p => p.Name));
        var primalCount = primal.Parameters.Count;
        var gradientOf = model.Inputs.ToDictionary(i => i.Input, i => i.DerivativeParameter);
        var helper = primal.Name + KnownNames.PullbackSuffix + KnownNames.PushforwardSuffix;
        var cref = "<see cref=\"" + declaration.Name + "\"/>";

        // Adjoint (pullback) and tangent (pushforward) parameter names, one per differentiable input and per output.
        var adjoints = new Dictionary<string, string>();
        var tangents = new Dictionary<string, string>();
        for (var i = 0; i < declaration.Parameters.Count; i++)
        {
            var name = declaration.Parameters[i].Name;
            if (i >= primalCount || IsDifferentiableInput(primal.Parameters[i]))
            {
                adjoints[name] = names.Fresh(name + "Adjoint");
                tangents[name] = names.Fresh(name + "Tangent");
            }
        }

        var scalarDiscard = names.Fresh("discardedAdjoint");
        var primalArguments = primal.Parameters.Select((p, i) => declaration.Parameters[i].Name).ToList();

        // --- Pullback ---
        var pullbackParameters = declaration.Parameters.Select(p => p.Modifier + p.Type + " " + p.Name).ToList();
        for (var i = 0; i < declaration.Parameters.Count; i++)
        {
            var parameter = declaration.Parameters[i];
            if (adjoints.TryGetValue(parameter.Name, out var adjoint))
            {
                pullbackParameters.Add(i < primalCount && primal.Parameters[i].Type == IrType.Double ? "ref double " + adjoint : "global::System.Span<double> " + adjoint);
            }
        }

        writer.Line("/// <summary>Pullback of " + cref + " as a function of its inputs: the cotangents of its gradient outputs, multiplied by the Hessian (symmetric, so one Hessian-vector product), accumulate into the input adjoints; the output cotangents are then cleared. Called by generated derivative code.</summary>");
        SourceFileWriter.WriteHelperAttributes(writer);
        writer.Open(modifiers + " void " + declaration.Name + KnownNames.PullbackSuffix + "(" + string.Join(", ", pullbackParameters) + ")");
        WriteLengthChecks(writer, model, adjoints);
        writer.Line("double " + scalarDiscard + " = 0.0;");
        {
            var arguments = new List<string>(primalArguments) { "1.0" };
            arguments.AddRange(FirstOrderAdjoints(primal, _ => "default", scalarDiscard));
            arguments.AddRange(PrimalTangents(primal, i => gradientOf.TryGetValue(primal.Parameters[i].Name, out var gradient) ? adjoints[gradient] : null));
            arguments.Add("0.0");
            arguments.AddRange(FirstOrderAdjoints(primal, i => IsDifferentiableInput(primal.Parameters[i]) ? adjoints[declaration.Parameters[i].Name] : "default", scalarDiscard, i => IsDifferentiableInput(primal.Parameters[i]) ? adjoints[declaration.Parameters[i].Name] : null));
            writer.Line(helper + "(" + string.Join(", ", arguments) + ");");
        }

        foreach (var input in model.Inputs)
        {
            writer.Line(adjoints[input.DerivativeParameter] + ".Clear();");
        }

        writer.Close();
        writer.Line();

        // --- Pushforward ---
        var pushforwardParameters = declaration.Parameters.Select(p => p.Modifier + p.Type + " " + p.Name).ToList();
        for (var i = 0; i < declaration.Parameters.Count; i++)
        {
            var parameter = declaration.Parameters[i];
            if (tangents.TryGetValue(parameter.Name, out var tangent))
            {
                pushforwardParameters.Add(i >= primalCount ? "global::System.Span<double> " + tangent : primal.Parameters[i].Type == IrType.Double ? "double " + tangent : "global::System.ReadOnlySpan<double> " + tangent);
            }
        }

        writer.Line("/// <summary>Pushforward of " + cref + " as a function of its inputs: writes the gradient outputs and, into their tangent spans, the Hessian times the input tangents. Called by generated derivative code.</summary>");
        SourceFileWriter.WriteHelperAttributes(writer);
        writer.Open(modifiers + " void " + declaration.Name + KnownNames.PushforwardSuffix + "(" + string.Join(", ", pushforwardParameters) + ")");
        WriteLengthChecks(writer, model, tangents);
        foreach (var input in model.Inputs)
        {
            writer.Line(input.DerivativeParameter + ".Clear();");
            writer.Line(tangents[input.DerivativeParameter] + ".Clear();");
        }

        writer.Line("double " + scalarDiscard + " = 0.0;");
        {
            string? OutputOf(int i) => gradientOf.TryGetValue(primal.Parameters[i].Name, out var gradient) ? gradient : null;
            var arguments = new List<string>(primalArguments) { "1.0" };
            arguments.AddRange(FirstOrderAdjoints(primal, i => OutputOf(i) ?? "default", scalarDiscard));
            arguments.AddRange(PrimalTangents(primal, i => IsDifferentiableInput(primal.Parameters[i]) ? tangents[declaration.Parameters[i].Name] : null));
            arguments.Add("0.0");
            arguments.AddRange(FirstOrderAdjoints(primal, i => OutputOf(i) is { } gradient ? tangents[gradient] : "default", scalarDiscard));
            writer.Line(helper + "(" + string.Join(", ", arguments) + ");");
        }

        writer.Close();
        writer.Line();

        // --- Third order: not available ---
        var secondOrder = SecondOrderSignature.Parameters(pullbackParameters, new NameScope(pullbackParameters.Select(p => p.Substring(p.LastIndexOf(' ') + 1))));

        writer.Line("/// <summary>Third derivatives through " + cref + " are not available.</summary>");
        SourceFileWriter.WriteHelperAttributes(writer);
        writer.Open(modifiers + " void " + declaration.Name + KnownNames.PullbackSuffix + KnownNames.PushforwardSuffix + "(" + string.Join(", ", secondOrder) + ")");
        writer.Line("global::DiffOpt.GeneratedCodeSupport.ThrowCustomDerivativeUnsupported(\"" + model.Type.FullName + "." + declaration.Name + "\", \"A derivative of a gradient's derivative (third order)\");");
        writer.Close();
    }

    /// <summary>Length checks of the helper's derivative spans against what they belong to (empty is allowed: a zero).</summary>
    private static void WriteLengthChecks(IndentedWriter writer, DerivativeModel model, Dictionary<string, string> derivatives)
    {
        var primal = model.Primal;
        for (var i = 0; i < model.Declaration.Parameters.Count; i++)
        {
            var name = model.Declaration.Parameters[i].Name;
            if (!derivatives.TryGetValue(name, out var derivative) || (i < primal.Parameters.Count && primal.Parameters[i].Type != IrType.DoubleVector))
            {
                continue;
            }

            var length = name + ".Length";
            writer.Open("if (!" + derivative + ".IsEmpty && " + derivative + ".Length != " + length + ")");
            writer.Line("global::DiffOpt.GeneratedCodeSupport.ThrowLengthMismatch(\"" + derivative + "\", \"" + name + "\", " + length + ", " + derivative + ".Length);");
            writer.Close();
        }
    }

    /// <summary>The arguments of the first-order adjoint slots of <c>f</c>'s pullback: one per differentiable parameter.</summary>
    private static IEnumerable<string> FirstOrderAdjoints(IrFunction primal, System.Func<int, string> span, string scalarDiscard, System.Func<int, string?>? scalar = null)
    {
        for (var i = 0; i < primal.Parameters.Count; i++)
        {
            var parameter = primal.Parameters[i];
            if (!parameter.IsDifferentiable)
            {
                continue;
            }

            yield return parameter.Type == IrType.Double ? "ref " + (scalar?.Invoke(i) ?? scalarDiscard) : span(i);
        }
    }

    /// <summary>
    /// The arguments of the tangent slots of <c>f</c>'s primal parameters in its pushforward of the pullback: every double
    /// and every array or span parameter has one (a constant's is ignored); null means a zero tangent.
    /// </summary>
    private static IEnumerable<string> PrimalTangents(IrFunction primal, System.Func<int, string?> tangent)
    {
        for (var i = 0; i < primal.Parameters.Count; i++)
        {
            var parameter = primal.Parameters[i];
            if (parameter.Type == IrType.Double && parameter.Kind == IrParameterKind.Value)
            {
                yield return tangent(i) ?? "0.0";
            }
            else if (parameter.Type == IrType.DoubleVector && parameter.Kind is IrParameterKind.DoubleArray or IrParameterKind.ReadOnlySpan or IrParameterKind.Matrix)
            {
                yield return tangent(i) ?? "default";
            }
        }
    }
}
