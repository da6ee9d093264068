namespace DiffOpt.GradBench.Tests.References;

/// <summary>
/// Independent implementations of the evals' functions and of their derivatives in closed form, written from the
/// GradBench READMEs (not from the tool's code): the tests compare the tool's outputs with these.
/// </summary>
internal static class ReferenceModels
{
    /// <summary>llsq: ½ Σᵢ (sign tᵢ − Σⱼ xⱼ tᵢʲ)², tᵢ = −1 + 2i/(n − 1).</summary>
    public static double LlsqObjective(double[] x, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double r = LlsqResidual(x, n, i);
            sum += r * r;
        }

        return sum / 2;
    }

    /// <summary>llsq gradient in closed form: ∂y/∂xⱼ = −Σᵢ rᵢ tᵢʲ.</summary>
    public static double[] LlsqGradient(double[] x, int n)
    {
        double[] g = new double[x.Length];
        for (int i = 0; i < n; i++)
        {
            double t = -1 + (2.0 * i / (n - 1));
            double r = LlsqResidual(x, n, i);
            for (int j = 0; j < x.Length; j++)
            {
                g[j] -= r * Math.Pow(t, j);
            }
        }

        return g;
    }

    private static double LlsqResidual(double[] x, int n, int i)
    {
        double t = -1 + (2.0 * i / (n - 1));
        double fit = 0;
        for (int j = 0; j < x.Length; j++)
        {
            fit += x[j] * Math.Pow(t, j);
        }

        return Math.Sign(t) - fit;
    }

    /// <summary>log Σ exp xᵢ, computed with the maximum shift.</summary>
    public static double LogSumExp(double[] x)
    {
        double max = x.Max();
        return max + Math.Log(x.Sum(v => Math.Exp(v - max)));
    }

    /// <summary>∇ LSE = softmax.</summary>
    public static double[] Softmax(double[] x)
    {
        double lse = LogSumExp(x);
        return x.Select(v => Math.Exp(v - lse)).ToArray();
    }

    /// <summary>det A by Gaussian elimination with partial pivoting (row-major ℓ × ℓ).</summary>
    public static double Determinant(double[] a, int ell)
    {
        double[] m = (double[])a.Clone();
        double det = 1;
        for (int c = 0; c < ell; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < ell; r++)
            {
                if (Math.Abs(m[(r * ell) + c]) > Math.Abs(m[(pivot * ell) + c]))
                {
                    pivot = r;
                }
            }

            if (pivot != c)
            {
                for (int j = 0; j < ell; j++)
                {
                    (m[(c * ell) + j], m[(pivot * ell) + j]) = (m[(pivot * ell) + j], m[(c * ell) + j]);
                }

                det = -det;
            }

            double p = m[(c * ell) + c];
            det *= p;
            if (p == 0)
            {
                return 0;
            }

            for (int r = c + 1; r < ell; r++)
            {
                double f = m[(r * ell) + c] / p;
                for (int j = c; j < ell; j++)
                {
                    m[(r * ell) + j] -= f * m[(c * ell) + j];
                }
            }
        }

        return det;
    }

    /// <summary>∂ det A / ∂Aᵢⱼ = the cofactor (−1)^(i+j) det(A without row i and column j) (Jacobi's formula).</summary>
    public static double[] Cofactors(double[] a, int ell)
    {
        double[] result = new double[ell * ell];
        double[] minor = new double[(ell - 1) * (ell - 1)];
        for (int i = 0; i < ell; i++)
        {
            for (int j = 0; j < ell; j++)
            {
                int k = 0;
                for (int r = 0; r < ell; r++)
                {
                    for (int c = 0; c < ell; c++)
                    {
                        if (r != i && c != j)
                        {
                            minor[k++] = a[(r * ell) + c];
                        }
                    }
                }

                result[(i * ell) + j] = ((i + j) % 2 == 0 ? 1 : -1) * (ell == 1 ? 1 : Determinant(minor, ell - 1));
            }
        }

        return result;
    }

    /// <summary>
    /// The ode eval's exact solution: yᵢ(t) = x₀x₁⋯xᵢ t^(i+1)/(i+1)!. RK4 integrates polynomials of degree ≤ 4
    /// exactly, so for n ≤ 4 this is also what s RK4 steps give.
    /// </summary>
    public static double[] OdeExact(double[] x, double t)
    {
        double[] y = new double[x.Length];
        double product = 1;
        double power = 1;
        double factorial = 1;
        for (int i = 0; i < x.Length; i++)
        {
            product *= x[i];
            power *= t;
            factorial *= i + 1;
            y[i] = product * power / factorial;
        }

        return y;
    }

    /// <summary>The RK4 solution written out plainly (one array per stage), for n &gt; 4.</summary>
    public static double[] OdeRungeKutta(double[] x, int s)
    {
        int n = x.Length;
        double h = 2.0 / s;
        double[] y = new double[n];
        for (int step = 0; step < s; step++)
        {
            double[] k1 = Rate(x, y);
            double[] k2 = Rate(x, y.Select((v, i) => v + (h / 2 * k1[i])).ToArray());
            double[] k3 = Rate(x, y.Select((v, i) => v + (h / 2 * k2[i])).ToArray());
            double[] k4 = Rate(x, y.Select((v, i) => v + (h * k3[i])).ToArray());
            y = y.Select((v, i) => v + (h / 6 * (k1[i] + (2 * k2[i]) + (2 * k3[i]) + k4[i]))).ToArray();
        }

        return y;

        static double[] Rate(double[] x, double[] y) => x.Select((xi, i) => i == 0 ? xi : xi * y[i - 1]).ToArray();
    }

    /// <summary>k-means cost: Σᵢ minⱼ ‖Cⱼ − Pᵢ‖² (rows of row-major arrays of dimension d).</summary>
    public static double KMeansCost(double[] points, double[] centroids, int d) =>
        Enumerable.Range(0, points.Length / d).Sum(i => Enumerable.Range(0, centroids.Length / d).Min(j => Distance2(points, i, centroids, j, d)));

    /// <summary>
    /// The Newton direction J ⊘ diag H in closed form: J = 2 Σ_{i→j} (Cⱼ − Pᵢ), diag H = 2 |{i → j}|, so the
    /// direction is Cⱼ minus the mean of the points assigned to centroid j.
    /// </summary>
    public static double[] KMeansDirection(double[] points, double[] centroids, int d)
    {
        int k = centroids.Length / d;
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int i = 0; i < points.Length / d; i++)
        {
            int closest = Enumerable.Range(0, k).MinBy(j => Distance2(points, i, centroids, j, d));
            counts[closest]++;
            for (int c = 0; c < d; c++)
            {
                sums[(closest * d) + c] += points[(i * d) + c];
            }
        }

        return Enumerable.Range(0, k * d).Select(e => centroids[e] - (sums[e] / counts[e / d])).ToArray();
    }

    private static double Distance2(double[] p, int i, double[] c, int j, int d) =>
        Enumerable.Range(0, d).Sum(e => (c[(j * d) + e] - p[(i * d) + e]) * (c[(j * d) + e] - p[(i * d) + e]));
}
