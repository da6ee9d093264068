using System.Globalization;
using System.Text;
using CsCheck;

namespace DiffOpt.Generators.Tests.PropertyBased;

/// <summary>A random [Differentiable] function and the points to check it at.</summary>
/// <param name="Body">The body, starting with "=>" (expression body) or "{" (block body).</param>
/// <param name="SpanInput">Whether <c>w</c> is a <c>ReadOnlySpan&lt;double&gt;</c> (else <c>double[]</c>).</param>
/// <param name="GradientInputs">Which of x0, x1, x2, w (bits 0..3) the [Gradient] differentiates.</param>
/// <param name="JvpInputs">Which of x0, x1, x2, w (bits 0..3) the [Jvp] takes tangents for.</param>
/// <param name="Points">Values of (x0, x1, x2, w[0], w[1], w[2]).</param>
public sealed record RandomFunction(string Body, bool SpanInput, int GradientInputs, int JvpInputs, double[][] Points)
{
    /// <summary>Whether flat input i (0..5) is among the inputs in <paramref name="mask"/>.</summary>
    public static bool Includes(int mask, int flatInput) => (mask & (1 << Math.Min(flatInput, 3))) != 0;

    public override string ToString() =>
        (SpanInput ? "ReadOnlySpan<double> w" : "double[] w") + " " + Body
        + " gradient in " + Names(GradientInputs) + ", JVP in " + Names(JvpInputs)
        + " at " + string.Join("; ", Points.Select(p => string.Join(", ", p.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));

    private static string Names(int mask) => string.Join("/", new[] { "x0", "x1", "x2", "w" }.Where((_, k) => (mask & (1 << k)) != 0));
}

/// <summary>
/// CsCheck generators of well-typed C# inside DiffOpt's supported subset: variables x0..x2 (double), w (three
/// elements, read by constant index and by the int parameter n), locals, constants, + − * /, unary minus,
/// every supported Math member with its arguments kept inside its domain (kinks and jumps included: the
/// checker skips points within a step of them), ?: over comparisons and &amp;&amp; || !, calls to [Differentiable]
/// helpers in the same type (scalar and vector arguments) and in another type, and block bodies with locals, compound assignment, reassigned parameters, if/else and early return.
/// </summary>
public static class RandomPrograms
{
    /// <summary>The number of double inputs: x0, x1, x2, w[0], w[1], w[2].</summary>
    public const int InputCount = 6;

    /// <summary>The value passed for the int parameter n (an index into w).</summary>
    public const int N = 1;

    /// <summary>[Differentiable] helpers every random function may call: H on scalars, S on w (array or span).</summary>
    public const string HelperSource =
        "[Differentiable] public static double H(double a, double b) => Math.Sin(a) * b + a * a / 4;\n"
        + "    [Differentiable] public static double S(ReadOnlySpan<double> v) => v[0] * v[1] + Math.Sin(v[v.Length - 1]);";

    /// <summary>A second type with a [Differentiable] helper, for calls across types.</summary>
    public const string OtherTypeSource =
        "public static partial class Helpers { [Differentiable] public static double K(double a, int k) => Math.Exp(-a * a) * k + a; }";

    private static readonly string[] Parameters = ["x0", "x1", "x2"];

    /// <summary>A method body, "=> …;" or "{ … }", over x0..x2, w and n.</summary>
    public static Gen<string> Body => Gen.Frequency((2, ExpressionBody), (3, BlockBody));

    private static Gen<string> ExpressionBody { get; } = Expression(3, Parameters).Select(e => "=> " + e + ";");

    private static Gen<string> BlockBody { get; } =
        from first in Expression(2, Parameters)
        from update in Update("t0", ["x0", "x1", "x2", "t0"])
        from second in Expression(2, ["x0", "x1", "x2", "t0"])
        from condition in Condition(2, ["x0", "x1", "x2", "t0", "t1"])
        from thenUpdate in Update("t1", ["x0", "x1", "x2", "t0", "t1"])
        from elseUpdate in Update("t0", ["x0", "x1", "x2", "t0", "t1"])
        from hasElse in Gen.Bool
        from earlyCondition in Condition(2, ["x0", "x1", "x2", "t0", "t1"])
        from early in Expression(2, ["x0", "x1", "x2", "t0", "t1"])
        from nested in Gen.Bool
        from innerCondition in Condition(1, ["x1", "t1"])
        from reassigned in Gen.OneOfConst("x0", "x1", "x2")
        from reassignment in Expression(1, ["x0", "x1", "x2", "t0", "t1"])
        from last in Expression(2, ["x0", "x1", "x2", "t0", "t1"])
        select new StringBuilder()
            .Append("{ ")
            .Append("double t0 = ").Append(first).Append("; ")
            .Append(update).Append(' ')
            .Append("double t1 = ").Append(second).Append("; ")
            .Append("if (").Append(condition).Append(") { ").Append(thenUpdate).Append(" }")
            .Append(hasElse ? " else { " + elseUpdate + " } " : " ")
            .Append(nested
                ? "if (" + earlyCondition + ") { if (" + innerCondition + ") { return " + early + "; } t1 -= t0; } "
                : "if (" + earlyCondition + ") { return " + early + "; } ")
            .Append(reassigned).Append(" = ").Append(reassignment).Append("; ")
            .Append("return ").Append(last).Append("; }")
            .ToString();

