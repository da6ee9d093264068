namespace DiffOpt.Benchmarks.Implicit;

/// <summary>
/// Ridge regression f(w; λ) = 1/(2n)‖Xw − y‖² + (λ/2)‖w‖² (X row-major n × d, n = y.Length) and the hypergradient
/// dL/dλ of the validation loss L(w*(λ)) = 1/(2m)‖X_v w* − y_v‖², computed two ways: implicitly (a generated
/// <c>[Optimize]</c> solver with <c>[ImplicitDiff]</c>, one declaration per linear solver) and by unrolling K steps of
/// gradient descent in a <c>[Differentiable]</c> loop and differentiating through all of them.
/// </summary>
public static partial class RidgeHypergradientModel
{
    [Differentiable]
    public static double Objective(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d)
    {
        int n = y.Length;
        double squares = 0;
        for (int i = 0; i < n; i++)
        {
            double r = -y[i];
            for (int j = 0; j < d; j++)
            {
                r += X[i * d + j] * w[j];
            }

            squares += r * r;
        }

        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            penalty += w[j] * w[j];
        }

        return 0.5 * squares / n + 0.5 * lambda * penalty;
    }

    /// <summary>∇_w f: called inside the unrolled loop (its derivative there is the Hessian, via the generated HVP).</summary>
    [Gradient(nameof(Objective))]
    public static partial double ObjectiveGradient(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d, Span<double> dw);

    /// <summary>1/(2m)‖Xw − y‖² over m = y.Length rows.</summary>
    [Differentiable]
    public static double HalfMeanSquaredError(ReadOnlySpan<double> w, double[] X, double[] y, int d)
    {
        int m = y.Length;
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            double r = -y[i];
            for (int j = 0; j < d; j++)
            {
                r += X[i * d + j] * w[j];
            }

            sum += r * r;
        }

        return 0.5 * sum / m;
    }

    /// <summary>
    /// The unrolled baseline: K steps w ← w − η∇f(w) from w = 0, then the validation loss. Reverse mode stores the K
    /// iterates and runs K Hessian-vector products backwards.
    /// </summary>
    [Differentiable]
    public static double UnrolledValidationLoss(double lambda, double[] X, double[] y, double[] validationX, double[] validationY,
                                                int d, int iterations, double step)
    {
        double[] w = new double[d];
        double[] g = new double[d];
        for (int k = 0; k < iterations; k++)
        {
            ObjectiveGradient(w, lambda, X, y, d, g);
            for (int j = 0; j < d; j++)
            {
                w[j] -= step * g[j];
            }
        }

        return HalfMeanSquaredError(w, validationX, validationY, d);
    }

    [Gradient(nameof(UnrolledValidationLoss))]
    public static partial double UnrolledValidationLossGradient(double lambda, double[] X, double[] y, double[] validationX, double[] validationY,
                                                                int d, int iterations, double step, out double dLambda);
}
