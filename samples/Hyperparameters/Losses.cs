using DiffOpt;

namespace Hyperparameters;

/// <summary>Differentiable building blocks shared by the two models.</summary>
public static partial class Losses
{
    /// <summary>1/(2m)‖Xw − y‖² over m = y.Length rows, X row-major m × d.</summary>
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

    [Differentiable]
    public static double SquaredNorm(ReadOnlySpan<double> w)
    {
        double sum = 0;
        for (int j = 0; j < w.Length; j++)
        {
            sum += w[j] * w[j];
        }

        return sum;
    }
}
