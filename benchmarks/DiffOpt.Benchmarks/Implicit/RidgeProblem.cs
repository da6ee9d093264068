using DiffOpt.Benchmarks.Solvers;
using DiffOpt.Solvers;

namespace DiffOpt.Benchmarks.Implicit;

/// <summary>
/// A synthetic ridge problem and its closed-form hypergradient. Data (counter-based SplitMix64, so deterministic): X and
/// X_v with standard normal entries (Box–Muller), w_true uniform in [−1, 1), y = X w_true + 0.5·noise; n = m = 1,000
/// training and validation rows. Closed form (dense Cholesky of H = XᵀX/n + λI): w* = H⁻¹Xᵀy/n,
/// dw*/dλ = −H⁻¹w*, dL/dλ = ∇L(w*)·dw*/dλ with ∇L(w) = X_vᵀ(X_v w − y_v)/m.
/// </summary>
internal sealed class RidgeProblem
{
    public const int Rows = 1_000;

    public const double Lambda = 0.1;

    private RidgeProblem(int d)
    {
        Features = d;
        X = Normal(11, Rows * d);
        ValidationX = Normal(12, Rows * d);
        double[] wTrue = new double[d];
        for (int j = 0; j < d; j++)
        {
            wTrue[j] = 2 * SplitMix64.Uniform(13, (ulong)j) - 1;
        }

        Y = Targets(X, wTrue, Normal(14, Rows), d);
        ValidationY = Targets(ValidationX, wTrue, Normal(15, Rows), d);
        (Hypergradient, ValidationLoss, LargestEigenvalue) = ClosedForm();
    }

    /// <summary>
    /// The fewest gradient-descent steps whose unrolled hypergradient is within 1e-6 (relative) of the closed form,
    /// found by running the unrolled recurrence w ← w − η(Hw − b), ẇ ← ẇ − η(Hẇ + w) with the dense H (what the
    /// differentiated loop computes, in another order of operations); the benchmark then measures the generated code
    /// at that count.
    /// </summary>
    public int IterationsForMicroError { get; private set; }

    public int Features { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public double[] ValidationX { get; }

    public double[] ValidationY { get; }

    /// <summary>The closed-form dL/dλ at <see cref="Lambda"/>.</summary>
    public double Hypergradient { get; }

    /// <summary>L(w*(λ)) in closed form.</summary>
    public double ValidationLoss { get; }

    /// <summary>The largest eigenvalue of H (power iteration): gradient descent uses the step 1/L.</summary>
    public double LargestEigenvalue { get; }

    public double GradientDescentStep => 1.0 / LargestEigenvalue;

    private static readonly Dictionary<int, RidgeProblem> Cache = new();

    /// <summary>One instance per d and process: building it costs a d × d Cholesky factorisation.</summary>
    public static RidgeProblem Get(int d)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(d, out RidgeProblem? problem))
            {
                problem = new RidgeProblem(d);
                Cache[d] = problem;
            }

