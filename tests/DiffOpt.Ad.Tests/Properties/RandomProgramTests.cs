using System.Globalization;
using System.Text;
using CsCheck;
using DiffOpt.AdTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace DiffOpt.AdTests.Properties;

/// <summary>
/// Property-based tests over random programs with loops, branches and local arrays: the generated gradient and JVP
/// match finite differences, the HVP matches differences of the generated gradient, and the generator never fails on random or malformed programs. Programs are batched
/// (one compilation per batch) to keep the run short.
/// </summary>
public sealed class RandomProgramTests(ITestOutputHelper output)
{
    private const int ProgramsPerBatch = 25;
    private const int Batches = 3;

    private static readonly Gen<int[]> SeedBatches = Gen.Int[0, int.MaxValue].Array[ProgramsPerBatch];

    [Fact]
    public void GradientsJvpsAndHvpsOfRandomLoopProgramsMatchFiniteDifferences()
    {
        var checkedPrograms = 0;
        var inconclusive = 0;
        SeedBatches.Sample(
            seeds =>
            {
                var (ok, skipped) = CheckBatch(seeds);
                checkedPrograms += ok;
                inconclusive += skipped;
            },
            iter: Batches,
            threads: 1,
            print: seeds => string.Join(", ", seeds));
        output.WriteLine(checkedPrograms.ToString(CultureInfo.InvariantCulture) + " programs checked, " + inconclusive.ToString(CultureInfo.InvariantCulture) + " inconclusive (near a branch switch)");

        // Most random points are away from the switches of data-dependent branches and loop exits.
        Assert.True(checkedPrograms >= 0.75 * (checkedPrograms + inconclusive), checkedPrograms + " checked, " + inconclusive + " inconclusive");
    }

    [Fact]
    public void TheGeneratorNeverFailsOnRandomOrMalformedLoopPrograms()
    {
        Gen.Select(Gen.Int[0, int.MaxValue].Array[20], Gen.Int[0, int.MaxValue].Array[20]).Sample(
            pair =>
            {
                var (seeds, mutationSeeds) = pair;
                var sources = new List<string>();
                for (var i = 0; i < seeds.Length; i++)
                {
                    var valid = RandomProgram.Batch("M" + i.ToString(CultureInfo.InvariantCulture), [seeds[i]]);
                    sources.Add(Mutate(valid, new Random(mutationSeeds[i])));
                }

                var run = InMemoryGenerator.Run(InMemoryGenerator.CreateCompilation([.. sources]));
                InMemoryGenerator.AssertGeneratorDidNotFail(run, "Sources:\n" + string.Join("\n-----\n", sources));
            },
            iter: 10,
            threads: 1);
    }

