using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

public class ProximalGradientTests
{
    [Fact]
    public void LassoDiabetes_MatchesScikitLearn()
    {
        var problem = new LassoDiabetes();
        double[] expected = problem.Fixture.Vector("solution");

        OptimizationResult result = Minimize.ProximalGradient(
            problem.ValueAndGradient, Proximal.L1(problem.Alpha), new double[problem.Dimension],
            new SolverOptions { Tolerance = 1e-10, MaxIterations = 100_000 });

        Check.Converged(result);
        Check.Close(expected, result.Solution, 1e-6 * Check.MaxAbs(expected));
        Assert.Equal(problem.Fixture.Number("value"), result.Value, 1e-10 * problem.Fixture.Number("value"));
        // Soft-thresholding produces exact zeros, in the same places as coordinate descent.
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i] == 0, result.Solution[i] == 0);
        }
    }

    [Fact]
    public void ElasticNet_SatisfiesItsOptimalityConditions()
    {
        // 0 ∈ ∇f(w) + l2·w + l1·∂‖w‖₁: on the support ∇fᵢ + l2·wᵢ + l1·sign(wᵢ) = 0, off it |∇fᵢ| ≤ l1.
        var problem = new LassoDiabetes();
        double l1 = 0.5 * problem.Alpha, l2 = 0.01;

        OptimizationResult result = Minimize.ProximalGradient(
            problem.ValueAndGradient, Proximal.ElasticNet(l1, l2), new double[problem.Dimension],
            new SolverOptions { Tolerance = 1e-10, MaxIterations = 100_000 });

        Check.Converged(result);
        double[] w = result.Solution;
        double[] g = new double[w.Length];
        double smooth = problem.ValueAndGradient(w, g);
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] != 0)
            {
                Assert.Equal(0.0, g[i] + l2 * w[i] + l1 * Math.Sign(w[i]), 1e-7 * problem.Alpha);
            }
            else
            {
                Assert.True(Math.Abs(g[i]) <= l1 * (1 + 1e-7), $"|g[{i}]| = {Math.Abs(g[i])} > l1 = {l1}");
            }
        }

        double expectedValue = smooth + l1 * w.Sum(Math.Abs) + 0.5 * l2 * w.Sum(v => v * v);
        Assert.Equal(expectedValue, result.Value, 1e-12 * expectedValue);
    }

    [Fact]
    public void NonNegativeLasso_SatisfiesItsOptimalityConditions()
    {
        // g = λΣw + indicator(w ≥ 0): on the support ∇fᵢ + λ = 0, at zero ∇fᵢ + λ ≥ 0.
        var problem = new LassoDiabetes();
        double lambda = problem.Alpha;

        OptimizationResult result = Minimize.ProximalGradient(
            problem.ValueAndGradient, Proximal.NonNegativeL1(lambda), new double[problem.Dimension],
            new SolverOptions { Tolerance = 1e-10, MaxIterations = 100_000 });

        Check.Converged(result);
        double[] w = result.Solution;
        double[] g = new double[w.Length];
        problem.ValueAndGradient(w, g);
        Assert.All(w, v => Assert.True(v >= 0));
        Assert.Contains(w, v => v > 0);
        Assert.Contains(w, v => v == 0);
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] > 0)
            {
                Assert.Equal(0.0, g[i] + lambda, 1e-7 * lambda);
            }
            else
            {
                Assert.True(g[i] + lambda >= -1e-7 * lambda, $"g[{i}] + lambda = {g[i] + lambda}");
            }
        }
    }

    [Fact]
    public void IndicatorOfNonNegativeOrthant_SolvesNnls()
    {
        var fixture = Fixture.Load("nnls.json");
        var problem = new LinearLeastSquares(new DenseMatrix(fixture.Integer("m"), fixture.Integer("n"), fixture.Vector("A")), fixture.Vector("b"));

        OptimizationResult result = Minimize.ProximalGradient(
            problem.ValueAndGradient, Proximal.Indicator(Projections.NonNegative()), new double[problem.Dimension],
            new SolverOptions { MaxIterations = 100_000 });

        Check.Converged(result);
        Check.Close(fixture.Vector("solution"), result.Solution, 1e-6);
    }

    [Fact]
    public void ZeroRegulariser_IsAcceleratedGradient_OnRidge()
    {
        var fixture = Fixture.Load("ridge.json");
        var problem = new LinearLeastSquares(
            new DenseMatrix(fixture.Integer("m"), fixture.Integer("n"), fixture.Vector("A")), fixture.Vector("b"), fixture.Number("lambda"));

        OptimizationResult result = Minimize.ProximalGradient(problem.ValueAndGradient, Proximal.Zero(), new double[problem.Dimension]);

        Check.Converged(result);
        Check.Close(fixture.Vector("solution"), result.Solution, 1e-7);
    }
}
