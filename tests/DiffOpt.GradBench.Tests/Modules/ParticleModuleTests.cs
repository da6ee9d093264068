using DiffOpt.GradBench.Modules.Particle;
using DiffOpt.GradBench.Tests.Infrastructure;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class ParticleModuleTests
{
    [Theory]
    [InlineData("rr")]
    [InlineData("rf")]
    [InlineData("fr")]
    [InlineData("ff")]
    public void EveryVariantFindsTheEvalsControl(string variant)
    {
        double actual = Replay.Output(Replay.Evaluate("particle", variant, """{"w": 0.0, "min_runs": 1, "min_seconds": 0}""")).GetDouble();

        // GradBench's particle eval expects 0.2071918746486116 from w = 0 (tolerance 1e-4); the reference descent
        // below uses the closed-form force and central differences for the outer derivative.
        Assert.True(Math.Abs(actual - 0.2071918746486116) <= 1e-4, $"{actual}");
        double[] reference = SaddleModuleTests.Minimise(w => ReferenceCost(w[0]), w => [Difference(w[0])], [0.0]);
        Assert.Equal(reference[0], actual, 6);
    }

    [Fact]
    public void RecordedEvalStreamIsAnsweredWithTheExpectedControl()
    {
        // GradBench's particle eval (w = 0, the four variants), as recorded by gradbench_runner.py.
        IReadOnlyList<Evaluation> evaluations = Evaluation.FromStream("particle.jsonl");
        Assert.Equal(["rr", "ff", "fr", "rf"], evaluations.Select(e => e.Function));
        double[] reference = SaddleModuleTests.Minimise(w => ReferenceCost(w[0]), w => [Difference(w[0])], [0.0]);
        Assert.All(evaluations, e => Assert.Equal(reference[0], e.Output.GetDouble(), 6));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.15)]
    [InlineData(0.3)]
    public void CostAndItsNestedDerivativesMatchTheClosedFormForce(double w)
    {
        double value = ParticleModel.CostGradient(w, out double reverse);
        ParticleModel.CostJvp(w, 1, out double forward);

        Assert.Equal(ReferenceCost(w), ParticleModel.Cost(w), 10);
        Assert.Equal(ReferenceCost(w), value, 10);
        double expected = Difference(w);
        Assert.True(Math.Abs(expected - reverse) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"reverse {reverse}, differences {expected}");
        Assert.True(Math.Abs(expected - forward) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"forward {forward}, differences {expected}");
    }

    [Fact]
    public void PotentialGradientIsTheCoulombField()
    {
        double[] charges = [10, 9.5, 10, 0];
        double[] x = [1.5, 4.0];
        double[] gradient = new double[2];
        ParticleModel.PotentialGradient(charges, x, gradient);

        // ∇ₓ 1/‖c − x‖ = (c − x)/‖c − x‖³.
        double[] expected = new double[2];
        for (int k = 0; k < 4; k += 2)
        {
            double dx = charges[k] - x[0], dy = charges[k + 1] - x[1];
            double r3 = Math.Pow((dx * dx) + (dy * dy), 1.5);
            expected[0] += dx / r3;
            expected[1] += dy / r3;
        }

        FiniteDifferences.AssertClose(expected, gradient, 1e-14);
    }

    [Fact]
    public void MissingControlFails()
    {
        var responses = Replay.Run(
        [
            """{"id":0,"kind":"start"}""",
            """{"id":1,"kind":"define","module":"particle"}""",
            """{"id":2,"kind":"evaluate","module":"particle","function":"rr","input":{"x":0.0}}""",
        ]);
        Assert.False(responses[2].GetProperty("success").GetBoolean());
        Assert.Contains("'w'", responses[2].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The trajectory with the force written in closed form, −∇p = Σ (x − c)/‖x − c‖³, Euler steps of 0.1.</summary>
    private static double ReferenceCost(double w)
    {
        double[][] charges = [[10, 10 - w], [10, 0]];
        double x = 0, y = 8, vx = 0.75, vy = 0;
        while (true)
        {
            double ax = 0, ay = 0;
            foreach (double[] c in charges)
            {
                double r3 = Math.Pow(((x - c[0]) * (x - c[0])) + ((y - c[1]) * (y - c[1])), 1.5);
                ax += (x - c[0]) / r3;
                ay += (y - c[1]) / r3;
            }

            x += 0.1 * vx;
            y += 0.1 * vy;
            if (y <= 0)
            {
                double crossing = x + (-y / vy * vx);
                return crossing * crossing;
            }

            vx += 0.1 * ax;
            vy += 0.1 * ay;
        }
    }

    private static double Difference(double w)
    {
        const double H = 1e-6;
        return (ReferenceCost(w + H) - ReferenceCost(w - H)) / (2 * H);
    }
}
