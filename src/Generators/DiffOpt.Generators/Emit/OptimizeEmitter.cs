using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// Implements an <c>[Optimize]</c> declaration: a call of the runtime minimiser (<c>Minimize.Lbfgs</c>, <c>GradientDescent</c>,
/// <c>NewtonCg</c>, <c>ProjectedGradient</c> or <c>ProximalGradient</c>) with callbacks that call the generated value-and-gradient
/// (and Hessian-vector product) of the objective, which this emitter also writes, by the same code as user <c>[Gradient]</c>
/// and <c>[Hvp]</c> declarations.
/// </summary>
internal static class OptimizeEmitter
{
    private const string Solvers = "global::DiffOpt.Solvers.";

    /// <summary>The name of the generated value-and-gradient of the objective.</summary>
    public static string ValueAndGradientName(string solver) => solver + "__ValueAndGradient";

    /// <summary>The name of the generated Hessian-vector product of the objective in its first parameter.</summary>
    public static string HessianVectorProductName(string solver) => solver + "__HessianVectorProduct";

    /// <summary>The solver's body.</summary>
    public static string Emit(OptimizeModel model) => SourceFileWriter.Write(model.Type, writer =>
    {
        var scope = new NameScope(model.Declaration.Parameters.Select(p => p.Name));
        var x0 = model.InitialPoint;
        var captured = new Dictionary<string, string>();
        var copies = new List<string>();
        foreach (var theta in model.Theta.Where(t => t.Kind == ThetaKind.ReadOnlySpan))
        {
            // Lambdas cannot capture spans: copy them once.
            captured[theta.Name] = scope.Fresh(theta.Name.TrimStart('@') + "Array");
            copies.Add("double[] " + captured[theta.Name] + " = " + theta.Name + ".ToArray();");
        }

        string Arg(ThetaParameter t) => captured.TryGetValue(t.Name, out var copy) ? copy : t.Name;
        var thetaArguments = string.Concat(model.Theta.Select(t => ", " + Arg(t)));
        var point = scope.Fresh("point");
        var gradient = scope.Fresh("gradient");
        var result = scope.Fresh("result");
        // Calls without options (all calls from differentiable code) run with the attribute's Tolerance/MaxIterations.
        var options = model.Options is { } passed
            ? (model.DefaultOptions is { } fallback ? "(" + passed + " ?? " + fallback + ")" : passed)
            : model.DefaultOptions ?? "null";

        writer.Line("/// <summary>Minimises <see cref=\"" + model.ObjectiveCref + "\"/> over its first parameter from <paramref name=\"" + x0 + "\"/>"
            + (model.ReturnsResult ? "; returns the full report." : "; returns the solution, or throws <see cref=\"global::DiffOpt.Solvers.OptimizationException\"/> with the report when the solver does not converge.") + "</summary>");
        writer.Open(model.Declaration.Modifiers + " " + model.Declaration.ReturnType + " " + model.Declaration.Name + "(" + string.Join(", ", model.Declaration.Parameters.Select(p => p.Modifier + p.Type + " " + p.Name)) + ")");
        writer.Open("if (" + x0 + ".Length == 0)");
        writer.Line("throw new global::System.ArgumentException(\"The initial point is empty.\", nameof(" + x0 + "));");
        writer.Close();
        writer.Line();
        foreach (var copy in copies)
        {
            writer.Line(copy);
        }

        var valueAndGradient = "(" + point + ", " + gradient + ") => " + ValueAndGradientName(model.Declaration.Name) + "(" + point + thetaArguments + ", " + gradient + ")";
        string call;
        if (model.Constraint is { } constraint)
        {
            var buffer = scope.Fresh(model.IsProx ? "proximal" : "projected");
            var constraintTheta = model.ConstraintTakesTheta ? thetaArguments : string.Empty;
            writer.Line("double[] " + buffer + " = new double[" + x0 + ".Length];");
            if (model.IsProx)
            {
                var step = scope.Fresh("step");
                call = Solvers + "Minimize.ProximalGradient(" + valueAndGradient + ", (" + point + ", " + step + ") => { " + constraint + "(" + point + ", " + step + constraintTheta + ", " + buffer + "); "
                    + "global::System.MemoryExtensions.AsSpan(" + buffer + ").CopyTo(" + point + "); return 0.0; }, " + x0 + ", " + options + ")";
            }
            else
            {
                call = Solvers + "Minimize.ProjectedGradient(" + valueAndGradient + ", " + point + " => { " + constraint + "(" + point + constraintTheta + ", " + buffer + "); "
                    + "global::System.MemoryExtensions.AsSpan(" + buffer + ").CopyTo(" + point + "); }, " + x0 + ", " + options + ")";
            }
        }
        else if (model.Method == 2)
        {
            var direction = scope.Fresh("direction");
            var product = scope.Fresh("product");
            call = Solvers + "Minimize.NewtonCg(" + valueAndGradient + ", (" + point + ", " + direction + ", " + product + ") => " + HessianVectorProductName(model.Declaration.Name) + "(" + point + thetaArguments + ", " + direction + ", " + product + "), " + x0 + ", " + options + ")";
        }
        else
        {
            call = Solvers + "Minimize." + (model.Method == 1 ? "GradientDescent" : "Lbfgs") + "(" + valueAndGradient + ", " + x0 + ", " + options + ")";
        }

        writer.Line(Solvers + "OptimizationResult " + result + " = " + call + ";");
        writer.Line(model.ReturnsResult ? "return " + result + ";" : "return " + result + ".EnsureConverged().Solution;");
        writer.Close();
    });

