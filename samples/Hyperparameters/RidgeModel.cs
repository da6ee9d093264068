using DiffOpt;
using DiffOpt.Solvers;

namespace Hyperparameters;

/// <summary>
/// Ridge regression f(w; λ) = 1/(2n)‖Xw − y‖² + (λ/2)‖w‖² with a generated solver, and the validation loss as a
/// differentiable function of log λ: its gradient goes through the solver by the implicit function theorem.
/// </summary>
public static partial class RidgeModel
{
    [Differentiable]
    public static double Objective(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d) =>
        Losses.HalfMeanSquaredError(w, X, y, d) + 0.5 * lambda * Losses.SquaredNorm(w);

    /// <summary>L-BFGS on the generated gradient; calls from differentiable code are differentiated with CG on the Hessian.</summary>
    [Optimize(nameof(Objective))]
    [ImplicitDiff]
    public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    /// <summary>Validation loss of the ridge fit with λ = exp(logLambda), warm-started at <paramref name="start"/>.</summary>
    [Differentiable]
    public static double ValidationLoss(double logLambda, double[] start, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = Fit(start, Math.Exp(logLambda), X, y, d);
        return Losses.HalfMeanSquaredError(w, validationX, validationY, d);
    }

    /// <summary>The hypergradient d(validation loss)/d(log λ).</summary>
    [Gradient(nameof(ValidationLoss))]
    public static partial double ValidationLossGradient(
        double logLambda, double[] start, double[] X, double[] y, double[] validationX, double[] validationY, int d, out double dLogLambda);
}
