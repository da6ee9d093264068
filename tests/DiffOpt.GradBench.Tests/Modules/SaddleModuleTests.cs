using System.Globalization;
using DiffOpt.GradBench.Modules.Saddle;
using DiffOpt.GradBench.Tests.Infrastructure;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class SaddleModuleTests
{
    [Theory]
    [InlineData("rr")]
    [InlineData("rf")]
    [InlineData("fr")]
    [InlineData("ff")]
    public void EveryVariantFindsTheSaddleOfTheEvalsDefaultStart(string variant)
    {
        double[] actual = Replay.ToArray(Replay.Output(Replay.Evaluate("saddle", variant, """{"start": [1.0, 1.0], "min_runs": 1, "min_seconds": 0}""")));

        // The value GradBench's saddle eval expects for start (1, 1), compared with its tolerance (1e-4 relative to
        // max(1, |a| + |b|)), and the closed-form reference below, which must agree far more closely.
        Assert.All(actual, x => Assert.True(Math.Abs(x - 8.246324826140356e-06) <= 1e-4));
        FiniteDifferences.AssertClose(Reference([1.0, 1.0]), actual, 1e-12);
    }

    [Fact]
    public void RecordedEvalStreamIsAnsweredWithTheSaddle()
    {
        // GradBench's saddle eval (start (1, 1), the four variants), as recorded by gradbench_runner.py.
        IReadOnlyList<Evaluation> evaluations = Evaluation.FromStream("saddle.jsonl");
        Assert.Equal(["rr", "ff", "fr", "rf"], evaluations.Select(e => e.Function));
        Assert.All(evaluations, e => FiniteDifferences.AssertClose(Reference(e.InputArray("start")), Replay.ToArray(e.Output), 1e-12));
    }

    [Theory]
    [InlineData("rr", 0.5, -2.0)]
    [InlineData("ff", -3.0, 0.25)]
    public void OtherStartsMatchTheClosedFormReference(string variant, double x, double y)
    {
        string input = string.Create(CultureInfo.InvariantCulture, $$"""{"start": [{{x:R}}, {{y:R}}]}""");
        double[] actual = Replay.ToArray(Replay.Output(Replay.Evaluate("saddle", variant, input)));
        FiniteDifferences.AssertClose(Reference([x, y]), actual, 1e-12);
    }

    [Fact]
    public void NestedDerivativesOfTheInnerMaximumMatchFiniteDifferencesAndTheEnvelopeTheorem()
    {
        double[] start = [1.0, 1.0];
        double[] p1 = [0.7, -0.3];
        double[] gradient = new double[2];
        double max = SaddleModel.MaxGradient(p1, start, gradient);
        SaddleModel.MaxJvp(p1, start, [1.0, 0.0], out double alongX);
        SaddleModel.MaxJvp(p1, start, [0.0, 1.0], out double alongY);

        Assert.Equal(SaddleModel.Max(p1, start), max, 14);
        double[] differences = FiniteDifferences.Gradient(p => SaddleModel.Max(p, start), p1);
        FiniteDifferences.AssertClose(differences, gradient, 1e-7);
        FiniteDifferences.AssertClose(differences, [alongX, alongY], 1e-7);

        // The inner maximiser does not depend on p1, so d/dp1 max = ∂f/∂p1 = 2·p1.
        FiniteDifferences.AssertClose([2 * p1[0], 2 * p1[1]], gradient, 1e-9);
    }

    [Fact]
    public void BadStartAndUnknownVariantFail()
    {
        var responses = Replay.Run(
        [
            """{"id":0,"kind":"start"}""",
            """{"id":1,"kind":"define","module":"saddle"}""",
            """{"id":2,"kind":"evaluate","module":"saddle","function":"rr","input":{"start":[1.0]}}""",
            """{"id":3,"kind":"evaluate","module":"saddle","function":"xr","input":{"start":[1.0, 1.0]}}""",
        ]);
        Assert.Contains("start", responses[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("xr", responses[3].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The eval's algorithm with the derivatives in closed form: ∇_{p₂} f = −2·p₂, and, because the inner maximiser
    /// does not depend on p₁, d/dp₁ max f(p₁, ·) = 2·p₁. The descent rule is written out again here.
    /// </summary>
    private static double[] Reference(double[] start)
    {
        double f(double[] p1, double[] p2) => (p1[0] * p1[0]) + (p1[1] * p1[1]) - (p2[0] * p2[0]) - (p2[1] * p2[1]);
        double[] argMax(double[] p1) => Minimise(p2 => -f(p1, p2), p2 => [2 * p2[0], 2 * p2[1]], start);
        double[] r1 = Minimise(p1 => f(p1, argMax(p1)), p1 => [2 * p1[0], 2 * p1[1]], start);
        double[] r2 = argMax(r1);
        return [r1[0], r1[1], r2[0], r2[1]];
    }

    internal static double[] Minimise(Func<double[], double> f, Func<double[], double[]> gradient, double[] start)
    {
        double[] x = (double[])start.Clone();
        double fx = f(x);
        double[] g = gradient(x);
        double eta = 1e-5;
        int i = 0;
        while (true)
        {
            if (Math.Sqrt(g.Sum(v => v * v)) <= 1e-5)
            {
                return x;
            }

            if (i == 10)
            {
                eta *= 2;
                i = 0;
                continue;
            }

            double[] next = x.Select((v, k) => v - (eta * g[k])).ToArray();
            if (Math.Sqrt(next.Select((v, k) => (v - x[k]) * (v - x[k])).Sum()) <= 1e-5)
            {
                return x;
            }

            double fNext = f(next);
            if (fNext < fx)
            {
                x = next;
                fx = fNext;
                g = gradient(x);
                i++;
            }
            else
            {
                eta /= 2;
                i = 0;
            }
        }
    }
}