            return problem;
        }
    }

    private static double[] Normal(ulong seed, int length)
    {
        double[] values = new double[length];
        for (int i = 0; i < length; i++)
        {
            // Box–Muller on two uniforms of the stream; 1 − u keeps the logarithm finite.
            double u1 = 1 - SplitMix64.Uniform(seed, 2 * (ulong)i), u2 = SplitMix64.Uniform(seed, 2 * (ulong)i + 1);
            values[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return values;
    }

    private static double[] Targets(double[] x, double[] wTrue, double[] noise, int d)
    {
        double[] y = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            double s = 0.5 * noise[i];
            for (int j = 0; j < d; j++)
            {
                s += x[i * d + j] * wTrue[j];
            }

            y[i] = s;
        }

        return y;
    }

    private (double Hypergradient, double ValidationLoss, double LargestEigenvalue) ClosedForm()
    {
        int d = Features;
        double[] h = new double[d * d];
        double[] xty = new double[d];
        for (int i = 0; i < Rows; i++)
        {
            ReadOnlySpan<double> row = X.AsSpan(i * d, d);
            for (int a = 0; a < d; a++)
            {
                double xa = row[a];
                xty[a] += xa * Y[i];
                Span<double> target = h.AsSpan(a * d, d);
                for (int b = a; b < d; b++)
                {
                    target[b] += xa * row[b];
                }
            }
        }

        for (int a = 0; a < d; a++)
        {
            xty[a] /= Rows;
            for (int b = a; b < d; b++)
            {
                h[a * d + b] /= Rows;
                h[b * d + a] = h[a * d + b];
            }

            h[a * d + a] += Lambda;
        }

        var exact = new LinearSolveOptions { Tolerance = 1e-14 };
        double[] w = Check(LinearSolve.DenseCholesky(h, xty, exact)).Solution;
        double[] dw = Check(LinearSolve.DenseCholesky(h, w, exact)).Solution;
        double[] residual = new double[Rows];
        double loss = 0;
        for (int i = 0; i < Rows; i++)
        {
            double r = -ValidationY[i];
            for (int j = 0; j < d; j++)
            {
                r += ValidationX[i * d + j] * w[j];
            }

            residual[i] = r;
            loss += r * r;
        }

        double hypergradient = 0;
        for (int j = 0; j < d; j++)
        {
            double g = 0;
            for (int i = 0; i < Rows; i++)
            {
                g += ValidationX[i * d + j] * residual[i];
            }

            hypergradient -= g / Rows * dw[j];
        }

        double largest = PowerIteration(h, d);
        IterationsForMicroError = UnrolledIterationsFor(1e-6, h, xty, hypergradient, 1.0 / largest);
        return (hypergradient, 0.5 * loss / Rows, largest);
    }

    private int UnrolledIterationsFor(double target, double[] h, double[] b, double exact, double step)
    {
        int d = Features;
        double[] w = new double[d], dw = new double[d], hw = new double[d], hdw = new double[d], residual = new double[Rows];
        for (int k = 1; k <= 100_000; k++)
        {
            for (int a = 0; a < d; a++)
            {
                double sw = 0, sdw = 0;
                for (int c = 0; c < d; c++)
                {
                    sw += h[a * d + c] * w[c];
                    sdw += h[a * d + c] * dw[c];
                }

                hw[a] = sw;
                hdw[a] = sdw;
            }

            for (int a = 0; a < d; a++)
            {
                dw[a] -= step * (hdw[a] + w[a]);
                w[a] -= step * (hw[a] - b[a]);
            }

            // dL/dλ = ∇L(w_k) · dw_k/dλ with ∇L(w) = X_vᵀ(X_v w − y_v)/m.
            double hypergradient = 0;
            for (int i = 0; i < Rows; i++)
            {
                double r = -ValidationY[i];
                for (int j = 0; j < d; j++)
                {
                    r += ValidationX[i * d + j] * w[j];
                }

                residual[i] = r;
            }

            for (int j = 0; j < d; j++)
            {
                double g = 0;
                for (int i = 0; i < Rows; i++)
                {
                    g += ValidationX[i * d + j] * residual[i];
                }

                hypergradient += g / Rows * dw[j];
            }

            if (Math.Abs(hypergradient - exact) <= target * Math.Abs(exact))
            {
                return k;
            }
        }

        throw new InvalidOperationException("Unrolled gradient descent did not reach the target within 100,000 steps.");
    }

    private static LinearSolveResult Check(LinearSolveResult result) =>
        result.Status == LinearSolveStatus.Converged ? result : throw new InvalidOperationException(result.ToString());

    private static double PowerIteration(double[] h, int d)
    {
        double[] v = new double[d], next = new double[d];
        v.AsSpan().Fill(1 / Math.Sqrt(d));
        double eigenvalue = 0;
        for (int k = 0; k < 500; k++)
        {
            for (int a = 0; a < d; a++)
            {
                double s = 0;
                for (int b = 0; b < d; b++)
                {
                    s += h[a * d + b] * v[b];
                }

                next[a] = s;
            }

            double norm = Math.Sqrt(next.Sum(x => x * x));
            eigenvalue = norm;
            for (int a = 0; a < d; a++)
            {
                v[a] = next[a] / norm;
            }
        }

        // A 1 % margin: power iteration approaches the top eigenvalue from below.
        return 1.01 * eigenvalue;
    }
}
