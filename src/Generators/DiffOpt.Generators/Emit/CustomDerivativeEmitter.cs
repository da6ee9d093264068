using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// The helpers of a method with a <c>[DerivativeOf]</c> derivative, written around the user's derivative instead of
/// derived from the body: the pullback scales its gradient (or passes the output cotangents to its VJP), the pushforward
/// dots its gradient with the tangents. What a first-order derivative cannot give throws <c>NotSupportedException</c>.
/// </summary>
internal static class CustomDerivativeEmitter
{
    public static string Emit(CustomDerivativeModel model) => SourceFileWriter.Write(model.Type, writer =>
    {
        var primal = model.Primal;
        var vectorValued = primal.ReturnType == IrType.Void;
        var modifiers = model.Accessibility + (model.IsStatic ? " static" : string.Empty);
        var receiver = model.IsStatic ? string.Empty : "this.";
        var scope = new NameScope(primal.Parameters.Select(p => p.Name));
        var adjoints = primal.Parameters.Where(p => p.IsDifferentiable || p.IsOutput).ToDictionary(p => p.Name, p => scope.Fresh(p.Name + "Adjoint"));
        var tangents = primal.Parameters.Where(p => p.IsDifferentiable || p.IsOutput).ToDictionary(p => p.Name, p => scope.Fresh(p.Name + "Tangent"));
        var gradients = primal.Parameters.Where(p => p.IsDifferentiable).ToDictionary(p => p.Name, p => scope.Fresh(p.Name + "Gradient"));
        var seed = scope.Fresh("resultAdjoint");
        var resultTangent = scope.Fresh("resultTangent");
        var value = scope.Fresh("value");
        var primalArguments = string.Join(", ", model.PrimalParameters.Select(p => p.Name));
        var pullbackParameters = model.PrimalParameters.Select(Spell).ToList();
        if (!vectorValued)
        {
            pullbackParameters.Add("double " + seed);
        }

        foreach (var p in primal.Parameters.Where(p => p.IsDifferentiable || p.IsOutput))
        {
            pullbackParameters.Add(p.Type == IrType.DoubleVector ? "global::System.Span<double> " + adjoints[p.Name] : "ref double " + adjoints[p.Name]);
        }

        // Pullback.
        writer.Line("/// <summary>Pullback of <see cref=\"" + model.PrimalCref + "\"/> through its custom derivative <see cref=\"" + model.Derivative + "\"/>. Called by generated derivative code.</summary>");
        SourceFileWriter.WriteHelperAttributes(writer);
        writer.Open(modifiers + " void " + primal.Name + KnownNames.PullbackSuffix + "(" + string.Join(", ", pullbackParameters) + ")");
        var derivativeArguments = new List<string> { primalArguments };
        foreach (var input in model.Inputs)
        {
            if (input.IsOutput)
            {
                derivativeArguments.Add(adjoints[input.Input]);
            }
            else if (input.IsVector)
            {
                writer.Line("double[] " + gradients[input.Input] + " = global::DiffOpt.GeneratedCodeSupport.RentZeroed(" + input.Input + ".Length);");
                derivativeArguments.Add("global::System.MemoryExtensions.AsSpan(" + gradients[input.Input] + ", 0, " + input.Input + ".Length)");
            }
            else
            {
                derivativeArguments.Add("out double " + gradients[input.Input]);
            }
        }

        writer.Line(receiver + model.Derivative + "(" + string.Join(", ", derivativeArguments.Where(a => a.Length > 0)) + ");");
        var scale = vectorValued ? "1.0" : seed;
        foreach (var input in model.Inputs.Where(i => !i.IsOutput))
        {
            if (input.IsVector)
            {
                writer.Line("global::DiffOpt.GeneratedCodeSupport.AccumulateScaled(" + adjoints[input.Input] + ", " + gradients[input.Input] + ", " + scale + ");");
                writer.Line("global::DiffOpt.GeneratedCodeSupport.ReturnRented(" + gradients[input.Input] + ");");
            }
            else
            {
                writer.Line(adjoints[input.Input] + " += " + (vectorValued ? string.Empty : scale + " * ") + gradients[input.Input] + ";");
            }
        }

        foreach (var output in model.Inputs.Where(i => i.IsOutput))
        {
            // Pullbacks consume the cotangents of the outputs they wrote.
            writer.Line(adjoints[output.Input] + ".Clear();");
        }

        writer.Close();
        writer.Line();

        // Pushforward.
        var pushforwardParameters = model.PrimalParameters.Select(Spell).ToList();
        foreach (var p in primal.Parameters.Where(p => p.IsDifferentiable || p.IsOutput))
        {
            pushforwardParameters.Add((p.IsOutput ? "global::System.Span<double> " : p.Type == IrType.DoubleVector ? "global::System.ReadOnlySpan<double> " : "double ") + tangents[p.Name]);
        }

        if (!vectorValued)
        {
            pushforwardParameters.Add("out double " + resultTangent);
        }

        writer.Line("/// <summary>Pushforward of <see cref=\"" + model.PrimalCref + "\"/> through its custom derivative <see cref=\"" + model.Derivative + "\"/>. Called by generated derivative code.</summary>");
        SourceFileWriter.WriteHelperAttributes(writer);
        writer.Open(modifiers + (vectorValued ? " void " : " double ") + primal.Name + KnownNames.PushforwardSuffix + "(" + string.Join(", ", pushforwardParameters) + ")");
        if (vectorValued)
        {
            writer.Line("global::DiffOpt.GeneratedCodeSupport.ThrowCustomDerivativeUnsupported(\"" + model.Type.FullName + "." + primal.Name + "\", \"Forward mode (a JVP)\");");
        }
        else
        {
            var terms = new List<string>();
            foreach (var input in model.Inputs)
            {
                if (input.IsVector)
                {
                    writer.Line("double[] " + gradients[input.Input] + " = global::DiffOpt.GeneratedCodeSupport.RentZeroed(" + input.Input + ".Length);");
                    terms.Add("global::DiffOpt.GeneratedCodeSupport.Dot(" + gradients[input.Input] + ", " + tangents[input.Input] + ")");
                }
                else
                {
                    terms.Add(gradients[input.Input] + " * " + tangents[input.Input]);
                }
            }

            writer.Line("double " + value + " = " + receiver + model.Derivative + "(" + string.Join(", ", derivativeArguments.Where(a => a.Length > 0)) + ");");
            writer.Line(resultTangent + " = " + (terms.Count == 0 ? "0.0" : string.Join(" + ", terms)) + ";");
            foreach (var input in model.Inputs.Where(i => i.IsVector))
            {
                writer.Line("global::DiffOpt.GeneratedCodeSupport.ReturnRented(" + gradients[input.Input] + ");");
            }

            writer.Line("return " + value + ";");
        }

        writer.Close();
        writer.Line();

        // Pushforward of the pullback: would need the derivative of the custom derivative.
        writer.Line("/// <summary>Second derivatives through the custom derivative of <see cref=\"" + model.PrimalCref + "\"/> are not available.</summary>");
        SourceFileWriter.WriteHelperAttributes(writer);
        writer.Open(modifiers + " void " + primal.Name + KnownNames.PullbackSuffix + KnownNames.PushforwardSuffix + "(" + string.Join(", ", SecondOrderSignature.Parameters(pullbackParameters, scope)) + ")");
        writer.Line("global::DiffOpt.GeneratedCodeSupport.ThrowCustomDerivativeUnsupported(\"" + model.Type.FullName + "." + primal.Name + "\", \"A second derivative (Hessian-vector product)\");");
        writer.Close();
    });

    private static string Spell(ParameterShell parameter) => parameter.Modifier + parameter.Type + " " + parameter.Name;

}
