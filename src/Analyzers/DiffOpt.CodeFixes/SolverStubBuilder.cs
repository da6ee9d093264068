using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;

namespace DiffOpt.CodeFixes;

/// <summary>
/// Writes the methods the solver fixes insert: an optimality condition for a hand-written <c>[ImplicitDiff]</c> solver
/// (DOPT0016) and a projection or proximal operator an <c>[Optimize]</c> solver names (DOPT0017). Each is
/// <c>[Differentiable]</c>, has the shape the rules accept, and a body that compiles and says what to write.
/// </summary>
internal static class SolverStubBuilder
{
    /// <summary>The suggested condition name: <c>FitCondition</c>.</summary>
    public static string ConditionName(IMethodSymbol solver) => solver.Name + "Condition";

    /// <summary>
    /// <c>[Differentiable] void FitCondition(ReadOnlySpan&lt;double&gt; x, θ…, Span&lt;double&gt; residual)</c>: θ being the
    /// solver's parameters after its initial point. The body leaves the residual at zero, whose Jacobian is singular, so a
    /// derivative taken before the TODO is done fails loudly (ImplicitDifferentiationException) instead of being wrong.
    /// </summary>
    public static string Condition(IMethodSymbol solver, string name)
    {
        var theta = SolverDeclarationRules.ConditionParameters(solver);
        var taken = new HashSet<string>(theta.Select(p => p.Name));
        var x = Unique("x", taken);
        var residual = Unique("residual", taken);
        var i = Unique("i", taken);
        var parameters = new List<string> { "ReadOnlySpan<double> " + x };
        parameters.AddRange(theta.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + DerivativeDeclarationBuilder.Escape(p.Name)));
        parameters.Add("Span<double> " + residual);
        return "[Differentiable]\n"
            + Modifiers(solver) + " void " + name + "(" + string.Join(", ", parameters) + ")\n"
            + "{\n"
            + "    // TODO: write F(" + x + ", θ) into " + residual + ", zero exactly at the solution " + solver.Name + " returns: for a minimiser,\n"
            + "    // the gradient in " + x + " of the objective it minimises. While F is zero everywhere its Jacobian is singular, and\n"
            + "    // differentiating a call to " + solver.Name + " throws ImplicitDifferentiationException.\n"
            + "    for (int " + i + " = 0; " + i + " < " + residual + ".Length; " + i + "++)\n"
            + "    {\n"
            + "        " + residual + "[" + i + "] = 0;\n"
            + "    }\n"
            + "}";
    }

    /// <summary>
    /// An identity projection <c>void P(ReadOnlySpan&lt;double&gt; x, Span&lt;double&gt; projected)</c> or proximal operator
    /// <c>void Q(ReadOnlySpan&lt;double&gt; x, double step, Span&lt;double&gt; result)</c> (no constraint, g = 0), to be replaced.
    /// </summary>
    public static string Constraint(IMethodSymbol solver, string name, bool isProx)
    {
        var output = isProx ? "result" : "projected";
        var todo = isProx
            ? "    // TODO: write prox_{step·g}(x) = argmin_z g(z) + ‖z − x‖² / (2·step) into result; as written g = 0 (no regulariser).\n"
            : "    // TODO: write the Euclidean projection of x onto the feasible set into projected; as written the set is everything.\n";
        return "[Differentiable]\n"
            + Modifiers(solver) + " void " + name + "(ReadOnlySpan<double> x, " + (isProx ? "double step, " : string.Empty) + "Span<double> " + output + ")\n"
            + "{\n"
            + todo
            + "    for (int i = 0; i < x.Length; i++)\n"
            + "    {\n"
            + "        " + output + "[i] = x[i];\n"
            + "    }\n"
            + "}";
    }

    private static string Modifiers(IMethodSymbol solver) =>
        DerivativeDeclarationBuilder.Accessibility(solver.DeclaredAccessibility) + (solver.IsStatic ? " static" : string.Empty);

    private static string Unique(string preferred, HashSet<string> taken)
    {
        var name = preferred;
        for (var k = 1; taken.Contains(name); k++)
        {
            name = preferred + k.ToString(CultureInfo.InvariantCulture);
        }

        taken.Add(name);
        return name;
    }
}
