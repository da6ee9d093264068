using DiffOpt.GradBench.Tests.Infrastructure;
using DiffOpt.GradBench.Tests.References;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class LseModuleTests
{
    [Fact]
    public void RecordedEvalStreamMatchesSoftmax()
    {
        foreach (Evaluation e in Evaluation.FromStream("lse.jsonl"))
        {
            double[] x = e.InputArray("x");
            if (e.Function == "primal")
            {
                Assert.Equal(ReferenceModels.LogSumExp(x), e.Output.GetDouble(), 1e-12);
            }
            else
            {
                Assert.Equal("gradient", e.Function);
                FiniteDifferences.AssertClose(ReferenceModels.Softmax(x), Replay.ToArray(e.Output), 1e-14);
            }
        }
    }

    [Fact]
    public void LargeInputsDoNotOverflow()
    {
        // exp(800) overflows a double; the shift by the maximum must keep value and gradient finite.
        double[] x = [800, 799, 790.5, -10];
        string input = $$"""{"x":{{JsonDouble.Array(x)}}}""";
        Assert.Equal(800 + Math.Log(1 + Math.Exp(-1) + Math.Exp(-9.5) + Math.Exp(-810)), Replay.Output(Replay.Evaluate("lse", "primal", input)).GetDouble(), 1e-12);
        double[] gradient = Replay.ToArray(Replay.Output(Replay.Evaluate("lse", "gradient", input)));
        FiniteDifferences.AssertClose(ReferenceModels.Softmax(x), gradient, 1e-14);
        Assert.Equal(1.0, gradient.Sum(), 1e-14);
    }
}
