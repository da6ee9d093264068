using DiffOpt;
using DiffOpt.Solvers;

namespace RidgeLib;

/// <summary>
/// Ridge regression f(w; λ) = 1/(2n)‖Xw − y‖² + (λ/2)‖w‖² (X row-major n × d, n = y.Length) with a generated solver
/// and exact hypergradients of a validation loss. Everything here is compiled by DiffOpt's generator when this library
/// is built; callers need only this assembly and the DiffOpt runtime.
/// </summary>
public static partial class RidgeRegression
{
    /// <summary>The training objective.</summary>
    /// <param name="w">Coefficients, length <paramref name="d"/>.</param>
    /// <param name="lambda">Regularisation strength λ &gt; 0.</param>
    /// <param name="X">Training features, row-major n × d.</param>
    /// <param name="y">Training targets, length n.</param>
    /// <param name="d">Number of features.</param>
    /// <returns>1/(2n)‖Xw − y‖² + (λ/2)‖w‖².</returns>
    [Differentiable]
    public static double Objective(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d)
    {
        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            penalty += w[j] * w[j];
        }

        return HalfMeanSquaredError(w, X, y, d) + 0.5 * lambda * penalty;
    }

    /// <summary>Minimises <see cref="Objective"/> by L-BFGS (generated).</summary>
    /// <param name="w0">Initial point (its length is d).</param>
    /// <param name="lambda">Regularisation strength λ &gt; 0.</param>
    /// <param name="X">Training features, row-major n × d.</param>
    /// <param name="y">Training targets, length n.</param>
    /// <param name="d">Number of features.</param>
    /// <param name="options">Solver options; null for the defaults.</param>
    /// <returns>The minimiser w*(λ).</returns>
    /// <exception cref="OptimizationException">The solver did not converge; carries its full report.</exception>
    [Optimize(nameof(Objective))]
    [ImplicitDiff]
    public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    /// <summary>The validation loss of the model trained with λ = exp(<paramref name="logLambda"/>).</summary>
    /// <param name="logLambda">log λ.</param>
    /// <param name="X">Training features, row-major n × d.</param>
    /// <param name="y">Training targets.</param>
    /// <param name="validationX">Validation features, row-major m × d.</param>
    /// <param name="validationY">Validation targets.</param>
    /// <param name="d">Number of features.</param>
    /// <returns>1/(2m)‖X_v w*(λ) − y_v‖².</returns>
    [Differentiable]
    public static double ValidationLoss(double logLambda, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = Fit(new double[d], Math.Exp(logLambda), X, y, d);
        return HalfMeanSquaredError(w, validationX, validationY, d);
    }

    /// <summary>
    /// The validation loss and its exact derivative in log λ (the implicit function theorem through <see cref="Fit"/>:
    /// one solve and one conjugate-gradient solve with Hessian-vector products; no unrolling).
    /// </summary>
    /// <param name="logLambda">log λ.</param>
    /// <param name="X">Training features, row-major n × d.</param>
    /// <param name="y">Training targets.</param>
    /// <param name="validationX">Validation features, row-major m × d.</param>
    /// <param name="validationY">Validation targets.</param>
    /// <param name="d">Number of features.</param>
    /// <param name="dLogLambda">d(validation loss)/d(log λ).</param>
    /// <returns>The validation loss.</returns>
    [Gradient(nameof(ValidationLoss))]
    public static partial double ValidationLossGradient(
        double logLambda, double[] X, double[] y, double[] validationX, double[] validationY, int d, out double dLogLambda);

    /// <summary>1/(2m)‖Xw − y‖² over m = y.Length rows.</summary>
    /// <param name="w">Coefficients.</param>
    /// <param name="X">Features, row-major m × d.</param>
    /// <param name="y">Targets.</param>
    /// <param name="d">Number of features.</param>
    /// <returns>Half the mean squared error.</returns>
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
}
