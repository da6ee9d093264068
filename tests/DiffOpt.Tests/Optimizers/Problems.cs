using DiffOpt.Solvers;

namespace DiffOpt.Tests.Optimizers;

/// <summary>Deterministic test problems with hand-written gradients (no code under test involved).</summary>
internal static class Problems
{
    public static void AssertRelativelyClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = Math.Max(Math.Abs(expected[i]), 1e-300);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (relative error {Math.Abs(expected[i] - actual[i]) / scale:E2})");
        }
    }

    /// <summary>A fixed gradient sequence with mixed signs, magnitudes over four decades, and exact zeros.</summary>
    public static double[] Gradient(int step, int n)
    {
        var g = new double[n];
        for (int i = 0; i < n; i++)
        {
            g[i] = (i % 5 == 4 && step % 2 == 0) ? 0.0 : Math.Sin(1.3 * i + 0.7 * step + 0.2) * Math.Pow(10, (i % 4) - 2);
        }

        return g;
    }

    public static double[] InitialParameters(int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = Math.Cos(0.9 * i) - 0.3;
        }

        return x;
    }

    /// <summary>f(θ) = ½ Σ aᵢ (θᵢ − cᵢ)², aᵢ from 1 to <paramref name="condition"/>; minimum 0 at c.</summary>
    public sealed class Quadratic(int dimension, double condition)
    {
        private readonly double[] a = Enumerable.Range(0, dimension).Select(i => dimension == 1 ? 1 : 1 + (condition - 1) * i / (dimension - 1)).ToArray();
        private readonly double[] c = Enumerable.Range(0, dimension).Select(i => Math.Sin(i + 1.0)).ToArray();

        public int Dimension => a.Length;

        public double Value(ReadOnlySpan<double> x)
        {
            double f = 0;
            for (int i = 0; i < a.Length; i++)
            {
                double d = x[i] - c[i];
                f += 0.5 * a[i] * d * d;
            }

            return f;
        }

        public void Gradient(ReadOnlySpan<double> x, Span<double> g)
        {
            for (int i = 0; i < a.Length; i++)
            {
                g[i] = a[i] * (x[i] - c[i]);
            }
        }
    }

    /// <summary>
    /// L2-regularized logistic regression, mean over samples of log(1 + exp(−y xᵀw)) + (λ/2)‖w‖², on synthetic data
    /// drawn with a seeded System.Random (deterministic across runs), labels from a planted w with 10% flipped.
    /// </summary>
    public sealed class Logistic
    {
        private readonly double[] x; // row-major samples × features
        private readonly double[] y; // ±1
        private readonly double[] margins;

        public Logistic(int samples, int features, int seed, double l2 = 1e-3)
        {
            var random = new Random(seed);
            Samples = samples;
            Features = features;
            L2 = l2;
            x = new double[samples * features];
            y = new double[samples];
            margins = new double[samples];
            var planted = new double[features];
            for (int j = 0; j < features; j++)
            {
                planted[j] = Normal(random) / Math.Sqrt(features) * 3;
            }

            for (int s = 0; s < samples; s++)
            {
                double score = 0;
                for (int j = 0; j < features; j++)
                {
                    double v = Normal(random);
                    x[s * features + j] = v;
                    score += v * planted[j];
                }

                double label = score >= 0 ? 1 : -1;
                y[s] = random.NextDouble() < 0.1 ? -label : label;
            }
        }

        public int Samples { get; }

        public int Features { get; }

        public double L2 { get; }

        public double Value(ReadOnlySpan<double> w)
        {
            double f = 0;
            for (int s = 0; s < Samples; s++)
            {
                double z = y[s] * Dot(s, w);
                f += LogOnePlusExp(-z);
            }

            double norm = 0;
            foreach (double wi in w)
            {
                norm += wi * wi;
            }

            return f / Samples + 0.5 * L2 * norm;
        }

        public double ValueAndGradient(ReadOnlySpan<double> w, Span<double> g)
        {
            double f = 0;
            for (int s = 0; s < Samples; s++)
            {
                double z = y[s] * Dot(s, w);
                f += LogOnePlusExp(-z);
                margins[s] = -y[s] / (1 + Math.Exp(z)); // d/dmargin of log(1 + e^{−y m})
            }

            for (int j = 0; j < Features; j++)
            {
                g[j] = L2 * w[j];
            }

            double norm = 0;
            foreach (double wi in w)
            {
                norm += wi * wi;
            }

            for (int s = 0; s < Samples; s++)
            {
                double coefficient = margins[s] / Samples;
                ReadOnlySpan<double> row = x.AsSpan(s * Features, Features);
                for (int j = 0; j < Features; j++)
                {
                    g[j] += coefficient * row[j];
                }
            }

            return f / Samples + 0.5 * L2 * norm;
        }

        private double Dot(int s, ReadOnlySpan<double> w)
        {
            ReadOnlySpan<double> row = x.AsSpan(s * Features, Features);
            double d = 0;
            for (int j = 0; j < Features; j++)
            {
                d += row[j] * w[j];
            }

            return d;
        }

        private static double LogOnePlusExp(double t) => t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t));

        private static double Normal(Random random)
        {
            double u1 = 1 - random.NextDouble();
            double u2 = random.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }

    /// <summary>Runs <paramref name="steps"/> steps of a first-order optimizer on the logistic loss; returns the final loss.</summary>
    public static double Train(IOptimizer optimizer, Logistic problem, int steps)
    {
        var w = new double[problem.Features];
        var g = new double[problem.Features];
        for (int t = 0; t < steps; t++)
        {
            problem.ValueAndGradient(w, g);
            optimizer.Step(w, g);
        }

        return problem.Value(w);
    }
}
