using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

public class FixedPointTests
{
    // The Dottie number, the unique real solution of cos(x) = x.
    private const double Dottie = 0.73908513321516064166;

    private static void Cosine(ReadOnlySpan<double> x, Span<double> result)
    {
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = Math.Cos(x[i]);
        }
    }

    [Fact]
    public void Cosine_PlainAndAnderson_ReachTheDottieNumber_AndAndersonIsFaster()
    {
        double[] x0 = { 0.0, 1.0, -2.0 };
        var options = new SolverOptions { Tolerance = 1e-12 };

        OptimizationResult plain = FixedPoint.Iterate(Cosine, x0, options);
        OptimizationResult anderson = FixedPoint.Anderson(Cosine, x0, 3, options);

        Check.Converged(plain);
        Check.Converged(anderson);
        Check.Close(new[] { Dottie, Dottie, Dottie }, plain.Solution, 1e-11);
        Check.Close(new[] { Dottie, Dottie, Dottie }, anderson.Solution, 1e-11);
        Assert.True(anderson.Iterations * 3 < plain.Iterations, $"{anderson} vs {plain}");
    }

    /// <summary>T(x) = Mx + b with M symmetric, spectrum in [0, 0.99], built so that x* is the fixed point.</summary>
    private static (FixedPointMap Map, double[] Expected) SlowLinearContraction(int n)
    {
        var random = new Random(11);
        // M = Σ λₖ uₖuₖᵀ over an orthonormal basis from Gram–Schmidt.
        double[][] basis = new double[n][];
        for (int k = 0; k < n; k++)
        {
            double[] v = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (int j = 0; j < k; j++)
            {
                double dot = v.Zip(basis[j], (a, b) => a * b).Sum();
                for (int i = 0; i < n; i++)
                {
                    v[i] -= dot * basis[j][i];
                }
            }

            double norm = Math.Sqrt(v.Sum(a => a * a));
            basis[k] = v.Select(a => a / norm).ToArray();
        }

        double[] m = new double[n * n];
        for (int k = 0; k < n; k++)
        {
            double lambda = 0.99 * k / (n - 1);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    m[i * n + j] += lambda * basis[k][i] * basis[k][j];
                }
            }
        }

        var matrix = new DenseMatrix(n, n, m);
        double[] expected = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1.0)).ToArray();
        double[] mx = new double[n];
        matrix.Multiply(expected, mx);
        double[] b = expected.Zip(mx, (e, v) => e - v).ToArray();
        return ((x, result) =>
        {
            matrix.Multiply(x, result);
            for (int i = 0; i < n; i++)
            {
                result[i] += b[i];
            }
        }, expected);
    }

    [Fact]
    public void LinearContraction_AndersonConvergesWherePlainIterationIsSlow()
    {
        var (map, expected) = SlowLinearContraction(30);
        var options = new SolverOptions { Tolerance = 1e-10, MaxIterations = 5000 };

        OptimizationResult plain = FixedPoint.Iterate(map, new double[30], options);
        OptimizationResult anderson = FixedPoint.Anderson(map, new double[30], 10, options);

        Check.Converged(plain);
        Check.Converged(anderson);
        // Error ≤ residual / (1 − 0.99).
        Check.Close(expected, plain.Solution, 1e-6);
        Check.Close(expected, anderson.Solution, 1e-6);
        Assert.True(plain.Iterations > 1000, plain.ToString());
        Assert.True(anderson.Iterations < 200, anderson.ToString());
    }

    [Fact]
    public void LinearContraction_IterationLimit_IsReported()
    {
        var (map, _) = SlowLinearContraction(30);

        OptimizationResult result = FixedPoint.Iterate(map, new double[30], new SolverOptions { MaxIterations = 50 });

        Assert.False(result.Converged);
        Assert.Equal(OptimizationStatus.MaxIterationsReached, result.Status);
        Assert.Equal(50, result.Iterations);
        Assert.Equal(51, result.FunctionEvaluations);
    }

    [Fact]
    public void LassoProximalStep_AsAFixedPointMap_MatchesScikitLearn()
    {
        // w = prox_{tα‖·‖₁}(w − t∇f(w)) exactly at the lasso solution; t = 1/L with L ≤ ‖X‖_F²/n = d/n (unit columns).
        var problem = new LassoDiabetes();
        double t = (double)problem.Fixture.Integer("n") / problem.Dimension;
        ProximalOperator prox = Proximal.L1(problem.Alpha);
        double[] gradient = new double[problem.Dimension];
        void Map(ReadOnlySpan<double> w, Span<double> result)
        {
            problem.ValueAndGradient(w, gradient);
            for (int i = 0; i < w.Length; i++)
            {
                result[i] = w[i] - t * gradient[i];
            }

            prox(result, t);
        }

        double[] expected = problem.Fixture.Vector("solution");
        OptimizationResult anderson = FixedPoint.Anderson(Map, new double[problem.Dimension], 5, new SolverOptions { Tolerance = 1e-12, MaxIterations = 20_000 });

        Check.Converged(anderson);
        Check.Close(expected, anderson.Solution, 1e-6 * Check.MaxAbs(expected));
    }

    [Fact]
    public void NonFiniteMap_IsReported()
    {
        // T(x) = √x − 1 has no real fixed point (x + 1 = √x has none) and leaves its domain: 4 → 1 → 0 → −1 → NaN.
        static void Map(ReadOnlySpan<double> x, Span<double> result)
        {
            for (int i = 0; i < x.Length; i++)
            {
                result[i] = Math.Sqrt(x[i]) - 1;
            }
        }

        OptimizationResult plain = FixedPoint.Iterate(Map, new[] { 4.0 });
        OptimizationResult anderson = FixedPoint.Anderson(Map, new[] { 4.0 }, 2);

        Assert.Equal(OptimizationStatus.NonFiniteValue, plain.Status);
        Assert.Equal(3, plain.Iterations);
        Assert.Equal(-1.0, plain.Solution[0]);
        Assert.False(plain.Converged);
        Assert.Equal(OptimizationStatus.NonFiniteValue, anderson.Status);
        Assert.All(anderson.Solution, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Anderson_MemoryBelowOne_Throws()
    {
        Assert.Equal("memory", Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.Anderson(Cosine, new[] { 1.0 }, 0)).ParamName);
    }
}