    /// <summary>The value and gradient of the objective in its first parameter, as a generated <c>[Gradient]</c>.</summary>
    public static string EmitValueAndGradient(OptimizeModel model)
    {
        var (primal, parameters, names) = Primal(model);
        var gradient = names.Fresh("gradient");
        parameters.Add(new ParameterShell(string.Empty, "global::System.Span<double>", gradient));
        var shell = new MethodShell(Modifiers(model), "double", ValueAndGradientName(model.Declaration.Name), parameters.ToEquatableArray());
        return DerivativeEmitter.Emit(new DerivativeModel(model.Type, DerivativeKind.Gradient, shell, primal, EquatableArray.Of(new DerivativeInput(primal.Parameters[0].Name, gradient, true)), null, true, model.ObjectiveCref, false, model.HintName.Replace(".Optimize.", ".OptimizeGradient.")));
    }

    /// <summary>The Hessian-vector product of the objective in its first parameter, as a generated <c>[Hvp]</c>.</summary>
    public static string EmitHessianVectorProduct(OptimizeModel model)
    {
        var (primal, parameters, names) = Primal(model);
        var direction = names.Fresh("direction");
        var product = names.Fresh("product");
        parameters.Add(new ParameterShell(string.Empty, "global::System.ReadOnlySpan<double>", direction));
        parameters.Add(new ParameterShell(string.Empty, "global::System.Span<double>", product));
        var shell = new MethodShell(Modifiers(model), "void", HessianVectorProductName(model.Declaration.Name), parameters.ToEquatableArray());
        return DerivativeEmitter.Emit(new DerivativeModel(model.Type, DerivativeKind.Hvp, shell, primal, EquatableArray.Of(new DerivativeInput(primal.Parameters[0].Name, direction, true)), product, false, model.ObjectiveCref, false, model.HintName.Replace(".Optimize.", ".OptimizeHvp.")));
    }

    private static string Modifiers(OptimizeModel model) => model.IsStatic ? "private static" : "private";

    /// <summary>The objective with its first parameter read as a span (the runtime's callbacks pass spans).</summary>
    private static (IrFunction Primal, List<ParameterShell> Parameters, NameScope Names) Primal(OptimizeModel model)
    {
        var ir = model.ObjectiveIr;
        var first = ir.Parameters[0] with { Kind = IrParameterKind.ReadOnlySpan };
        var primal = ir with { Parameters = new[] { first }.Concat(ir.Parameters.Skip(1)).ToEquatableArray() };
        var parameters = model.ObjectiveParameters.ToList();
        parameters[0] = parameters[0] with { Type = "global::System.ReadOnlySpan<double>" };
        return (primal, parameters, new NameScope(IrRewriter.AllNames(primal).Concat(parameters.Select(p => p.Name))));
    }
}
