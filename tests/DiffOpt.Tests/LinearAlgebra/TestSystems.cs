using DiffOpt.Solvers;

namespace DiffOpt.Tests.LinearAlgebra;

/// <summary>Test matrices with known structure, plain-loop products and norms, all independent of the library.</summary>
internal static class TestSystems
{
    public static MatVec MatVecOf(double[,] a) => (v, result) =>
    {
        var n = a.GetLength(0);
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < a.GetLength(1); j++)
            {
                sum += a[i, j] * v[j];
            }

            result[i] = sum;
        }
    };

    public static MatVec TransposedMatVecOf(double[,] a) => (v, result) =>
    {
        var n = a.GetLength(1);
        for (var j = 0; j < n; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < a.GetLength(0); i++)
            {
                sum += a[i, j] * v[i];
            }

            result[j] = sum;
        }
    };

    public static double[] Multiply(double[,] a, double[] x)
    {
        var result = new double[a.GetLength(0)];
        MatVecOf(a)(x, result);
        return result;
    }

    public static double Norm(ReadOnlySpan<double> v)
    {
        var sum = 0.0;
        foreach (var value in v)
        {
            sum += value * value;
        }

        return Math.Sqrt(sum);
    }

    public static double Distance(double[] x, double[] y)
    {
        var d = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            d[i] = x[i] - y[i];
        }

        return Norm(d);
    }

    /// <summary>‖x − y‖ / ‖y‖.</summary>
    public static double RelativeError(double[] x, double[] reference) => Distance(x, reference) / Norm(reference);

    /// <summary>‖b − (A + ridge·I)x‖ / ‖b‖ computed with plain loops.</summary>
    public static double RelativeResidual(double[,] a, double[] b, double[] x, double ridge = 0)
    {
        var ax = Multiply(a, x);
        var r = new double[b.Length];
        for (var i = 0; i < b.Length; i++)
        {
            r[i] = b[i] - ax[i] - (ridge * x[i]);
        }

        return Norm(r) / Norm(b);
    }

    /// <summary>
    /// How far two honest evaluations of ‖b − Ax‖ / ‖b‖ may differ from rounding alone: n·ε·‖|A|·|x|‖ / ‖b‖
    /// (Higham, Accuracy and Stability of Numerical Algorithms, §3.5), doubled.
    /// </summary>
    public static double ResidualEvaluationError(double[,] a, double[] b, double[] x)
    {
        var n = b.Length;
        var bound = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                bound[i] += Math.Abs(a[i, j] * x[j]);
            }

            bound[i] += Math.Abs(b[i]);
        }

        return 2 * (n + 2) * 2.220446049250313e-16 * Norm(bound) / Norm(b);
    }

    public static double[,] ScaledBy(double[,] a, double factor)
    {
        var scaled = (double[,])a.Clone();
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                scaled[i, j] *= factor;
            }
        }

        return scaled;
    }

    public static double[,] WithRidge(double[,] a, double ridge)
    {
        var shifted = (double[,])a.Clone();
        for (var i = 0; i < a.GetLength(0); i++)
        {
            shifted[i, i] += ridge;
        }

        return shifted;
    }

    public static double[] RandomVector(int n, int seed)
    {
        var random = new Random(seed);
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            v[i] = (2 * random.NextDouble()) - 1;
        }

        return v;
    }

    public static double[] Ones(int n)
    {
        var v = new double[n];
        Array.Fill(v, 1.0);
        return v;
    }

    /// <summary>MᵀM/n + I with M uniform in [−1, 1]: SPD with eigenvalues in about [1, 2.4].</summary>
    public static double[,] RandomSpd(int n, int seed)
    {
        var random = new Random(seed);
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                m[i, j] = (2 * random.NextDouble()) - 1;
            }
        }

        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += m[k, i] * m[k, j];
                }

                a[i, j] = (sum / n) + (i == j ? 1 : 0);
            }
        }

        return a;
    }

    /// <summary>The Hilbert matrix 1/(i + j + 1); condition number about 1.5e10 at n = 8.</summary>
    public static double[,] Hilbert(int n)
    {
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = 1.0 / (i + j + 1);
            }
        }

        return a;
    }

    /// <summary>
    /// Q·diag(eigenvalues)·Qᵀ with Q a product of three Householder reflections of random vectors, so the
    /// spectrum (and the condition number) is exactly the one chosen, up to rounding.
    /// </summary>
    public static double[,] FromSpectrum(double[] eigenvalues, int seed)
    {
        var n = eigenvalues.Length;
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            a[i, i] = eigenvalues[i];
        }

        for (var reflection = 0; reflection < 3; reflection++)
        {
            var v = RandomVector(n, seed + reflection);
            var vv = 0.0;
            foreach (var value in v)
            {
                vv += value * value;
            }

            // A ← H A H with H = I − 2vvᵀ/(vᵀv), applied as a rank-two update.
            var av = Multiply(a, v);
            var vav = 0.0;
            for (var i = 0; i < n; i++)
            {
                vav += v[i] * av[i];
            }

            var c = 2 / vv;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    a[i, j] += (-c * ((av[i] * v[j]) + (v[i] * av[j]))) + (c * c * vav * v[i] * v[j]);
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var mean = 0.5 * (a[i, j] + a[j, i]);
                a[i, j] = mean;
                a[j, i] = mean;
            }
        }

        return a;
    }

    /// <summary>n eigenvalues spaced geometrically from 1 to <paramref name="conditionNumber"/>.</summary>
    public static double[] GeometricSpectrum(int n, double conditionNumber)
    {
        var eigenvalues = new double[n];
        for (var i = 0; i < n; i++)
        {
            eigenvalues[i] = Math.Pow(conditionNumber, (double)i / (n - 1));
        }

        return eigenvalues;
    }

    /// <summary>
    /// −u'' + c·u' = f on (0, 1) with zero boundary values, central differences on n interior points:
    /// nonsymmetric tridiagonal, with cell Péclet number c·h/2.
    /// </summary>
    public static double[,] ConvectionDiffusion(int n, double velocity)
    {
        var h = 1.0 / (n + 1);
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            a[i, i] = 2 / (h * h);
            if (i > 0)
            {
                a[i, i - 1] = (-1 / (h * h)) - (velocity / (2 * h));
            }

            if (i < n - 1)
            {
                a[i, i + 1] = (-1 / (h * h)) + (velocity / (2 * h));
            }
        }

        return a;
    }

    /// <summary>Random off-diagonal entries in [−1, 1], diagonal = 1 + the row's absolute sum (strictly dominant).</summary>
    public static double[,] DiagonallyDominant(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            var rowSum = 0.0;
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    a[i, j] = (2 * random.NextDouble()) - 1;
                    rowSum += Math.Abs(a[i, j]);
                }
            }

            a[i, i] = 1 + rowSum;
        }

        return a;
    }

    /// <summary>D·A·D (<paramref name="symmetric"/>) or D·A with D = diag(10^u), u uniform in [−spread, spread].</summary>
    public static double[,] Scaled(double[,] a, double spread, int seed, bool symmetric)
    {
        var n = a.GetLength(0);
        var random = new Random(seed);
        var d = new double[n];
        for (var i = 0; i < n; i++)
        {
            d[i] = Math.Pow(10, spread * ((2 * random.NextDouble()) - 1));
        }

        var scaled = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                scaled[i, j] = d[i] * a[i, j] * (symmetric ? d[j] : 1);
            }
        }

        return scaled;
    }

    /// <summary>A·D: the columns scaled by 10^u, u uniform in [−spread, spread].</summary>
    public static double[,] ColumnScaled(double[,] a, double spread, int seed)
    {
        var n = a.GetLength(0);
        var random = new Random(seed);
        var scaled = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var d = Math.Pow(10, spread * ((2 * random.NextDouble()) - 1));
            for (var i = 0; i < n; i++)
            {
                scaled[i, j] = a[i, j] * d;
            }
        }

        return scaled;
    }

    public static double[] Diagonal(double[,] a)
    {
        var d = new double[a.GetLength(0)];
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = a[i, i];
        }

        return d;
    }

    /// <summary>Block-diagonal rotation generators [[0, 1], [−1, 0]]: skew-symmetric, so vᵀAv = 0 for every v.</summary>
    public static double[,] SkewSymmetric(int n)
    {
        var a = new double[n, n];
        for (var i = 0; i + 1 < n; i += 2)
        {
            a[i, i + 1] = 1 + i;
            a[i + 1, i] = -(1 + i);
        }

        return a;
    }

    public static double[] RowMajor(double[,] a)
    {
        var flat = new double[a.Length];
        var n = a.GetLength(1);
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < n; j++)
            {
                flat[(i * n) + j] = a[i, j];
            }
        }

        return flat;
    }
}
