using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Applications.Logistic;

/// <summary>
/// L2-regularised logistic regression, θ = (w₁ … w_d, b), labels ±1:
/// f(θ; λ) = 1/n Σ log(1 + exp(−yᵢ(xᵢ·w + b))) + (λ/2)‖w‖² (the intercept is not penalised), and a validation
/// log-loss through the generated solvers, differentiated in λ by the implicit function theorem on ∇_θ f = 0.
/// </summary>
public static partial class LogisticModel
{
    /// <summary>The training objective; X is row-major n × d, n = y.Length.</summary>
    [Differentiable]
    public static double Objective(ReadOnlySpan<double> theta, double lambda, double[] X, double[] y, int d)
    {
        double loss = LogLoss(theta, X, y, d);
        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            penalty += theta[j] * theta[j];
        }

        return loss + 0.5 * lambda * penalty;
    }

    /// <summary>1/m Σ log(1 + exp(−yᵢ(xᵢ·w + b))), written so that exp never overflows.</summary>
    [Differentiable]
    public static double LogLoss(ReadOnlySpan<double> theta, double[] X, double[] y, int d)
    {
        int m = y.Length;
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            double z = theta[d];
            for (int j = 0; j < d; j++)
            {
                z += X[i * d + j] * theta[j];
            }

            double margin = y[i] * z;
            sum += margin > 0 ? Math.Log(1 + Math.Exp(-margin)) : -margin + Math.Log(1 + Math.Exp(margin));
        }

        return sum / m;
    }

    /// <summary>L-BFGS (the default solver); the implicit system is the Hessian, solved by CG (the default).</summary>
    [Optimize(nameof(Objective))]
    [ImplicitDiff]
    public static partial double[] Fit(ReadOnlySpan<double> theta0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    /// <summary>Newton-CG on the generated Hessian-vector product; the implicit system by dense Cholesky.</summary>
    [Optimize(nameof(Objective), Solver = Solver.NewtonCg)]
    [ImplicitDiff(LinearSolver = LinearSolver.DenseCholesky)]
    public static partial double[] FitNewton(ReadOnlySpan<double> theta0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    /// <summary>The bilevel objective: validation log-loss of the model trained with strength λ.</summary>
    [Differentiable]
    public static double ValidationLoss(double lambda, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] start = new double[d + 1];
        double[] theta = Fit(start, lambda, X, y, d);
        return LogLoss(theta, validationX, validationY, d);
    }

    [Gradient(nameof(ValidationLoss))]
    public static partial double ValidationLossGradient(
        double lambda, double[] X, double[] y, double[] validationX, double[] validationY, int d, out double dLambda);

    /// <summary>The same in log λ, through the Newton-CG/Cholesky solver (what an outer hyperparameter loop optimises).</summary>
    [Differentiable]
    public static double ValidationLossInLogLambda(double logLambda, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] start = new double[d + 1];
        double[] theta = FitNewton(start, Math.Exp(logLambda), X, y, d);
        return LogLoss(theta, validationX, validationY, d);
    }

    [Gradient(nameof(ValidationLossInLogLambda))]
    public static partial double ValidationLossInLogLambdaGradient(
        double logLambda, double[] X, double[] y, double[] validationX, double[] validationY, int d, out double dLogLambda);

    /// <summary>θ*(λ) as a vector-valued function, for its JVP dθ*/dλ.</summary>
    [Differentiable]
    public static void Parameters(double lambda, double[] X, double[] y, int d, Span<double> theta)
    {
        double[] solution = Fit(new double[d + 1], lambda, X, y, d);
        for (int j = 0; j <= d; j++)
        {
            theta[j] = solution[j];
        }
    }

    [Jvp(nameof(Parameters))]
    public static partial void ParametersJvp(double lambda, double[] X, double[] y, int d, Span<double> theta, double dLambda, Span<double> dTheta);
}
