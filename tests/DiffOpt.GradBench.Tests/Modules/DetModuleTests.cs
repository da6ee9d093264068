using DiffOpt.GradBench.Tests.Infrastructure;
using DiffOpt.GradBench.Tests.References;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class DetModuleTests
{
    [Fact]
    public void RecordedEvalStreamMatchesEliminationAndCofactors()
    {
        foreach (Evaluation e in Evaluation.FromStream("det.jsonl"))
        {
            double[] a = e.InputArray("A");
            int ell = e.Input.GetProperty("ell").GetInt32();
            if (e.Function == "primal")
            {
                Assert.Equal(ReferenceModels.Determinant(a, ell), e.Output.GetDouble(), 1e-12);
            }
            else
            {
                Assert.Equal("gradient", e.Function);
                FiniteDifferences.AssertClose(ReferenceModels.Cofactors(a, ell), Replay.ToArray(e.Output), 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public void GradientOfAKnownMatrixIsDetTimesInverseTranspose(int ell)
    {
        // A = I + 0.5·J (J all ones): det A = 1 + 0.5ℓ and A⁻¹ = I − 0.5/(1 + 0.5ℓ) J (Sherman–Morrison), symmetric.
        double[] a = new double[ell * ell];
        for (int i = 0; i < ell; i++)
        {
            for (int j = 0; j < ell; j++)
            {
                a[(i * ell) + j] = (i == j ? 1 : 0) + 0.5;
            }
        }

        double det = 1 + (0.5 * ell);
        string input = $$"""{"A":{{JsonDouble.Array(a)}},"ell":{{ell}}}""";
        Assert.Equal(det, Replay.Output(Replay.Evaluate("det", "primal", input)).GetDouble(), 1e-12);
        double[] expected = new double[ell * ell];
        for (int i = 0; i < ell; i++)
        {
            for (int j = 0; j < ell; j++)
            {
                expected[(i * ell) + j] = det * ((i == j ? 1 : 0) - (0.5 / det));
            }
        }

        FiniteDifferences.AssertClose(expected, Replay.ToArray(Replay.Output(Replay.Evaluate("det", "gradient", input))), 1e-12);
    }
}
