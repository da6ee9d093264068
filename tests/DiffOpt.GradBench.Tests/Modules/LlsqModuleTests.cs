using DiffOpt.GradBench.Tests.Infrastructure;
using DiffOpt.GradBench.Tests.References;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class LlsqModuleTests
{
    [Fact]
    public void RecordedEvalStreamMatchesTheClosedFormGradient()
    {
        foreach (Evaluation e in Evaluation.FromStream("llsq.jsonl"))
        {
            double[] x = e.InputArray("x");
            int n = e.Input.GetProperty("n").GetInt32();
            if (e.Function == "primal")
            {
                Assert.Equal(ReferenceModels.LlsqObjective(x, n), e.Output.GetDouble(), 1e-9);
            }
            else
            {
                Assert.Equal("gradient", e.Function);
                FiniteDifferences.AssertClose(ReferenceModels.LlsqGradient(x, n), Replay.ToArray(e.Output), 1e-10);
            }
        }
    }

    [Fact]
    public void GradientAgreesWithFiniteDifferencesOfTheReference()
    {
        double[] x = [0.3, -0.7, 0.25, 1.5, -0.125];
        string input = $$"""{"x":[{{string.Join(",", x.Select(JsonDouble.Format))}}],"n":37}""";
        double[] actual = Replay.ToArray(Replay.Output(Replay.Evaluate("llsq", "gradient", input)));
        double[] expected = FiniteDifferences.Gradient(v => ReferenceModels.LlsqObjective(v, 37), x);
        FiniteDifferences.AssertClose(expected, actual, 1e-6);
    }
}
