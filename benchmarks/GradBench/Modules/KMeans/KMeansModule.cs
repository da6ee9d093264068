using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.KMeans;

/// <summary>
/// The <c>kmeans</c> module: <c>cost</c> → f(C), <c>dir</c> → J ⊘ diag H as a k × d matrix (input
/// <c>{points, centroids}</c>, both <c>double[][]</c>). The Hessian is diagonal, so diag H = H·1: J and H·1 come
/// from one generated JVP of the generated gradient along the all-ones direction.
/// </summary>
internal sealed class KMeansModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "kmeans";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } =
    [
        new("cost", WarmUp),
        new("dir", WarmUp),
    ];

    private const string WarmUp = """
        {"points":[[0.1,0.2],[0.8,0.9],[0.15,0.3],[0.7,0.95],[0.5,0.1]],"centroids":[[0.7,0.95],[0.5,0.1]]}
        """;

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        double[] points = JsonInput.GetMatrix(input, "points", out int n, out int d);
        double[] centroids = JsonInput.GetMatrix(input, "centroids", out int k, out int centroidDimension);
        if (n == 0 || k == 0 || d == 0 || centroidDimension != d)
        {
            throw new GradBenchInputException($"need at least one point and one centroid of the same dimension; got {n} points of dimension {d} and {k} centroids of dimension {centroidDimension}");
        }

        switch (function)
        {
            case "cost":
                return PreparedFunction.Scalar(() => KMeansClustering.Cost(centroids, points, d));
            case "dir":
                double[] gradient = new double[k * d];
                double[] ones = new double[k * d];
                double[] hessianDiagonal = new double[k * d];
                double[] direction = new double[k * d];
                Array.Fill(ones, 1.0);
                return PreparedFunction.Create(
                    () =>
                    {
                        KMeansClustering.JacobianJvp(centroids, points, d, gradient, ones, hessianDiagonal);
                        for (int i = 0; i < direction.Length; i++)
                        {
                            direction[i] = gradient[i] / hessianDiagonal[i];
                        }
                    },
                    w => JsonOutput.WriteMatrix(w, direction, k));
            default:
                throw GradBenchInputException.UnknownFunction(Name, function, "cost", "dir");
        }
    }
}
