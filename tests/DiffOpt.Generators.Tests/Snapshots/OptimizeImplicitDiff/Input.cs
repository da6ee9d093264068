using System;
using DiffOpt;
using DiffOpt.Solvers;

namespace Snapshots.OptimizeImplicitDiff;

public static partial class Ridge
{
    [Differentiable]
    public static double Objective(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d)
    {
        double loss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = -y[i];
            for (int j = 0; j < d; j++)
            {
                r += X[i * d + j] * w[j];
            }

            loss += 0.5 * r * r;
        }

        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            penalty += w[j] * w[j];
        }

        return loss + 0.5 * lambda * penalty;
    }

    [Optimize(nameof(Objective))]
    [ImplicitDiff]
    public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

    [Differentiable]
    public static double Validation(double logLambda, double[] X, double[] y, int d)
    {
        double[] w = Fit(new double[d], Math.Exp(logLambda), X, y, d);
        double s = 0;
        for (int j = 0; j < d; j++)
        {
            s += w[j];
        }

        return s;
    }

    [Gradient(nameof(Validation))]
    public static partial double ValidationGradient(double logLambda, double[] X, double[] y, int d, out double dLogLambda);
}