    // Uniform on a fine grid in [-1.5, 1.5], off the round numbers the constants use.
    private static Gen<double> Coordinate { get; } = Gen.Int[-15000, 15000].Select(i => i / 10000.0 + 3.1e-5);

    // Declared after the bodies: static initializers run in textual order.
    public static Gen<RandomFunction> Function { get; } =
        from body in Body
        from span in Gen.Bool
        from gradientInputs in Gen.Frequency((1, Gen.Int[1, 14]), (1, Gen.Const(15)))
        from jvpInputs in Gen.Frequency((1, Gen.Int[1, 14]), (1, Gen.Const(15)))
        from points in Coordinate.Array[InputCount].Array[3]
        select new RandomFunction(body, span, gradientInputs, jvpInputs, points);

    /// <summary>An assignment or compound assignment to <paramref name="target"/>.</summary>
    private static Gen<string> Update(string target, string[] variables) =>
        from op in Gen.OneOfConst("=", "+=", "-=", "*=", "/=")
        from value in Expression(1, variables)
        select op == "/=" ? $"{target} /= 1 + ({value}) * ({value});" : $"{target} {op} {value};";

    /// <summary>A double expression of at most <paramref name="depth"/> levels over <paramref name="variables"/>.</summary>
    public static Gen<string> Expression(int depth, string[] variables)
    {
        var leaf = Gen.Frequency(
            (4, Gen.OneOfConst(variables)),
            (3, Gen.OneOfConst("w[0]", "w[1]", "w[2]", "w[n]", "w[w.Length - 1]", "w[n + 1]", "S(w)")),
            (2, Gen.OneOfConst("0.5", "2.0", "1.5", "3.0", "0.25", "(-0.75)", "Math.PI", "1e-3")));
        if (depth <= 0)
        {
            return leaf;
        }

        var sub = Expression(depth - 1, variables);
        var unary =
            from f in Gen.OneOfConst(
                "(-{0})", "Math.Exp(Math.Tanh({0}))", "Math.Log(1 + {0} * {0})", "Math.Sqrt(1 + {0} * {0})", "Math.Sin({0})",
                "Math.Cos({0})", "Math.Atan({0})", "Math.Pow({0}, 2)", "Math.Tanh({0})", "Math.Asinh({0})",
                "Math.Exp(-({0}) * ({0}))", "(double)n * {0}", "Math.Abs({0})", "Math.Clamp({0}, -1, 1)", "Math.Sinh(Math.Tanh({0}))",
                "Math.Cosh(Math.Tanh({0}))", "Math.Asin(0.9 * Math.Tanh({0}))", "Math.Acos(0.5 * Math.Sin({0}))", "Math.Atanh(0.5 * Math.Tanh({0}))",
                "Math.Acosh(2 + {0} * {0})", "Math.Log10(1 + {0} * {0})", "Math.Log2(2 + Math.Sin({0}))", "Math.Cbrt(1 + {0} * {0})",
                "Math.Tan(Math.Atan({0}) / 2)", "(Math.Floor({0}) * 0.5)", "(Math.Round({0}) + {0})", "(Math.Sign({0}) * {0})", "Helpers.K({0}, n + 1)")
            from a in sub
            select string.Format(CultureInfo.InvariantCulture, f, a);
        var binary =
            from f in Gen.OneOfConst(
                "({0} + {1})", "({0} - {1})", "({0} * {1})", "({0} / (1 + {1} * {1}))", "({0} / 2.5)", "H({0}, {1})", "Math.Atan2({0}, 2 + Math.Cos({1}))",
                "Math.Max({0}, {1})", "Math.Min({0}, {1})", "Math.Pow(1 + {0} * {0}, Math.Sin({1}))", "Math.Log(2 + Math.Cos({0}), 3 + {1} * {1})",
                "Math.FusedMultiplyAdd({0}, {1}, 0.5)", "Math.Clamp({0}, -1 - {1} * {1}, 1 + {1} * {1})")
            from a in sub
            from b in sub
            select string.Format(CultureInfo.InvariantCulture, f, a, b);
        var conditional =
            from c in Condition(1, variables)
            from a in sub
            from b in sub
            select $"({c} ? {a} : {b})";
        return Gen.Frequency((2, leaf), (3, unary), (4, binary), (1, conditional));
    }

