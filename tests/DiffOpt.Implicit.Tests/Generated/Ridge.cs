using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Generated;

/// <summary>
/// Ridge regression f(w) = ½‖Xw − y‖² + ½λ‖w‖² (X row-major n×d) solved three ways, each made differentiable by
/// [ImplicitDiff]: a generated [Optimize] solver (gradient condition), a hand-written solver with a named root condition
/// (the stationarity residual), and the same hand-written solver with a fixed-point map (a gradient step). One declaration
/// per <see cref="LinearSolver"/> value, since the linear solver is chosen in the attribute.
/// </summary>
public static partial class Ridge
{
    /// <summary>Step of the fixed-point map; any positive value has the same fixed point.</summary>
    public const double Step = 1e-3;

    [Differentiable]
    public static double Objective(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d)
    {
        int n = y.Length;
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            double r = -y[i];
            for (int j = 0; j < d; j++)
            {
                r += X[(i * d) + j] * w[j];
            }

            loss += 0.5 * r * r;
        }

        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            penalty += w[j] * w[j];
        }

        return loss + (0.5 * lambda * penalty);
    }

    /// <summary>∇f(w) = Xᵀ(Xw − y) + λw.</summary>
    [Differentiable]
    public static void Stationarity(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d, Span<double> residual)
    {
        int n = y.Length;
        for (int j = 0; j < d; j++)
        {
            residual[j] = lambda * w[j];
        }

        for (int i = 0; i < n; i++)
        {
            double r = -y[i];
            for (int j = 0; j < d; j++)
            {
                r += X[(i * d) + j] * w[j];
            }

            for (int j = 0; j < d; j++)
            {
                residual[j] += X[(i * d) + j] * r;
            }
        }
    }

    /// <summary>T(w) = w − η∇f(w).</summary>
    [Differentiable]
    public static void GradientStep(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d, Span<double> next)
    {
        int n = y.Length;
        for (int j = 0; j < d; j++)
        {
            next[j] = w[j] - (Step * lambda * w[j]);
        }

        for (int i = 0; i < n; i++)
        {
            double r = -y[i];
            for (int j = 0; j < d; j++)
            {
                r += X[(i * d) + j] * w[j];
            }

            for (int j = 0; j < d; j++)
            {
                next[j] -= Step * X[(i * d) + j] * r;
            }
        }
    }

    /// <summary>A hand-written solver: the normal equations by dense Cholesky.</summary>
    public static double[] Normal(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d)
    {
        var (a, b) = NormalEquations(lambda, X, y, d);
        return LinearSolve.DenseCholesky(a, b).Solution;
    }

    public static (double[] A, double[] B) NormalEquations(double lambda, double[] X, double[] y, int d)
    {
        int n = y.Length;
        var a = new double[d * d];
        var b = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                b[j] += X[(i * d) + j] * y[i];
                for (int k = 0; k < d; k++)
                {
                    a[(j * d) + k] += X[(i * d) + j] * X[(i * d) + k];
                }
            }
        }

        for (int j = 0; j < d; j++)
        {
            a[(j * d) + j] += lambda;
        }

        return (a, b);
    }

    [Optimize(nameof(Objective))]
    [ImplicitDiff]
    public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    /// <summary>The same solver run to a tighter tolerance when the call passes no options (calls from differentiable code).</summary>
    [Optimize(nameof(Objective), Tolerance = 1e-13, MaxIterations = 5000)]
    [ImplicitDiff]
    public static partial double[] FitTight(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    [Optimize(nameof(Objective))]
    public static partial OptimizationResult FitResult(double[] w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    [Optimize(nameof(Objective), Solver = Solver.NewtonCg)]
    public static partial double[] FitNewton(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    [Optimize(nameof(Objective), Solver = Solver.GradientDescent)]
    public static partial OptimizationResult FitGradientDescent(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    [Optimize(nameof(Objective)), ImplicitDiff(LinearSolver = LinearSolver.ConjugateGradient)]
    public static partial double[] FitCg(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Optimize(nameof(Objective)), ImplicitDiff(LinearSolver = LinearSolver.NormalCg)]
    public static partial double[] FitNormalCg(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Optimize(nameof(Objective)), ImplicitDiff(LinearSolver = LinearSolver.Gmres)]
    public static partial double[] FitGmres(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Optimize(nameof(Objective)), ImplicitDiff(LinearSolver = LinearSolver.BiCgStab)]
    public static partial double[] FitBiCgStab(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Optimize(nameof(Objective)), ImplicitDiff(LinearSolver = LinearSolver.DenseLu)]
    public static partial double[] FitDenseLu(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Optimize(nameof(Objective)), ImplicitDiff(LinearSolver = LinearSolver.DenseCholesky)]
    public static partial double[] FitDenseCholesky(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [ImplicitDiff(nameof(Stationarity))]
    public static double[] Root(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(nameof(Stationarity), LinearSolver = LinearSolver.ConjugateGradient)]
    public static double[] RootCg(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(nameof(Stationarity), LinearSolver = LinearSolver.NormalCg)]
    public static double[] RootNormalCg(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(nameof(Stationarity), LinearSolver = LinearSolver.Gmres)]
    public static double[] RootGmres(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(nameof(Stationarity), LinearSolver = LinearSolver.BiCgStab)]
    public static double[] RootBiCgStab(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(nameof(Stationarity), LinearSolver = LinearSolver.DenseLu)]
    public static double[] RootDenseLu(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(nameof(Stationarity), LinearSolver = LinearSolver.DenseCholesky)]
    public static double[] RootDenseCholesky(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(FixedPoint = nameof(GradientStep))]
    public static double[] Fixed(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(FixedPoint = nameof(GradientStep), LinearSolver = LinearSolver.ConjugateGradient)]
    public static double[] FixedCg(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(FixedPoint = nameof(GradientStep), LinearSolver = LinearSolver.NormalCg)]
    public static double[] FixedNormalCg(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(FixedPoint = nameof(GradientStep), LinearSolver = LinearSolver.Gmres)]
    public static double[] FixedGmres(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(FixedPoint = nameof(GradientStep), LinearSolver = LinearSolver.BiCgStab)]
    public static double[] FixedBiCgStab(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(FixedPoint = nameof(GradientStep), LinearSolver = LinearSolver.DenseLu)]
    public static double[] FixedDenseLu(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [ImplicitDiff(FixedPoint = nameof(GradientStep), LinearSolver = LinearSolver.DenseCholesky)]
    public static double[] FixedDenseCholesky(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => Normal(w0, lambda, X, y, d);

    [Vjp(nameof(Fit))]
    public static partial void FitVjp(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, out double dLambda, Span<double> dX, ReadOnlySpan<double> dw);

    [Jvp(nameof(Fit))]
    public static partial double[] FitJvp(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, double dLambda, Span<double> dSolution);

    [Vjp(nameof(Root))]
    public static partial double[] RootVjp(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, out double dLambda, ReadOnlySpan<double> dResult);

    [Jvp(nameof(Fixed))]
    public static partial void FixedJvp(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, double dLambda, ReadOnlySpan<double> dX, Span<double> dw);
}
