using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Generated;

/// <summary>
/// Constrained [Optimize] solvers differentiated through the fixed point of their projected / proximal step: ridge on the box
/// [−0.3, 0.3]ᵈ (projected gradient) and the lasso ½‖Xw − y‖² + α‖w‖₁ (proximal gradient, soft thresholding).
/// </summary>
public static partial class Constrained
{
    public const double Bound = 0.3;

    [Differentiable]
    public static double LeastSquares(ReadOnlySpan<double> w, double alpha, double[] X, double[] y, int d)
    {
        double loss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = -y[i];
            for (int j = 0; j < d; j++)
            {
                r += X[(i * d) + j] * w[j];
            }

            loss += 0.5 * r * r;
        }

        return loss;
    }

    /// <summary>prox of step·α‖·‖₁: soft thresholding at step·α.</summary>
    [Differentiable]
    public static void SoftThreshold(ReadOnlySpan<double> x, double step, double alpha, double[] X, double[] y, int d, Span<double> result)
    {
        double t = step * alpha;
        for (int j = 0; j < x.Length; j++)
        {
            double v = x[j];
            result[j] = v > t ? v - t : v < -t ? v + t : 0.0;
        }
    }

    /// <summary>Projection onto the box [−Bound, Bound]ᵈ (independent of θ).</summary>
    [Differentiable]
    public static void Box(ReadOnlySpan<double> x, Span<double> projected)
    {
        for (int j = 0; j < x.Length; j++)
        {
            projected[j] = Math.Min(Bound, Math.Max(-Bound, x[j]));
        }
    }

    [Optimize(nameof(LeastSquares), Prox = nameof(SoftThreshold))]
    [ImplicitDiff]
    public static partial double[] Lasso(ReadOnlySpan<double> w0, double alpha, double[] X, double[] y, int d, SolverOptions? options = null);

    [Optimize(nameof(Ridge.Objective), Projection = nameof(Box))]
    [ImplicitDiff]
    public static partial double[] BoxRidge(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    [Differentiable]
    public static double Objective(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d) => Ridge.Objective(w, lambda, X, y, d);

    [Differentiable]
    public static double LassoValidation(double alpha, double[] X, double[] y, double[] Xv, double[] yv, int d)
    {
        double[] w = Lasso(new double[d], alpha, X, y, d);
        return Bilevel.Loss(w, Xv, yv, d);
    }

    [Differentiable]
    public static double BoxValidation(double lambda, double[] X, double[] y, double[] Xv, double[] yv, int d)
    {
        double[] w = BoxRidge(new double[d], lambda, X, y, d);
        return Bilevel.Loss(w, Xv, yv, d);
    }

    [Gradient(nameof(LassoValidation))]
    public static partial double LassoValidationGradient(double alpha, double[] X, double[] y, double[] Xv, double[] yv, int d, out double dAlpha);

    [Jvp(nameof(LassoValidation))]
    public static partial double LassoValidationJvp(double alpha, double[] X, double[] y, double[] Xv, double[] yv, int d, double dAlpha, out double dResult);

    [Gradient(nameof(BoxValidation))]
    public static partial double BoxValidationGradient(double lambda, double[] X, double[] y, double[] Xv, double[] yv, int d, out double dLambda, Span<double> dX);

    [Jvp(nameof(BoxValidation))]
    public static partial double BoxValidationJvp(double lambda, double[] X, double[] y, double[] Xv, double[] yv, int d, double dLambda, out double dResult);
}
