using System.Globalization;
using System.Text;

namespace DiffOpt.AdTests.Properties;

/// <summary>
/// Builds a random differentiable C# method from a seed: loops of several shapes (bounded trip counts), while and
/// do/while, branches, break/continue/return inside loops, a local array with element writes and compound
/// assignments, calls to differentiable helpers (scalar, span-taking, vector-valued). Values stay bounded
/// (products take a bounded factor; divisions have positive denominators) so the primal is finite.
/// The method is <c>P{k}(ReadOnlySpan&lt;double&gt; x, double a)</c> and is called with x of length <see cref="Length"/>.
/// </summary>
internal sealed class RandomProgram
{
    /// <summary>The length of x every program is evaluated at.</summary>
    public const int Length = 4;

    private const int MaxStatementDepth = 3;
    private const int MaxExpressionDepth = 3;

    private readonly Random random;
    private readonly StringBuilder body = new();
    private readonly List<string> loopVariables = new();
    private int loopDepth;
    private int nextVariable;
    private int indent = 2;

    private RandomProgram(int seed) => random = new Random(seed);

    /// <summary>Helpers every batch declares once (in the batch's class).</summary>
    public const string Helpers = """
            [Differentiable]
            public static double H1(double p, double q) => (Math.Sin(p) * q) + (0.5 * p);

            [Differentiable]
            public static double H2(ReadOnlySpan<double> v, double p)
            {
                double r = 0;
                for (int k = 0; k < v.Length; k++)
                {
                    r += Math.Tanh(v[k] * p);
                }

                return r;
            }

            [Differentiable]
            public static void H3(ReadOnlySpan<double> v, double p, Span<double> o)
            {
                for (int k = 0; k < v.Length; k++)
                {
                    o[k] = Math.Sin(v[k] + p) * 0.5;
                }
            }

        """;

