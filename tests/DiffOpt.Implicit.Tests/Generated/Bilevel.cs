namespace DiffOpt.ImplicitTests.Generated;

/// <summary>Differentiable callers of the ridge solvers: a validation loss and the solution itself as a vector function.</summary>
public static partial class Bilevel
{
    [Differentiable]
    public static double Validation(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d)
    {
        double[] w = Ridge.Fit(new double[d], Math.Exp(logLambda), X, y, d);
        return Loss(w, Xv, yv, d);
    }

    [Differentiable]
    public static double ValidationTight(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d)
    {
        double[] w = Ridge.FitTight(new double[d], Math.Exp(logLambda), X, y, d);
        return Loss(w, Xv, yv, d);
    }

    [Gradient(nameof(ValidationTight))]
    public static partial double ValidationTightGradient(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d, out double dLogLambda);

    [Differentiable]
    public static double ValidationRoot(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d)
    {
        var w = Ridge.Root(new double[d], Math.Exp(logLambda), X, y, d);
        return Loss(w, Xv, yv, d);
    }

    [Differentiable]
    public static double ValidationFixed(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d)
    {
        double[] w0 = new double[d];
        double[] w = Ridge.Fixed(w0, Math.Exp(logLambda), X, y, d);
        return Loss(w, Xv, yv, d);
    }

    [Differentiable]
    public static double Loss(ReadOnlySpan<double> w, double[] Xv, double[] yv, int d)
    {
        double loss = 0;
        for (int i = 0; i < yv.Length; i++)
        {
            double r = -yv[i];
            for (int j = 0; j < d; j++)
            {
                r += Xv[(i * d) + j] * w[j];
            }

            loss += 0.5 * r * r;
        }

        return loss;
    }

    [Gradient(nameof(Validation))]
    public static partial double ValidationGradient(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d, out double dLogLambda);

    [Gradient(nameof(Validation))]
    public static partial double ValidationGradientData(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d, out double dLogLambda, Span<double> dX, Span<double> dY);

    [Gradient(nameof(ValidationRoot))]
    public static partial double ValidationRootGradient(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d, out double dLogLambda, Span<double> dX);

    [Gradient(nameof(ValidationFixed))]
    public static partial double ValidationFixedGradient(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d, out double dLogLambda, Span<double> dX);

    [Jvp(nameof(Validation))]
    public static partial double ValidationJvp(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d, double dLogLambda, ReadOnlySpan<double> dX, out double dResult);

    [Jvp(nameof(ValidationRoot))]
    public static partial double ValidationRootJvp(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d, double dLogLambda, out double dResult);

    [Jvp(nameof(ValidationFixed))]
    public static partial double ValidationFixedJvp(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d, double dLogLambda, out double dResult);

    /// <summary>The solution w*(λ) as a vector-valued function.</summary>
    [Differentiable]
    public static void Solution(double lambda, double[] X, double[] y, int d, Span<double> result)
    {
        double[] w = Ridge.Fit(new double[d], lambda, X, y, d);
        for (int j = 0; j < d; j++)
        {
            result[j] = w[j];
        }
    }

    [Jvp(nameof(Solution))]
    public static partial void SolutionJvp(double lambda, double[] X, double[] y, int d, Span<double> result, double dLambda, Span<double> dResult);

    [Vjp(nameof(Solution))]
    public static partial void SolutionVjp(double lambda, double[] X, double[] y, int d, Span<double> result, out double dLambda, ReadOnlySpan<double> dResult);

    /// <summary>Second order through a solver is not supported.</summary>
    [Hvp(nameof(Validation), "logLambda")]
    public static partial double ValidationHvp(double logLambda, double[] X, double[] y, double[] Xv, double[] yv, int d, double v, out double hv);
}
