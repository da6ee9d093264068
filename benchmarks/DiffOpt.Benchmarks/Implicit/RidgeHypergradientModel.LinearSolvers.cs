namespace DiffOpt.Benchmarks.Implicit;

// One [Optimize] + [ImplicitDiff] declaration per linear solver of the implicit system (the attribute fixes it), and one
// validation loss per declaration. Everything else is identical: L-BFGS at its default tolerance for the inner solve.
public static partial class RidgeHypergradientModel
{
    [Optimize(nameof(Objective))]
    [ImplicitDiff(LinearSolver = LinearSolver.ConjugateGradient)]
    public static partial double[] FitCg(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Differentiable]
    public static double ValidationLossCg(double lambda, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = FitCg(new double[d], lambda, X, y, d);
        return HalfMeanSquaredError(w, validationX, validationY, d);
    }

    [Gradient(nameof(ValidationLossCg))]
    public static partial double ValidationLossCgGradient(double lambda, double[] X, double[] y, double[] validationX, double[] validationY,
        int d, out double dLambda);

    [Optimize(nameof(Objective))]
    [ImplicitDiff(LinearSolver = LinearSolver.NormalCg)]
    public static partial double[] FitNormalCg(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Differentiable]
    public static double ValidationLossNormalCg(double lambda, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = FitNormalCg(new double[d], lambda, X, y, d);
        return HalfMeanSquaredError(w, validationX, validationY, d);
    }

    [Gradient(nameof(ValidationLossNormalCg))]
    public static partial double ValidationLossNormalCgGradient(double lambda, double[] X, double[] y, double[] validationX, double[] validationY,
        int d, out double dLambda);

    [Optimize(nameof(Objective))]
    [ImplicitDiff(LinearSolver = LinearSolver.Gmres)]
    public static partial double[] FitGmres(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Differentiable]
    public static double ValidationLossGmres(double lambda, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = FitGmres(new double[d], lambda, X, y, d);
        return HalfMeanSquaredError(w, validationX, validationY, d);
    }

    [Gradient(nameof(ValidationLossGmres))]
    public static partial double ValidationLossGmresGradient(double lambda, double[] X, double[] y, double[] validationX, double[] validationY,
        int d, out double dLambda);

    [Optimize(nameof(Objective))]
    [ImplicitDiff(LinearSolver = LinearSolver.BiCgStab)]
    public static partial double[] FitBiCgStab(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Differentiable]
    public static double ValidationLossBiCgStab(double lambda, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = FitBiCgStab(new double[d], lambda, X, y, d);
        return HalfMeanSquaredError(w, validationX, validationY, d);
    }

    [Gradient(nameof(ValidationLossBiCgStab))]
    public static partial double ValidationLossBiCgStabGradient(double lambda, double[] X, double[] y, double[] validationX, double[] validationY,
        int d, out double dLambda);

    [Optimize(nameof(Objective))]
    [ImplicitDiff(LinearSolver = LinearSolver.DenseLu)]
    public static partial double[] FitDenseLu(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Differentiable]
    public static double ValidationLossDenseLu(double lambda, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = FitDenseLu(new double[d], lambda, X, y, d);
        return HalfMeanSquaredError(w, validationX, validationY, d);
    }

    [Gradient(nameof(ValidationLossDenseLu))]
    public static partial double ValidationLossDenseLuGradient(double lambda, double[] X, double[] y, double[] validationX, double[] validationY,
        int d, out double dLambda);

    [Optimize(nameof(Objective))]
    [ImplicitDiff(LinearSolver = LinearSolver.DenseCholesky)]
    public static partial double[] FitDenseCholesky(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

    [Differentiable]
    public static double ValidationLossDenseCholesky(double lambda, double[] X, double[] y, double[] validationX, double[] validationY, int d)
    {
        double[] w = FitDenseCholesky(new double[d], lambda, X, y, d);
        return HalfMeanSquaredError(w, validationX, validationY, d);
    }

    [Gradient(nameof(ValidationLossDenseCholesky))]
    public static partial double ValidationLossDenseCholeskyGradient(double lambda, double[] X, double[] y, double[] validationX, double[] validationY,
        int d, out double dLambda);
}
