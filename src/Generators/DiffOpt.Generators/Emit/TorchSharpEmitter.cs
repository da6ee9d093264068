using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// Implements <c>[TorchFunction]</c> declarations: the elementwise form writes the tensor statements that
/// <see cref="TorchElementwiseLowering"/> produced; the autograd form builds a <c>DiffOpt.Torch.TorchFunctionDefinition</c>
/// whose primal and pullback call the target and its generated <c>__Pullback</c> helper on CPU double arrays.
/// </summary>
internal static class TorchSharpEmitter
{
    private const string Torch = "global::DiffOpt.Torch.";

    public static string Emit(TorchFunctionModel model) => SourceFileWriter.Write(model.Type, writer =>
    {
        var summary = model.Form == TorchLoweringForm.Elementwise
            ? "TorchSharp form of <see cref=\"" + model.TargetCref + "\"/>, lowered to elementwise tensor operations: broadcasts, keeps the inputs' device and dtype, and is differentiated by TorchSharp's autograd."
            : "TorchSharp form of <see cref=\"" + model.TargetCref + "\"/> as a <c>torch.autograd.Function</c>: the forward pass runs it on CPU doubles, the backward pass runs its generated pullback; an optional leading batch dimension maps it over rows.";
        writer.Line(model.DeclarationHasDocumentation ? "// " + System.Text.RegularExpressions.Regex.Replace(summary, "<see cref=\"([^\"]*)\"/>|<c>|</c>", m => m.Groups[1].Value) : "/// <summary>" + summary + "</summary>");
        var shell = model.Declaration;
        writer.Open(shell.Modifiers + " " + shell.ReturnType + " " + shell.Name + "(" + string.Join(", ", shell.Parameters.Select(p => p.Modifier + p.Type + " " + p.Name)) + ")");
        if (model.Form == TorchLoweringForm.Elementwise)
        {
            foreach (var line in model.ElementwiseBody!.Value)
            {
                writer.Line(line);
            }
        }
        else
        {
            WriteAutogradFunction(writer, model);
        }

        writer.Close();
    });

    private static void WriteAutogradFunction(IndentedWriter writer, TorchFunctionModel model)
    {
        var tensors = new List<string>();
        var kinds = new List<string>();
        var primalArguments = new List<string>();
        var adjointArguments = new List<string>();
        string? outputLength = null;
        foreach (var p in model.Parameters)
        {
            var index = tensors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (p.Role)
            {
                case TorchParameterRole.Scalar:
                case TorchParameterRole.ConstantScalar:
                    tensors.Add(p.DeclarationName);
                    kinds.Add(Torch + "TorchInput." + p.Role);
                    primalArguments.Add("__inputs[" + index + "][0]");
                    if (p.Role == TorchParameterRole.Scalar)
                    {
                        adjointArguments.Add("ref __gradients[" + index + "][0]");
                    }

                    break;
                case TorchParameterRole.Vector:
                case TorchParameterRole.ConstantVector:
                    tensors.Add(p.DeclarationName);
                    kinds.Add(Torch + "TorchInput." + p.Role);
                    primalArguments.Add("__inputs[" + index + "]");
                    if (p.Role == TorchParameterRole.Vector)
                    {
                        adjointArguments.Add("__gradients[" + index + "]");
                    }

                    break;
                case TorchParameterRole.Output:
                    outputLength = p.DeclarationName;
                    primalArguments.Add("__output");
                    adjointArguments.Add("__outputAdjoint");
                    break;
                default:
                    primalArguments.Add(p.DeclarationName);
                    break;
            }
        }

        var target = model.Receiver + "." + model.TargetName;
        var name = "\"" + model.TargetDisplayName.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var kindArray = "new " + Torch + "TorchInput[] { " + string.Join(", ", kinds) + " }";
        var primal = string.Join(", ", primalArguments);
        var pullback = string.Join(", ", primalArguments.Concat(outputLength is null ? new[] { "__resultAdjoint" } : new string[0]).Concat(adjointArguments));
        if (outputLength is null)
        {
            writer.Line("var __definition = " + Torch + "TorchFunctionDefinition.Scalar(");
            writer.Line("    " + name + ",");
            writer.Line("    " + kindArray + ",");
            writer.Line("    __inputs => " + target + "(" + primal + "),");
            writer.Line("    (__inputs, __resultAdjoint, __gradients) => " + target + "__Pullback(" + pullback + "));");
        }
        else
        {
            writer.Line("var __definition = " + Torch + "TorchFunctionDefinition.Vector(");
            writer.Line("    " + name + ",");
            writer.Line("    " + kindArray + ",");
            writer.Line("    " + outputLength + ",");
            writer.Line("    (__inputs, __output) => " + target + "(" + primal + "),");
            writer.Line("    (__inputs, __output, __outputAdjoint, __gradients) => " + target + "__Pullback(" + pullback + "));");
        }

        writer.Line("return __definition.Apply(" + string.Join(", ", tensors) + ");");
    }
}