    /// <summary>A bool condition: comparisons of expressions combined with &amp;&amp;, || and !.</summary>
    public static Gen<string> Condition(int depth, string[] variables)
    {
        var comparison =
            from op in Gen.OneOfConst("<", "<=", ">", ">=")
            from a in Expression(1, variables)
            from b in Expression(1, variables)
            select $"{a} {op} {b}";
        if (depth <= 0)
        {
            return comparison;
        }

        var sub = Condition(depth - 1, variables);
        var combined =
            from op in Gen.OneOfConst("&&", "||")
            from a in sub
            from b in sub
            select $"({a} {op} {b})";
        var negated = sub.Select(c => $"!({c})");
        return Gen.Frequency((4, comparison), (2, combined), (1, negated));
    }

    /// <summary>
    /// One compilation unit with the functions, their [Gradient]/[Jvp] declarations (over each function's
    /// subsets of inputs), the helper, and flat adapters with fixed signatures that tests bind delegates to:
    /// <c>F{i}Value(double[] v)</c>, <c>F{i}GradientFlat(double[] v, double[] g)</c> (fills only the declared
    /// entries) and <c>F{i}JvpFlat(double[] v, double[] t, out double r)</c> (ignores undeclared tangents), with
    /// v = (x0, x1, x2, w[0], w[1], w[2]).
    /// </summary>
    public static string Source(string @namespace, IReadOnlyList<RandomFunction> functions)
    {
        var source = new StringBuilder();
        source.AppendLine("using System;").AppendLine("using DiffOpt;").AppendLine("namespace " + @namespace + ";");
        source.AppendLine("public static partial class Functions").AppendLine("{").AppendLine("    " + HelperSource);
        for (var i = 0; i < functions.Count; i++)
        {
            var f = functions[i];
            var w = f.SpanInput ? "ReadOnlySpan<double> w" : "double[] w";
            var wArgument = f.SpanInput ? "v.AsSpan(3)" : "v[3..]";
            var primal = $"double x0, double x1, double x2, {w}, int n";
            var primalArguments = $"v[0], v[1], v[2], {wArgument}, {N}";
            var gradientParameters = Selected(f.GradientInputs, ["out double dx0", "out double dx1", "out double dx2", "Span<double> dw"]);
            var gradientArguments = Selected(f.GradientInputs, ["out g[0]", "out g[1]", "out g[2]", "g.AsSpan(3)"]);
            var jvpParameters = Selected(f.JvpInputs, ["double dx0", "double dx1", "double dx2", "ReadOnlySpan<double> dw"]);
            var jvpArguments = Selected(f.JvpInputs, ["t[0]", "t[1]", "t[2]", "t.AsSpan(3)"]);
            source.AppendLine($"    [Differentiable] public static double F{i}({primal}) {f.Body}");
            source.AppendLine($"    [Gradient(nameof(F{i}))] public static partial double F{i}Gradient({primal}, {gradientParameters});");
            source.AppendLine($"    [Jvp(nameof(F{i}))] public static partial double F{i}Jvp({primal}, {jvpParameters}, out double dResult);");
            source.AppendLine($"    public static double F{i}Value(double[] v) => F{i}({primalArguments});");
            source.AppendLine($"    public static double F{i}GradientFlat(double[] v, double[] g) => F{i}Gradient({primalArguments}, {gradientArguments});");
            source.AppendLine($"    public static double F{i}JvpFlat(double[] v, double[] t, out double r) => F{i}Jvp({primalArguments}, {jvpArguments}, out r);");
        }

        return source.AppendLine("}").AppendLine(OtherTypeSource).ToString();
    }

    private static string Selected(int mask, string[] items) => string.Join(", ", items.Where((_, k) => (mask & (1 << k)) != 0));
}