    /// <summary>The method P{index} with its [Gradient], [Jvp] and [Hvp] (in x) declarations and array-taking wrappers F/G/J/Hv{index}.</summary>
    public static string Method(int index, int seed)
    {
        var program = new RandomProgram(seed);
        var k = index.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append("    // seed ").Append(seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("    [Differentiable]\n    public static double P").Append(k).Append("(ReadOnlySpan<double> x, double a)\n    {\n");
        text.Append(program.Body());
        text.Append("    }\n\n");
        text.Append("    [Gradient(nameof(P").Append(k).Append("))]\n    public static partial double P").Append(k).Append("Gradient(ReadOnlySpan<double> x, double a, Span<double> dx, out double da);\n\n");
        text.Append("    [Jvp(nameof(P").Append(k).Append("))]\n    public static partial double P").Append(k).Append("Jvp(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> dx, double da, out double dResult);\n\n");
        text.Append("    public static double F").Append(k).Append("(double[] th) => P").Append(k).Append("(th.AsSpan(1), th[0]);\n\n");
        text.Append("    public static double G").Append(k).Append("(double[] th, double[] g)\n    {\n        var v = P").Append(k).Append("Gradient(th.AsSpan(1), th[0], g.AsSpan(1), out var d);\n        g[0] = d;\n        return v;\n    }\n\n");
        text.Append("    [Hvp(nameof(P").Append(k).Append("), \"x\")]\n    public static partial void P").Append(k).Append("Hvp(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> v, Span<double> hv);\n\n");
        text.Append("    public static double[] Hv").Append(k).Append("(double[] th, double[] v)\n    {\n        var hv = new double[th.Length - 1];\n        P").Append(k).Append("Hvp(th.AsSpan(1), th[0], v, hv);\n        return hv;\n    }\n\n");
        text.Append("    public static double J").Append(k).Append("(double[] th, double[] u)\n    {\n        P").Append(k).Append("Jvp(th.AsSpan(1), th[0], u.AsSpan(1), u[0], out var d);\n        return d;\n    }\n\n");
        return text.ToString();
    }

    /// <summary>A compilation unit holding the helpers and the programs for <paramref name="seeds"/>.</summary>
    public static string Batch(string className, IReadOnlyList<int> seeds)
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing DiffOpt;\n\nnamespace RandomPrograms;\n\npublic static partial class ").Append(className).Append("\n{\n");
        text.Append(Helpers);
        for (var i = 0; i < seeds.Count; i++)
        {
            text.Append(Method(i, seeds[i]));
        }

        text.Append("}\n");
        return text.ToString();
    }

    private string Body()
    {
        Line("double[] t = new double[x.Length];");
        Line("double s = 0.5 * a;");
        Line("double u = 0.3 * x[" + Index() + "];");
        Line("s = " + Expression(1) + ";");
        Line("u = " + Expression(1) + ";");
        if (random.Next(3) == 0)
        {
            // A vector-valued callee writing the local array (outside loops).
            Line("H3(x, " + Expression(1) + ", t);");
        }

        var count = random.Next(2, 5);
        for (var i = 0; i < count; i++)
        {
            Statement(0);
        }

        Line("return " + Expression(2) + ";");
        return body.ToString();
    }

    private void Statement(int depth)
    {
        var choice = random.Next(depth >= MaxStatementDepth ? 4 : 10);
        switch (choice)
        {
            case 0:
                Line(random.Next(2) == 0 ? "s = " + Expression(0) + ";" : "u = " + Expression(0) + ";");
                break;
            case 1:
                Line((random.Next(2) == 0 ? "s" : "u") + Pick(" += 0.3 * ", " -= 0.2 * ") + Expression(0) + ";");
                break;
            case 2:
                Line((random.Next(2) == 0 ? "s" : "u") + " *= " + Bounded(0) + ";");
                break;
            case 3:
                Line("t[" + Index() + "]" + Pick(" = ", " += 0.5 * ", " -= 0.5 * ") + Expression(0) + ";");
                if (random.Next(3) == 0)
                {
                    Line("t[" + Index() + "] *= " + Bounded(0) + ";");
                }

                break;
            case 4:
            case 5:
                For(depth);
                break;
            case 6:
                While(depth);
                break;
            case 7:
                Line("if (" + Condition() + ")");
                Block(depth);
                if (random.Next(2) == 0)
                {
                    Line("else");
                    Block(depth);
                }

                break;
            case 8 when loopDepth > 0:
                Line("if (" + Condition() + ")");
                Line("{");
                indent++;
                Line(Pick("break;", "continue;", "return " + Expression(1) + ";"));
                indent--;
                Line("}");
                break;
            default:
                Line("s += " + Pick("H1(" + Expression(1) + ", " + Expression(1) + ")", "0.2 * H2(" + Pick("t", "x") + ", " + Bounded(1) + ")") + ";");
                break;
        }
    }

    private void For(int depth)
    {
        var v = "i" + (nextVariable++).ToString(CultureInfo.InvariantCulture);
        string header;
        switch (random.Next(loopVariables.Count > 0 ? 6 : 5))
        {
            case 0:
                header = "for (int " + v + " = 0; " + v + " < x.Length; " + v + "++)";
                break;
            case 1:
                header = "for (int " + v + " = x.Length - 1; " + v + " >= 0; " + v + "--)";
                break;
            case 2:
                header = "for (int " + v + " = " + random.Next(2).ToString(CultureInfo.InvariantCulture) + "; " + v + " < t.Length; " + v + " += 2)";
                break;
            case 3:
                header = "for (int " + v + " = 0; " + v + " < " + random.Next(1, 4).ToString(CultureInfo.InvariantCulture) + "; " + v + "++)";
                break;
            case 4:
                header = "for (int " + v + " = 1; " + v + " < x.Length; " + v + " *= 2)";
                break;
            default:
                // Triangular: bounded by an enclosing loop variable.
                header = "for (int " + v + " = 0; " + v + " <= " + loopVariables[random.Next(loopVariables.Count)] + "; " + v + "++)";
                break;
        }

        Line(header);
        loopVariables.Add(v);
        loopDepth++;
        Block(depth);
        loopDepth--;
        loopVariables.Remove(v);
    }

    private void While(int depth)
    {
        var v = "w" + (nextVariable++).ToString(CultureInfo.InvariantCulture);
        Line("int " + v + " = 0;");
        var limit = random.Next(1, 4).ToString(CultureInfo.InvariantCulture);
        var isDo = random.Next(2) == 0;
        var condition = v + " < " + limit + (random.Next(3) == 0 ? " && s < 3" : string.Empty);
        Line(isDo ? "do" : "while (" + condition + ")");
        Line("{");
        indent++;

        // The counter moves first, so that continue cannot skip it.
        Line(v + "++;");
        loopVariables.Add(v);
        loopDepth++;
        var count = random.Next(1, 3);
        for (var i = 0; i < count; i++)
        {
            Statement(depth + 1);
        }

        loopDepth--;
        loopVariables.Remove(v);
        indent--;
        Line(isDo ? "} while (" + condition + ");" : "}");
    }

    private void Block(int depth)
    {
        Line("{");
        indent++;
        var count = random.Next(1, 3);
        for (var i = 0; i < count; i++)
        {
            Statement(depth + 1);
        }

        indent--;
        Line("}");
    }

    private string Condition() => random.Next(5) switch
    {
        0 when loopVariables.Count > 0 => loopVariables[random.Next(loopVariables.Count)] + " % 2 == 0",
        1 => "x[" + Index() + "] > " + Constant(),
        2 => "s > " + Constant(),
        3 => Expression(1) + " < " + Expression(1),
        _ => "u < 0.5",
    };

    private string Expression(int depth)
    {
        if (depth >= MaxExpressionDepth || random.Next(3) == 0)
        {
            return Leaf();
        }

        return random.Next(8) switch
        {
            0 => "(" + Expression(depth + 1) + " + " + Expression(depth + 1) + ")",
            1 => "(" + Expression(depth + 1) + " - " + Expression(depth + 1) + ")",
            2 => "(" + Expression(depth + 1) + " * " + Bounded(depth + 1) + ")",
            3 => "(" + Expression(depth + 1) + " / (1.5 + " + Square(depth + 1) + "))",
            4 => "Math.Sqrt(1 + " + Square(depth + 1) + ")",
            5 => "(" + Condition() + " ? " + Expression(depth + 1) + " : " + Expression(depth + 1) + ")",
            6 => "H1(" + Expression(depth + 1) + ", " + Bounded(depth + 1) + ")",
            _ => Bounded(depth),
        };
    }

    /// <summary>An expression with |value| ≤ 1.5.</summary>
    private string Bounded(int depth)
    {
        var inner = depth >= MaxExpressionDepth ? Leaf() : Expression(depth + 1);
        return random.Next(6) switch
        {
            0 => "Math.Sin(" + inner + ")",
            1 => "Math.Cos(" + inner + ")",
            2 => "Math.Tanh(" + inner + ")",
            3 => "Math.Exp(0.4 * Math.Tanh(" + inner + "))",
            4 => "Math.Log(2 + Math.Sin(" + inner + "))",
            _ => Constant(),
        };
    }

    private string Square(int depth)
    {
        var e = Leaf();
        return e + " * " + e;
    }

    private string Leaf()
    {
        var choice = random.Next(loopVariables.Count > 0 ? 8 : 7);
        return choice switch
        {
            0 => "s",
            1 => "u",
            2 => "a",
            3 or 4 => "x[" + Index() + "]",
            5 => "t[" + Index() + "]",
            6 => Constant(),
            _ => "(0.1 * " + loopVariables[random.Next(loopVariables.Count)] + ")",
        };
    }

    private string Index()
    {
        if (loopVariables.Count > 0 && random.Next(3) > 0)
        {
            var v = loopVariables[random.Next(loopVariables.Count)];
            return random.Next(2) == 0 ? v + " % x.Length" : "(" + v + " + 1) % x.Length";
        }

        return random.Next(Length).ToString(CultureInfo.InvariantCulture);
    }

    private string Constant() => Pick("0.7", "1.3", "-0.4", "0.25", "2.0", "-1.1");

    private string Pick(params string[] options) => options[random.Next(options.Length)];

    private void Line(string text) => body.Append(' ', indent * 4).Append(text).Append('\n');
}
