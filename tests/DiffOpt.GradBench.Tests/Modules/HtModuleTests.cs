using System.Text.Json;
using DiffOpt.GradBench.Modules.Ht;
using DiffOpt.GradBench.Tests.Infrastructure;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class HtModuleTests
{
    // The bone tree of the hand model: wrist, then four bones per finger, then the forearm.
    private static readonly int[] Parents = [-1, 0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0, 13, 14, 15, 0, 17, 18, 19, 0];

    [Fact]
    public void ObjectiveMatchesClosedFormJointRotations()
    {
        // Identity rest transforms: a vertex bound to bone 2 is rotated by bone 2's Euler angles (x then z), one bound
        // to bone 3 (child of 2) by bone 2's and then bone 3's (x), and one bound half and half is the average; then
        // the global rotation (a quarter turn about z) and translation apply.
        double a = 0.3, b = -0.45, c = 0.6;
        double[] translation = [0.5, -1.0, 2.0];
        double[] theta = new double[26];
        theta[2] = Math.PI / 2;
        translation.CopyTo(theta, 3);
        theta[6] = a;
        theta[7] = b;
        theta[8] = c;
        double[][] vertices = [[0.2, 0.7, -0.4], [1.0, -0.3, 0.5], [-0.6, 0.1, 0.9]];
        var weights = new double[3, 22];
        weights[0, 2] = 1;
        weights[1, 3] = 1;
        weights[2, 2] = 0.5;
        weights[2, 3] = 0.5;
        double[][] points = [[0.1, 0.2, 0.3], [-0.2, 0.4, 1.0], [0.0, 0.0, 0.0]];
        var model = new Model(Identities(), Identities(), vertices, weights, [[0, 1, 2]]);
        string input = Input(model, theta, [], [0, 1, 2], points);

        double[] actual = Replay.ToArray(Replay.Output(Replay.Evaluate("ht", "objective", input)));

        double[] bone2(double[] p) => RotateZ(b, RotateX(a, p));
        double[] bone3(double[] p) => bone2(RotateX(c, p));
        double[][] posed = [bone2(vertices[0]), bone3(vertices[1]), Average(bone2(vertices[2]), bone3(vertices[2]))];
        double[] expected = new double[9];
        for (int i = 0; i < 3; i++)
        {
            double[] global = RotateZ(Math.PI / 2, posed[i]);
            for (int j = 0; j < 3; j++)
            {
                expected[(3 * i) + j] = points[i][j] - (global[j] + translation[j]);
            }
        }

        FiniteDifferences.AssertClose(expected, actual, 1e-12);
    }

    [Fact]
    public void ComplicatedObjectiveInterpolatesTheTriangle()
    {
        // Zero pose, identity transforms, weights summing to 1: posed vertices are the rest vertices, and each
        // observed point is compared with u0·v0 + u1·v1 + (1 − u0 − u1)·v2 of its triangle.
        double[][] vertices = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]];
        var weights = new double[4, 22];
        for (int v = 0; v < 4; v++)
        {
            weights[v, v] = 0.25;
            weights[v, 21] = 0.75;
        }

        var model = new Model(Identities(), Identities(), vertices, weights, [[0, 1, 2], [1, 2, 3]]);
        double[][] points = [[0.5, 0.5, 0.5], [1, 1, 1]];
        double[][] us = [[0.2, 0.3], [0.6, 0.1]];
        string input = Input(model, new double[26], us, [0, 1], points);

        double[] actual = Replay.ToArray(Replay.Output(Replay.Evaluate("ht", "objective", input)));

        double[] first = [0.3, 0.5, 0];              // 0.2·v0 + 0.3·v1 + 0.5·v2
        double[] second = [0.6, 0.1, 0.3];           // 0.6·v1 + 0.1·v2 + 0.3·v3
        double[] expected = [0.5 - first[0], 0.5 - first[1], 0.5 - first[2], 1 - second[0], 1 - second[1], 1 - second[2]];
        FiniteDifferences.AssertClose(expected, actual, 1e-12);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void JacobianMatchesCentralDifferences(bool complicated, bool mirrored)
    {
        var random = new Random(complicated ? 11 : 5);
        Model model = RandomModel(random, vertexCount: 9, mirrored);
        int pointCount = 5;
        double[] theta = Enumerable.Range(0, 26).Select(_ => 0.6 * (random.NextDouble() - 0.5)).ToArray();
        double[][] us = complicated ? Enumerable.Range(0, pointCount).Select(_ => new[] { 0.6 * random.NextDouble(), 0.4 * random.NextDouble() }).ToArray() : [];
        int[] correspondences = Enumerable.Range(0, pointCount).Select(_ => random.Next(complicated ? model.Triangles.Length : 9)).ToArray();
        double[][] points = Enumerable.Range(0, pointCount).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
        string input = Input(model, theta, us, correspondences, points);

        JsonElement output = Replay.Output(Replay.Evaluate("ht", "jacobian", input));

        int rows = 3 * pointCount;
        int columns = complicated ? 28 : 26;
        Assert.Equal(rows, output.GetArrayLength());
        Assert.All(output.EnumerateArray(), row => Assert.Equal(columns, row.GetArrayLength()));
        double[] actual = Replay.ToFlatMatrix(output);

        using JsonDocument document = JsonDocument.Parse(input);
        HtProblem problem = HtModule.Read(document.RootElement);
        double[] expected = new double[rows * columns];
        int offset = complicated ? 2 : 0;
        for (int k = 0; k < 26; k++)
        {
            double[] column = Column(problem, problem.Theta, k);
            for (int r = 0; r < rows; r++)
            {
                expected[(r * columns) + offset + k] = column[r];
            }
        }

        if (complicated)
        {
            // Point i's rows depend only on us[2i] and us[2i + 1]: the reference's two compressed columns.
            for (int i = 0; i < pointCount; i++)
            {
                for (int coordinate = 0; coordinate < 2; coordinate++)
                {
                    double[] column = Column(problem, problem.Us, (2 * i) + coordinate);
                    for (int j = 0; j < 3; j++)
                    {
                        expected[(((3 * i) + j) * columns) + coordinate] = column[(3 * i) + j];
                    }
                }
            }
        }

        FiniteDifferences.AssertClose(expected, actual, 1e-6);
    }

    [Fact]
    public void RecordedStreamIsAnsweredWithCheckedOutputs()
    {
        var (messages, responses) = Replay.RunFile("ht.jsonl");
        Assert.Equal(5, responses.Count);
        using JsonDocument document = JsonDocument.Parse(messages[3].GetProperty("input").GetRawText());
        HtProblem problem = HtModule.Read(document.RootElement);

        double[] error = new double[problem.ErrorCount];
        problem.Objective(problem.CreateWorkspace(), error);
        FiniteDifferences.AssertClose(error, Replay.ToArray(Replay.Output(responses[2])), 1e-12);

        double[] jacobian = Replay.ToFlatMatrix(Replay.Output(responses[3]));
        for (int k = 0; k < 26; k++)
        {
            double[] column = Column(problem, problem.Theta, k);
            for (int r = 0; r < problem.ErrorCount; r++)
            {
                Assert.Equal(column[r], jacobian[(r * 26) + k], 1e-6);
            }
        }

        Assert.False(responses[4].GetProperty("success").GetBoolean());
        Assert.Contains("theta", responses[4].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Column <paramref name="k"/> of the Jacobian in <paramref name="variable"/> by central differences of the objective.</summary>
    private static double[] Column(HtProblem problem, double[] variable, int k)
    {
        double saved = variable[k];
        double h = 1e-6 * Math.Max(1, Math.Abs(saved));
        double[] plus = new double[problem.ErrorCount];
        double[] minus = new double[problem.ErrorCount];
        HtWorkspace workspace = problem.CreateWorkspace();
        variable[k] = saved + h;
        problem.Objective(workspace, plus);
        variable[k] = saved - h;
        problem.Objective(workspace, minus);
        variable[k] = saved;
        return plus.Select((p, i) => (p - minus[i]) / (2 * h)).ToArray();
    }

    private sealed record Model(double[][][] BaseRelatives, double[][][] InverseBaseAbsolutes, double[][] Vertices, double[,] Weights, int[][] Triangles, bool IsMirrored = false);

    private static Model RandomModel(Random random, int vertexCount, bool mirrored)
    {
        double[][][] matrices() => Enumerable.Range(0, 22).Select(_ => Enumerable.Range(0, 4).Select(r => Enumerable.Range(0, 4)
            .Select(c => r == 3 ? (c == 3 ? 1.0 : 0.0) : (r == c ? 1.0 : 0.0) + (0.3 * (random.NextDouble() - 0.5))).ToArray()).ToArray()).ToArray();
        double[][] vertices = Enumerable.Range(0, vertexCount).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
        var weights = new double[vertexCount, 22];
        for (int v = 0; v < vertexCount; v++)
        {
            // A few bones per vertex, as in a skinned mesh; the finger bones 2–4 appear often so their angles matter.
            weights[v, 2 + (v % 3)] = 0.5;
            weights[v, random.Next(22)] += 0.3;
            weights[v, random.Next(22)] += 0.2;
        }

        int[][] triangles = Enumerable.Range(0, 6).Select(_ => new[] { random.Next(vertexCount), random.Next(vertexCount), random.Next(vertexCount) }).ToArray();
        return new Model(matrices(), matrices(), vertices, weights, triangles, mirrored);
    }

    private static double[][][] Identities() =>
        Enumerable.Range(0, 22).Select(_ => Enumerable.Range(0, 4).Select(r => Enumerable.Range(0, 4).Select(c => r == c ? 1.0 : 0.0).ToArray()).ToArray()).ToArray();

    /// <summary>An input in the eval's format (<c>HTInput</c>).</summary>
    private static string Input(Model model, double[] theta, double[][] us, int[] correspondences, double[][] points)
    {
        int vertexCount = model.Vertices.Length;
        double[][] weights = Enumerable.Range(0, vertexCount).Select(v => Enumerable.Range(0, 22).Select(b => model.Weights[v, b]).ToArray()).ToArray();
        var input = new
        {
            theta,
            us,
            data = new
            {
                model = new
                {
                    bone_count = 22,
                    bone_names = Enumerable.Range(0, 22).Select(b => $"bone{b}").ToArray(),
                    parents = Parents,
                    base_relatives = model.BaseRelatives,
                    inverse_base_absolutes = model.InverseBaseAbsolutes,
                    base_positions = model.Vertices.Select(v => new[] { v[0], v[1], v[2], 1.0 }).ToArray(),
                    weights,
                    triangles = model.Triangles,
                    is_mirrored = model.IsMirrored,
                },
                correspondences,
                points,
            },
            min_runs = 1,
            min_seconds = 0,
        };
        return JsonSerializer.Serialize(input);
    }

    private static double[] RotateX(double angle, double[] p) =>
        [p[0], (Math.Cos(angle) * p[1]) - (Math.Sin(angle) * p[2]), (Math.Sin(angle) * p[1]) + (Math.Cos(angle) * p[2])];

    private static double[] RotateZ(double angle, double[] p) =>
        [(Math.Cos(angle) * p[0]) - (Math.Sin(angle) * p[1]), (Math.Sin(angle) * p[0]) + (Math.Cos(angle) * p[1]), p[2]];

    private static double[] Average(double[] p, double[] q) => [0.5 * (p[0] + q[0]), 0.5 * (p[1] + q[1]), 0.5 * (p[2] + q[2])];
}
