using DiffOpt;
using DiffOpt.Solvers;

namespace Hyperparameters;

/// <summary>
/// The lasso f(w; α) = 1/(2n)‖Xw − y‖² + α‖w‖₁ with a hand-written solver (the runtime's FISTA) made differentiable by
/// its proximal-gradient fixed point w = prox_{ηα‖·‖₁}(w − η∇f(w)): the generator never sees the solver's body.
/// </summary>
public static partial class LassoModel
{
    /// <summary>Any η &gt; 0 has the same fixed points and the same implicit derivative.</summary>
    private const double StepSize = 0.05;

    [Differentiable]
    public static double SmoothPart(ReadOnlySpan<double> w, double[] X, double[] y, int d) => Losses.HalfMeanSquaredError(w, X, y, d);

    [Gradient(nameof(SmoothPart))]
    public static partial double SmoothPartGradient(ReadOnlySpan<double> w, double[] X, double[] y, int d, Span<double> dw);

    /// <summary>One proximal-gradient step; its fixed points are the lasso solutions.</summary>
    [Differentiable]
    public static void ProximalGradientStep(ReadOnlySpan<double> w, double alpha, double[] X, double[] y, int d, Span<double> next)
    {
        int n = y.Length;
        double[] residual = new double[n];
        for (int i = 0; i < n; i++)
        {
            double r = -y[i];
            for (int j = 0; j < d; j++)
            {
                r += X[i * d + j] * w[j];
            }

            residual[i] = r;
        }

        double threshold = StepSize * alpha;
        for (int j = 0; j < d; j++)
        {
            double g = 0;
            for (int i = 0; i < n; i++)
            {
                g += X[i * d + j] * residual[i];
            }

            double v = w[j] - StepSize * g / n;
            next[j] = v > threshold ? v - threshold : (v < -threshold ? v + threshold : 0.0);
        }
    }

    /// <summary>FISTA with soft-thresholding from <paramref name="w0"/> (a warm start), to a tight tolerance.</summary>
    [ImplicitDiff(FixedPoint = nameof(ProximalGradientStep))]
    public static double[] Fit(ReadOnlySpan<double> w0, double alpha, double[] X, double[] y, int d)
    {
        var options = new SolverOptions { Tolerance = 1e-10, MaxIterations = 200_000 };
        return Minimize.ProximalGradient((w, g) => SmoothPartGradient(w, X, y, d, g), Proximal.L1(alpha), w0, options)
            .EnsureConverged().Solution;
    }

    /// <summary>Validation loss of the lasso fit with α = exp(logAlpha), warm-started at <paramref name="start"/>.</summary>
    [Differentiable]
    public static double ValidationLoss(double logAlpha, double[] start, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = Fit(start, Math.Exp(logAlpha), X, y, d);
        return Losses.HalfMeanSquaredError(w, validationX, validationY, d);
    }

    [Gradient(nameof(ValidationLoss))]
    public static partial double ValidationLossGradient(
        double logAlpha, double[] start, double[] X, double[] y, double[] validationX, double[] validationY, int d, out double dLogAlpha);
}
