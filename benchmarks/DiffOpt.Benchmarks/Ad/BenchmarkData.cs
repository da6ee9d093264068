using DiffOpt.Benchmarks.Solvers;

namespace DiffOpt.Benchmarks.Ad;

/// <summary>Deterministic inputs (counter-based SplitMix64), so every run and the PyTorch script see the same numbers.</summary>
internal static class BenchmarkData
{
    /// <summary>Uniform values in [low, high): element i is 2u(seed, i) − 1 scaled to the interval.</summary>
    public static double[] Uniform(ulong seed, int length, double low, double high)
    {
        double[] values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = low + (high - low) * SplitMix64.Uniform(seed, (ulong)i);
        }
        return values;
    }

    /// <summary>
    /// The synthetic logistic problem of the solver benchmarks (and benchmarks/scipy/lbfgs_reference.py): a (n × d,
    /// row-major) = 2u − 1 (seed 1), w_true = 2u − 1 (seed 2), y = +1 when u (seed 3) &lt; σ(aᵢᵀw_true), else −1.
    /// </summary>
    public static (double[] A, double[] Y) Logistic(int rows, int columns)
    {
        double[] a = Uniform(1, rows * columns, -1, 1);
        double[] wTrue = Uniform(2, columns, -1, 1);
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double z = 0;
            for (int j = 0; j < columns; j++)
            {
                z += a[i * columns + j] * wTrue[j];
            }
            y[i] = SplitMix64.Uniform(3, (ulong)i) < 1 / (1 + Math.Exp(-z)) ? 1 : -1;
        }
        return (a, y);
    }
}
