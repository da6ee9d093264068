using DiffOpt.GradBench.Tests.Infrastructure;
using DiffOpt.GradBench.Tests.References;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class OdeModuleTests
{
    [Fact]
    public void RecordedEvalStreamMatchesAPlainRungeKuttaAndItsFiniteDifferences()
    {
        foreach (Evaluation e in Evaluation.FromStream("ode.jsonl"))
        {
            double[] x = e.InputArray("x");
            int s = e.Input.GetProperty("s").GetInt32();
            if (e.Function == "primal")
            {
                FiniteDifferences.AssertClose(ReferenceModels.OdeRungeKutta(x, s), Replay.ToArray(e.Output), 1e-13);
            }
            else
            {
                Assert.Equal("gradient", e.Function);
                double[] expected = FiniteDifferences.Gradient(v => ReferenceModels.OdeRungeKutta(v, s)[^1], x);
                FiniteDifferences.AssertClose(expected, Replay.ToArray(e.Output), 1e-7);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void FourComponentsAreIntegratedExactly(int s)
    {
        // For n = 4 the solution is a polynomial of degree ≤ 4, which RK4 integrates exactly:
        // y₃(2) = x₀x₁x₂x₃ 2⁴/4!, and ∂y₃/∂xᵢ = y₃/xᵢ.
        double[] x = [0.9, 0.35, 0.6, 0.75];
        string input = $$"""{"x":{{JsonDouble.Array(x)}},"s":{{s}}}""";
        double[] exact = ReferenceModels.OdeExact(x, 2);
        FiniteDifferences.AssertClose(exact, Replay.ToArray(Replay.Output(Replay.Evaluate("ode", "primal", input))), 1e-14);
        double[] gradient = Replay.ToArray(Replay.Output(Replay.Evaluate("ode", "gradient", input)));
        FiniteDifferences.AssertClose(x.Select(xi => exact[3] / xi).ToArray(), gradient, 1e-14);
    }
}
