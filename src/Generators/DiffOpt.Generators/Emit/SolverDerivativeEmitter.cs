using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// Implements a <c>[Vjp]</c>/<c>[Jvp]</c> declaration of an <c>[ImplicitDiff]</c> solver: one solve through <c>S__Solve</c> (or
/// <c>S__Solve__Pushforward</c>), then the implicit pullback (or pushforward) of <see cref="ImplicitDiffEmitter"/>.
/// </summary>
internal static class SolverDerivativeEmitter
{
    private const string Support = "global::DiffOpt.GeneratedCodeSupport.";

    public static string Emit(SolverDerivativeModel model) => SourceFileWriter.Write(model.Type, writer =>
    {
        var solver = model.Solver;
        var names = new NameScope(model.Declaration.Parameters.Select(p => p.Name));
        var x0 = model.InitialPoint;
        var result = model.Inputs.Single(i => i.IsOutput).DerivativeParameter;
        var requested = model.Inputs.Where(i => !i.IsOutput).ToDictionary(i => i.Input);
        var solution = names.Fresh("solution");
        var isVjp = model.Kind == DerivativeKind.Vjp;

        writer.Line(isVjp
            ? "/// <summary>Vector-Jacobian product of <see cref=\"" + solver.SolverCref + "\"/> by the implicit function theorem: solves once, then writes the derivatives of the parameters given the solution's cotangent <paramref name=\"" + result + "\"/> (overwriting).</summary>"
            : "/// <summary>Jacobian-vector product of <see cref=\"" + solver.SolverCref + "\"/> by the implicit function theorem: solves once, then writes the solution's tangent into <paramref name=\"" + result + "\"/>.</summary>");
        writer.Open(model.Declaration.Modifiers + " " + model.Declaration.ReturnType + " " + model.Declaration.Name + "(" + string.Join(", ", model.Declaration.Parameters.Select(p => p.Modifier + p.Type + " " + p.Name)) + ")");
        CheckLength(writer, result, x0);
        foreach (var input in requested.Values.Where(i => i.IsVector))
        {
            CheckLength(writer, input.DerivativeParameter, input.Input);
        }

        writer.Line("double[] " + solution + " = new double[" + x0 + ".Length];");
        var theta = string.Concat(solver.Theta.Select(t => ", " + t.Name));
        if (isVjp)
        {
            writer.Line(solver.Solver + "__Solve(" + x0 + theta + ", " + solution + ");");
            var cotangent = names.Fresh("cotangent");
            writer.Line("double[] " + cotangent + " = " + result + ".ToArray();");
            var arguments = new List<string>();
            var scalars = new List<(string Local, string Target)>();
            foreach (var t in solver.Theta.Where(t => t.HasSlot))
            {
                requested.TryGetValue(t.Name.TrimStart('@'), out var input);
                if (t.IsVector)
                {
                    if (input is not null)
                    {
                        writer.Line(input.DerivativeParameter + ".Clear();");
                    }

                    arguments.Add(input?.DerivativeParameter ?? "default");
                }
                else
                {
                    var local = names.Fresh(t.Name.TrimStart('@') + "Bar");
                    writer.Line("double " + local + " = 0.0;");
                    arguments.Add("ref " + local);
                    if (input is not null)
                    {
                        scalars.Add((local, input.DerivativeParameter));
                    }
                }
            }

            writer.Line(solver.Solver + "__Solve__Pullback(" + x0 + theta + ", " + solution + string.Concat(arguments.Select(a => ", " + a)) + ", " + cotangent + ");");
            foreach (var (local, target) in scalars)
            {
                writer.Line(target + " = " + local + ";");
            }
        }
        else
        {
            var tangents = solver.Theta.Where(t => t.HasSlot).Select(t => requested.TryGetValue(t.Name.TrimStart('@'), out var input) ? input.DerivativeParameter : t.IsVector ? "default" : "0.0");
            writer.Line(solver.Solver + "__Solve__Pushforward(" + x0 + theta + ", " + solution + string.Concat(tangents.Select(a => ", " + a)) + ", " + result + ");");
        }

        if (model.ReturnsSolution)
        {
            writer.Line("return " + solution + ";");
        }

        writer.Close();
    });

    private static void CheckLength(IndentedWriter writer, string span, string of)
    {
        writer.Open("if (" + span + ".Length != " + of + ".Length)");
        writer.Line(Support + "ThrowLengthMismatch(nameof(" + span + "), nameof(" + of + "), " + of + ".Length, " + span + ".Length);");
        writer.Close();
        writer.Line();
    }
}