    /// <summary>
    /// Compiles one batch and checks every program; returns (checked, inconclusive). Failures are grouped by kind
    /// (value, gradient, JVP) and reported together, one example program per kind, so one bug does not hide another.
    /// </summary>
    private static (int Checked, int Inconclusive) CheckBatch(int[] seeds)
    {
        var source = RandomProgram.Batch("Batch", seeds);
        var assembly = InMemoryGenerator.CompileAndLoad(source);
        int ok = 0, inconclusive = 0;
        var failures = new Dictionary<string, List<string>>();
        for (var i = 0; i < seeds.Length; i++)
        {
            var k = i.ToString(CultureInfo.InvariantCulture);
            var f = InMemoryGenerator.Method<Func<double[], double>>(assembly, "RandomPrograms.Batch", "F" + k);
            var gradient = InMemoryGenerator.Method<Func<double[], double[], double>>(assembly, "RandomPrograms.Batch", "G" + k);
            var jvp = InMemoryGenerator.Method<Func<double[], double[], double>>(assembly, "RandomPrograms.Batch", "J" + k);
            var hvp = InMemoryGenerator.Method<Func<double[], double[], double[]>>(assembly, "RandomPrograms.Batch", "Hv" + k);
            var verdict = CheckProgram(f, gradient, jvp, hvp, new Random(seeds[i]));
            if (verdict is null)
            {
                ok++;
            }
            else if (verdict.Value.Kind.Length == 0)
            {
                inconclusive++;
            }
            else
            {
                if (!failures.TryGetValue(verdict.Value.Kind, out var list))
                {
                    failures[verdict.Value.Kind] = list = new List<string>();
                }

                list.Add("Program P" + k + " (seed " + seeds[i].ToString(CultureInfo.InvariantCulture) + "): " + verdict.Value.Message + "\n" + RandomProgram.Method(i, seeds[i]));
            }
        }

        if (failures.Count > 0)
        {
            var report = new StringBuilder();
            foreach (var (kind, list) in failures)
            {
                report.Append(list.Count.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(seeds.Length.ToString(CultureInfo.InvariantCulture)).Append(" programs: wrong ").Append(kind).Append(". First:\n").Append(list[0]).Append('\n');
            }

            Assert.Fail(report.ToString());
        }

        return (ok, inconclusive);
    }

    /// <summary>null when the derivatives match; an empty kind when finite differences are unreliable at every tried point; else the failure.</summary>
    private static (string Kind, string Message)? CheckProgram(Func<double[], double> f, Func<double[], double[], double> gradient, Func<double[], double[], double> jvp, Func<double[], double[], double[]> hvp, Random random)
    {
        const double Tolerance = 1e-5;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var theta = new double[RandomProgram.Length + 1];
            for (var j = 0; j < theta.Length; j++)
            {
                theta[j] = Math.Round((2.4 * random.NextDouble()) - 1.2, 3);
            }

            var value = f(theta);
            if (!double.IsFinite(value) || Math.Abs(value) > 1e6)
            {
                continue;
            }

            // Two step sizes must agree, or the point sits too close to a switch of a branch or a loop exit.
            var fd = FiniteDifferences.Gradient(f, theta, 1e-5);
            var fdSmall = FiniteDifferences.Gradient(f, theta, 1e-6);
            var reliable = true;
            for (var j = 0; j < theta.Length; j++)
            {
                reliable &= Math.Abs(fd[j] - fdSmall[j]) <= Tolerance * 0.1 * Math.Max(1, Math.Abs(fd[j]));
            }

            if (!reliable)
            {
                continue;
            }

            var g = new double[theta.Length];
            var returned = gradient(theta, g);
            for (var j = 0; j < theta.Length; j++)
            {
                if (!(Math.Abs(g[j] - fd[j]) <= Tolerance * Math.Max(1, Math.Abs(fd[j]))))
                {
                    return ("gradient", Describe("gradient", j, fd[j], g[j], theta));
                }
            }

            var u = DerivativeAssert.RandomVector(random, theta.Length);
            var tangent = jvp(theta, u);
            var expected = FiniteDifferences.Dot(g, u);
            if (!(Math.Abs(tangent - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected))))
            {
                return ("JVP", Describe("JVP (against ⟨∇f, u⟩)", 0, expected, tangent, theta));
            }

            var directional = FiniteDifferences.Directional(f, theta, u, 1e-5);
            if (!(Math.Abs(tangent - directional) <= Tolerance * Math.Max(1, Math.Abs(directional))))
            {
                return ("JVP", Describe("JVP (against a directional difference)", 0, directional, tangent, theta));
            }

            // HVP in x against differences of the generated gradient along (0, v); skipped where those differences are
            // unreliable (a switch of the gradient's own branches nearby).
            var v = DerivativeAssert.RandomVector(random, RandomProgram.Length);
            var hv = hvp(theta, v);
            var direction = new double[theta.Length];
            v.CopyTo(direction, 1);
            double[] GradientAt(double[] t)
            {
                var gg = new double[t.Length];
                gradient(t, gg);
                return gg;
            }

            var gradientFd = FiniteDifferences.Directional(GradientAt, theta, direction, 1e-5);
            var gradientFdSmall = FiniteDifferences.Directional(GradientAt, theta, direction, 1e-6);
            for (var j = 0; j < RandomProgram.Length; j++)
            {
                var scale = Math.Max(1, Math.Abs(gradientFd[j + 1]));
                if (Math.Abs(gradientFd[j + 1] - gradientFdSmall[j + 1]) <= 1e-5 * scale && !(Math.Abs(hv[j] - gradientFd[j + 1]) <= 1e-4 * scale))
                {
                    return ("HVP", Describe("HVP (against differences of the gradient)", j, gradientFd[j + 1], hv[j], theta));
                }
            }

            if (Math.Abs(returned - value) > 1e-12 * Math.Max(1, Math.Abs(value)))
            {
                return ("value returned by the gradient", "the gradient returned " + returned.ToString("R", CultureInfo.InvariantCulture) + " but the primal is " + value.ToString("R", CultureInfo.InvariantCulture));
            }

            return null;
        }

        return (string.Empty, string.Empty);
    }

    private static string Describe(string what, int j, double expected, double actual, double[] theta) =>
        string.Format(CultureInfo.InvariantCulture, "{0}[{1}]: expected {2:R}, got {3:R} at θ = (a, x) = [{4}]", what, j, expected, actual, string.Join(", ", theta.Select(t => t.ToString("R", CultureInfo.InvariantCulture))));

    private static readonly string[] Insertions =
    [
        "break;", "continue;", "return;", "goto L;", "L: s = 1;", "foreach (var z in x) { s += z; }", "while (true) { }",
        "x[0] = 1;", "throw new Exception();", "try { s = 1; } finally { }", "Func<double, double> q = z => z;",
        "ref double r = ref s;", "t = new double[2];", "double[] q = new double[3];", "s = t.Length;", "{", "}", "(", ";",
        "for (;;) { }", "for (int i = 0; ; i++) { break; }", "do { } while (s);", "int n = (int)s; s = n;", "s = t[s];",
        "s += x[x.Length];", "s = Math.Max(s, u);", "s = Unknown(s);", "switch (1) { default: break; }",
        "double[,] m = new double[2, 2];", "s = checked(s + 1);", "yield return s;", "await Task.Yield();",
        "s = (s is double d ? d : 0);", "s = default;", "t[0]++; t[0]--; ++t[1];", "s = t[^1];", "s = x[1..].Length;",
        "H3(t, s, t);", "H3(x, s, x);", "s = H2(t, s, s);", "H1(s, s);", "s = P0(x, a);", "s = P0Gradient(x, a, t, out a);",
        "lock (t) { }", "using (null) { }", "fixed (double* p = t) { }", "s = sizeof(double);", "s = nameof(s).Length;",
        "[Differentiable] static double Local(double z) => z;", "s = (int)s % 0;", "int[] k = new int[2]; s = k[0];",
    ];

    /// <summary>Breaks a valid source: deletes a span, inserts a construct from <see cref="Insertions"/>, or truncates.</summary>
    private static string Mutate(string source, Random random)
    {
        var bodyStart = source.IndexOf("public static double P0", StringComparison.Ordinal);
        var position = bodyStart + random.Next(source.Length - bodyStart);
        switch (random.Next(4))
        {
            case 0:
                return source.Remove(position, Math.Min(random.Next(1, 12), source.Length - position));
            case 1:
            case 2:
                var lineStart = source.LastIndexOf('\n', position) + 1;
                return source.Insert(lineStart, "        " + Insertions[random.Next(Insertions.Length)] + "\n");
            default:
                return source[..position];
        }
    }
}
