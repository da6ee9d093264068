using DiffOpt.GradBench.Tests.Infrastructure;
using DiffOpt.GradBench.Tests.References;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class KMeansModuleTests
{
    [Fact]
    public void RecordedEvalStreamMatchesTheClosedFormNewtonStep()
    {
        foreach (Evaluation e in Evaluation.FromStream("kmeans.jsonl"))
        {
            double[] points = e.InputMatrix("points");
            double[] centroids = e.InputMatrix("centroids");
            int d = e.Input.GetProperty("points")[0].GetArrayLength();
            if (e.Function == "cost")
            {
                Assert.Equal(ReferenceModels.KMeansCost(points, centroids, d), e.Output.GetDouble(), 1e-10);
            }
            else
            {
                Assert.Equal("dir", e.Function);
                Assert.Equal(centroids.Length / d, e.Output.GetArrayLength());
                FiniteDifferences.AssertClose(ReferenceModels.KMeansDirection(points, centroids, d), Replay.ToFlatMatrix(e.Output), 1e-12);
            }
        }
    }

    [Fact]
    public void DirectionIsTheCentroidMinusTheMeanOfItsPoints()
    {
        // Points 0, 1 → centroid 0 at (0, 0); points 2, 3, 4 → centroid 1 at (5, 5).
        string input = """{"points":[[0,1],[1,0],[4,4],[6,5],[5,7]],"centroids":[[0,0],[5,5]]}""";
        Assert.Equal(1 + 1 + 2 + 1 + 4, Replay.Output(Replay.Evaluate("kmeans", "cost", input)).GetDouble(), 1e-14);
        double[] direction = Replay.ToFlatMatrix(Replay.Output(Replay.Evaluate("kmeans", "dir", input)));
        FiniteDifferences.AssertClose([-0.5, -0.5, 0, -1.0 / 3], direction, 1e-14);
    }
}
