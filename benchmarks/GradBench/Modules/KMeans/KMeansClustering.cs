namespace DiffOpt.GradBench.Modules.KMeans;

/// <summary>
/// GradBench's kmeans eval: f(C) = Σᵢ minⱼ ‖Cⱼ − Pᵢ‖² over n points Pᵢ and k centroids Cⱼ in d dimensions
/// (row-major), and the Newton direction J ⊘ diag H of Bottou and Bengio, "Convergence Properties of the K-Means
/// Algorithms" (NIPS 1994).
/// </summary>
internal static partial class KMeansClustering
{
    /// <summary>
    /// The cost: each point is assigned to its closest centroid, then the squared distances to the assigned
    /// centroids are summed. The assignment is piecewise constant in C, so only the assigned centroid's distance
    /// carries a derivative (the sparse adjoint of the minimum). DiffOpt's activity analysis sees that the
    /// distances of the search feed only a comparison, so the search runs forwards only in the derivatives.
    /// </summary>
    [Differentiable]
    public static double Cost(ReadOnlySpan<double> centroids, [NonDifferentiable] ReadOnlySpan<double> points, int d)
    {
        int k = centroids.Length / d;
        int n = points.Length / d;
        double cost = 0;
        for (int i = 0; i < n; i++)
        {
            int closest = 0;
            double closestDistance = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
            {
                double distance = 0;
                for (int c = 0; c < d; c++)
                {
                    double difference = centroids[(j * d) + c] - points[(i * d) + c];
                    distance += difference * difference;
                }

                if (distance < closestDistance)
                {
                    closestDistance = distance;
                    closest = j;
                }
            }

            for (int c = 0; c < d; c++)
            {
                double difference = centroids[(closest * d) + c] - points[(i * d) + c];
                cost += difference * difference;
            }
        }

        return cost;
    }

    /// <summary>Returns the cost and writes its gradient J in the centroids.</summary>
    [Gradient(nameof(Cost))]
    public static partial double CostGradient(ReadOnlySpan<double> centroids, ReadOnlySpan<double> points, int d, Span<double> dCentroids);

    /// <summary>
    /// The gradient J as a vector-valued function of the centroids, so that its JVP along v is the Hessian-vector
    /// product H·v: forward mode over the generated reverse-mode gradient, as JAX's <c>jvp(grad(f), …)</c>.
    /// </summary>
    [Differentiable]
    public static void Jacobian(ReadOnlySpan<double> centroids, [NonDifferentiable] ReadOnlySpan<double> points, int d, Span<double> gradient)
    {
        CostGradient(centroids, points, d, gradient);
    }

    /// <summary>Writes J to <paramref name="gradient"/> and H·<paramref name="dCentroids"/> to <paramref name="dGradient"/> in one pass.</summary>
    [Jvp(nameof(Jacobian))]
    public static partial void JacobianJvp(ReadOnlySpan<double> centroids, ReadOnlySpan<double> points, int d, Span<double> gradient, ReadOnlySpan<double> dCentroids, Span<double> dGradient);
}
