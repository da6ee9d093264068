using System.Globalization;
using System.Text.Json;
using DiffOpt.GradBench.Modules.Ba;
using DiffOpt.GradBench.Tests.Infrastructure;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class BaModuleTests
{
    private static readonly double[] Camera = [0.3, -0.2, 0.15, 0.4, -0.3, -5.0, 420.0, 12.0, -7.0, 2e-3, -3e-5];
    private static readonly double[] Point = [0.5, -0.25, 1.5];
    private static readonly double[] Feature = [30.0, -15.0];
    private const double Weight = 0.85;

    [Fact]
    public void ObjectiveMatchesTheMatrixFormOfTheCameraModel()
    {
        JsonElement output = Replay.Output(Replay.Evaluate("ba", "objective", Input(n: 3, m: 4, p: 20)));

        double[] expected = Reference(Camera, Point, Weight);
        JsonElement reprojection = output.GetProperty("reproj_error");
        FiniteDifferences.AssertClose(expected, Replay.ToArray(reprojection.GetProperty("elements")), 1e-12);
        Assert.Equal(20, reprojection.GetProperty("repeated").GetInt32());
        JsonElement weightError = output.GetProperty("w_err");
        Assert.Equal(1 - (Weight * Weight), weightError.GetProperty("element").GetDouble(), 14);
        Assert.Equal(20, weightError.GetProperty("repeated").GetInt32());
    }

    [Fact]
    public void TransmittedJacobianMatchesFiniteDifferencesAndTheSparseLayout()
    {
        const int n = 3, m = 4, p = 20;
        JsonElement output = Replay.Output(Replay.Evaluate("ba", "jacobian", Input(n, m, p)));
        int[] rows = output.GetProperty("rows").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int[] cols = output.GetProperty("cols").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        double[] vals = Replay.ToArray(output.GetProperty("vals"));
        Assert.Equal(31, rows.Length);
        Assert.Equal(31, cols.Length);
        Assert.Equal(31, vals.Length);

        // Row starts: 2·p reprojection rows of 15 entries, then p weight rows of one; the last is the entry count.
        Assert.Equal(Enumerable.Range(0, 30).Select(r => 15 * r), rows[..30]);
        Assert.Equal((30 * p) + p, rows[30]);

        // Observation 0 uses camera 0 and point 0: columns 0…10, then 11n + 0…2, then its weight 11n + 3m.
        int[] rowColumns = [.. Enumerable.Range(0, 11), 33, 34, 35, 33 + 12];
        Assert.Equal(rowColumns.Concat(rowColumns), cols[..30]);
        Assert.Equal((11 * n) + (3 * m) + p - 1, cols[30]);

        double[] expected = new double[30];
        for (int row = 0; row < 2; row++)
        {
            double[] gradient = FiniteDifferences.Gradient(Component(row), [.. Camera, .. Point, Weight]);
            gradient.CopyTo(expected, 15 * row);
        }

        FiniteDifferences.AssertClose(expected, vals[..30], 1e-6);
        Assert.Equal(-2 * Weight, vals[30], 14);
    }

    [Fact]
    public void EveryObservationBlockLandsInItsOwnColumns()
    {
        // Distinct cameras, points and weights, so that a block in the wrong place cannot match.
        var problem = new BaProblem(3, 5, 7, Camera, Point, Weight, Feature);
        var random = new Random(7);
        for (int i = 0; i < problem.Cameras.Length; i++)
        {
            problem.Cameras[i] *= 1 + (0.1 * (random.NextDouble() - 0.5));
        }

        for (int i = 0; i < problem.Points.Length; i++)
        {
            problem.Points[i] += 0.2 * (random.NextDouble() - 0.5);
        }

        for (int i = 0; i < problem.Weights.Length; i++)
        {
            problem.Weights[i] = 0.5 + random.NextDouble();
        }

        var jacobian = new BaSparseJacobian(3, 5, 7);
        problem.Jacobian(jacobian);

        int columnCount = (11 * 3) + (3 * 5) + 7;
        double[] dense = Dense(jacobian, 3 * 7, columnCount);
        double[] inputs = [.. problem.Cameras, .. problem.Points, .. problem.Weights];
        for (int row = 0; row < 3 * 7; row++)
        {
            int r = row;
            double[] expected = FiniteDifferences.Gradient(x => Residual(problem, x, r), inputs);
            FiniteDifferences.AssertClose(expected, dense.AsSpan(row * columnCount, columnCount), 1e-6);
        }
    }

    [Fact]
    public void ZeroRotationUsesTheFirstOrderBranchWithTheSameDerivative()
    {
        double[] camera = (double[])Camera.Clone();
        camera[0] = camera[1] = camera[2] = 0;
        var problem = new BaProblem(1, 1, 1, camera, Point, Weight, Feature);
        var jacobian = new BaSparseJacobian(1, 1, 1);
        problem.Jacobian(jacobian);

        double[] dense = Dense(jacobian, 3, 15);
        for (int row = 0; row < 2; row++)
        {
            double[] expected = FiniteDifferences.Gradient(x => Reference(x[..11], x[11..14], x[14])[row], [.. camera, .. Point, Weight]);
            FiniteDifferences.AssertClose(expected, dense.AsSpan(row * 15, 15), 1e-6);
        }
    }

    [Fact]
    public void MalformedInputAndUnknownFunctionFailWithAMessage()
    {
        string shortCamera = """{"n": 1, "m": 1, "p": 1, "cam": [1, 2, 3], "x": [0, 0, 1], "w": 1, "feat": [0, 0]}""";
        var responses = Replay.Run(
        [
            """{"id":0,"kind":"start"}""",
            """{"id":1,"kind":"define","module":"ba"}""",
            $$"""{"id":2,"kind":"evaluate","module":"ba","function":"objective","input":{{shortCamera}}}""",
            $$"""{"id":3,"kind":"evaluate","module":"ba","function":"hessian","input":{{Input(1, 1, 1)}}}""",
        ]);
        Assert.False(responses[2].GetProperty("success").GetBoolean());
        Assert.Contains("camera", responses[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(responses[3].GetProperty("success").GetBoolean());
        Assert.Contains("hessian", responses[3].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RecordedEvalStreamIsAnsweredWithCheckedOutputs()
    {
        // GradBench's ba eval on ba1 (n = 49, m = 7776, p = 31,843), as recorded by gradbench_runner.py.
        foreach (Evaluation evaluation in Evaluation.FromStream("ba.jsonl"))
        {
            int n = evaluation.Input.GetProperty("n").GetInt32();
            int m = evaluation.Input.GetProperty("m").GetInt32();
            int p = evaluation.Input.GetProperty("p").GetInt32();
            double[] camera = evaluation.InputArray("cam");
            double[] point = evaluation.InputArray("x");
            double weight = evaluation.Input.GetProperty("w").GetDouble();
            double[] feature = evaluation.InputArray("feat");
            if (evaluation.Function == "objective")
            {
                JsonElement reprojection = evaluation.Output.GetProperty("reproj_error");
                FiniteDifferences.AssertClose(Reference(camera, point, weight, feature), Replay.ToArray(reprojection.GetProperty("elements")), 1e-12);
                Assert.Equal(p, reprojection.GetProperty("repeated").GetInt32());
                Assert.Equal(1 - (weight * weight), evaluation.Output.GetProperty("w_err").GetProperty("element").GetDouble(), 14);
                Assert.Equal(p, evaluation.Output.GetProperty("w_err").GetProperty("repeated").GetInt32());
                continue;
            }

            int[] rows = evaluation.Output.GetProperty("rows").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            int[] cols = evaluation.Output.GetProperty("cols").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            double[] vals = Replay.ToArray(evaluation.Output.GetProperty("vals"));
            Assert.Equal([.. Enumerable.Range(0, 30).Select(r => 15 * r), 31 * p], rows);
            int[] rowColumns = [.. Enumerable.Range(0, 11), 11 * n, (11 * n) + 1, (11 * n) + 2, (11 * n) + (3 * m)];
            Assert.Equal([.. rowColumns, .. rowColumns, (11 * n) + (3 * m) + p - 1], cols);
            double[] expected = new double[30];
            for (int row = 0; row < 2; row++)
            {
                int r = row;
                FiniteDifferences.Gradient(x => Reference(x[..11], x[11..14], x[14], feature)[r], [.. camera, .. point, weight]).CopyTo(expected, 15 * row);
            }

            FiniteDifferences.AssertClose(expected, vals[..30], 1e-6);
            Assert.Equal(-2 * weight, vals[30], 14);
        }
    }

    private static string Input(int n, int m, int p) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"n": {{n}}, "m": {{m}}, "p": {{p}}, "cam": [{{string.Join(", ", Camera.Select(c => c.ToString("R", CultureInfo.InvariantCulture)))}}], "x": [{{string.Join(", ", Point.Select(c => c.ToString("R", CultureInfo.InvariantCulture)))}}], "w": {{Weight:R}}, "feat": [{{Feature[0]:R}}, {{Feature[1]:R}}], "min_runs": 1, "min_seconds": 0}""");

    private static Func<double[], double> Component(int row) => x => Reference(x[..11], x[11..14], x[14])[row];

    private static double[] Reference(double[] camera, double[] point, double weight) => Reference(camera, point, weight, Feature);

    /// <summary>
    /// The camera model written independently of BaModel: the rotation as the matrix
    /// R = cos θ·I + sin θ·[k]× + (1 − cos θ)·k·kᵀ (θ = |r|, k = r/θ; R = I + [r]× when θ = 0).
    /// </summary>
    private static double[] Reference(double[] camera, double[] point, double weight, double[] feature)
    {
        double theta = Math.Sqrt((camera[0] * camera[0]) + (camera[1] * camera[1]) + (camera[2] * camera[2]));
        double[,] r = new double[3, 3];
        double[,] cross;
        if (theta == 0)
        {
            cross = new double[,] { { 0, -camera[2], camera[1] }, { camera[2], 0, -camera[0] }, { -camera[1], camera[0], 0 } };
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    r[i, j] = (i == j ? 1 : 0) + cross[i, j];
                }
            }
        }
        else
        {
            double[] k = [camera[0] / theta, camera[1] / theta, camera[2] / theta];
            cross = new double[,] { { 0, -k[2], k[1] }, { k[2], 0, -k[0] }, { -k[1], k[0], 0 } };
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    r[i, j] = ((i == j ? 1 : 0) * Math.Cos(theta)) + (Math.Sin(theta) * cross[i, j]) + ((1 - Math.Cos(theta)) * k[i] * k[j]);
                }
            }
        }

        double[] relative = [point[0] - camera[3], point[1] - camera[4], point[2] - camera[5]];
        double[] rotated = new double[3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                rotated[i] += r[i, j] * relative[j];
            }
        }

        double u = rotated[0] / rotated[2];
        double v = rotated[1] / rotated[2];
        double radiusSquared = (u * u) + (v * v);
        double distortion = 1 + (camera[9] * radiusSquared) + (camera[10] * radiusSquared * radiusSquared);
        return [weight * ((camera[6] * distortion * u) + camera[7] - feature[0]), weight * ((camera[6] * distortion * v) + camera[8] - feature[1])];
    }

    /// <summary>Component <paramref name="row"/> of the whole objective (reprojection rows, then weight rows) at packed inputs (cameras, points, weights).</summary>
    private static double Residual(BaProblem problem, double[] inputs, int row)
    {
        int cameraEnd = problem.Cameras.Length;
        int pointEnd = cameraEnd + problem.Points.Length;
        if (row >= 2 * problem.ObservationCount)
        {
            double w = inputs[pointEnd + (row - (2 * problem.ObservationCount))];
            return 1 - (w * w);
        }

        int observation = row / 2;
        int camera = problem.Observations[2 * observation];
        int point = problem.Observations[(2 * observation) + 1];
        double[] error = Reference(inputs[(11 * camera)..((11 * camera) + 11)], inputs[(cameraEnd + (3 * point))..(cameraEnd + (3 * point) + 3)], inputs[pointEnd + observation], Feature);
        return error[row % 2];
    }

    private static double[] Dense(BaSparseJacobian jacobian, int rowCount, int columnCount)
    {
        double[] dense = new double[rowCount * columnCount];
        for (int row = 0; row < rowCount; row++)
        {
            for (int k = jacobian.RowStarts[row]; k < jacobian.RowStarts[row + 1]; k++)
            {
                dense[(row * columnCount) + jacobian.Columns[k]] += jacobian.Values[k];
            }
        }

        return dense;
    }
}
