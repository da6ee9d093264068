using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Applications.Lasso;

/// <summary>
/// The lasso f(w; α) = 1/(2n)‖y − Xw‖² + α‖w‖₁ (X row-major n × d, n = y.Length), made differentiable in α (and the
/// data) two ways: a hand-written FISTA solver with the proximal-gradient fixed point as its condition, and a generated
/// <c>[Optimize(Prox = …)]</c> solver whose implicit rule is the generator's own proximal fixed point.
/// </summary>
public static partial class LassoModel
{
    /// <summary>
    /// Step of the fixed-point map. Every η &gt; 0 has the same fixed points (the lasso solutions) and the same implicit
    /// derivative; the implicit system is then ηH on the support and the identity off it.
    /// </summary>
    public const double StepSize = 0.25;

    /// <summary>The smooth part 1/(2n)‖y − Xw‖². α is not used: it is there so the signature matches the solver's.</summary>
    [Differentiable]
    public static double SmoothPart(ReadOnlySpan<double> w, double alpha, double[] X, double[] y, int d)
    {
        int n = y.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double r = -y[i];
            for (int j = 0; j < d; j++)
            {
                r += X[i * d + j] * w[j];
            }

            sum += r * r;
        }

        return 0.5 * sum / n;
    }

    [Gradient(nameof(SmoothPart))]
    public static partial double SmoothPartGradient(ReadOnlySpan<double> w, double alpha, double[] X, double[] y, int d, Span<double> dw);

    /// <summary>prox of t·α‖·‖₁: soft-thresholding at tα. Off the support its derivative is zero, on it the identity.</summary>
    [Differentiable]
    public static void SoftThreshold(ReadOnlySpan<double> x, double step, double alpha, double[] X, double[] y, int d, Span<double> result)
    {
        double threshold = step * alpha;
        for (int j = 0; j < x.Length; j++)
        {
            double v = x[j];
            result[j] = v > threshold ? v - threshold : (v < -threshold ? v + threshold : 0.0);
        }
    }

    /// <summary>The proximal-gradient map T(w) = prox_{ηα‖·‖₁}(w − η∇f(w)): its fixed points are the lasso solutions.</summary>
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

    /// <summary>
    /// A hand-written (black-box to the generator) solver: the runtime's FISTA with soft-thresholding, to a tight
    /// tolerance. Calls from differentiable code are differentiated through <see cref="ProximalGradientStep"/>.
    /// </summary>
    [ImplicitDiff(FixedPoint = nameof(ProximalGradientStep))]
    public static double[] SolveByFista(ReadOnlySpan<double> w0, double alpha, double[] X, double[] y, int d)
    {
        var options = new SolverOptions { Tolerance = 1e-13, MaxIterations = 200_000 };
        OptimizationResult result = Minimize.ProximalGradient(
            (w, g) => SmoothPartGradient(w, alpha, X, y, d, g), Proximal.L1(alpha), w0, options);
        return result.EnsureConverged().Solution;
    }

    /// <summary>
    /// The generated solver: FISTA on <see cref="SmoothPart"/> with <see cref="SoftThreshold"/>, differentiated through the
    /// generator's default condition for a Prox solver, w − prox_{1·α‖·‖₁}(w − ∇f(w)) = 0.
    /// </summary>
    [Optimize(nameof(SmoothPart), Prox = nameof(SoftThreshold))]
    [ImplicitDiff]
    public static partial double[] Solve(ReadOnlySpan<double> w0, double alpha, double[] X, double[] y, int d, SolverOptions? options = null);

    /// <summary>The coefficients w*(α) of the hand-written solver, as a vector-valued function (its JVP is dw*/dα·α̇).</summary>
    [Differentiable]
    public static void FistaCoefficients(double alpha, double[] X, double[] y, int d, Span<double> w)
    {
        double[] solution = SolveByFista(new double[d], alpha, X, y, d);
        for (int j = 0; j < d; j++)
        {
            w[j] = solution[j];
        }
    }

    [Jvp(nameof(FistaCoefficients))]
    public static partial void FistaCoefficientsJvp(double alpha, double[] X, double[] y, int d, Span<double> w, double dAlpha, Span<double> dw);

    [Vjp(nameof(FistaCoefficients))]
    public static partial void FistaCoefficientsVjp(double alpha, double[] X, double[] y, int d, Span<double> w, out double dAlpha, ReadOnlySpan<double> dw);

    /// <summary>The coefficients of the generated solver.</summary>
    [Differentiable]
    public static void GeneratedCoefficients(double alpha, double[] X, double[] y, int d, Span<double> w)
    {
        double[] solution = Solve(new double[d], alpha, X, y, d);
        for (int j = 0; j < d; j++)
        {
            w[j] = solution[j];
        }
    }

    [Jvp(nameof(GeneratedCoefficients))]
    public static partial void GeneratedCoefficientsJvp(double alpha, double[] X, double[] y, int d, Span<double> w, double dAlpha, Span<double> dw);

    /// <summary>Validation loss 1/(2 n_val)‖y_val − X_val w*(α)‖² of the hand-written solver's fit: the bilevel objective.</summary>
    [Differentiable]
    public static double FistaValidationLoss(double alpha, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = SolveByFista(new double[d], alpha, X, y, d);
        return HalfMeanSquaredError(w, validationX, validationY, d);
    }

    [Gradient(nameof(FistaValidationLoss))]
    public static partial double FistaValidationLossGradient(
        double alpha, double[] X, double[] y, double[] validationX, double[] validationY, int d, out double dAlpha);

    /// <summary>The same validation loss through the generated solver.</summary>
    [Differentiable]
    public static double GeneratedValidationLoss(double alpha, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = Solve(new double[d], alpha, X, y, d);
        return HalfMeanSquaredError(w, validationX, validationY, d);
    }

    [Gradient(nameof(GeneratedValidationLoss))]
    public static partial double GeneratedValidationLossGradient(
        double alpha, double[] X, double[] y, double[] validationX, double[] validationY, int d, out double dAlpha);

    /// <summary>1/(2m)‖y − Xw‖² over m = y.Length rows.</summary>
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
