using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

public class LbfgsTests
{
    [Fact]
    public void BreastCancerLogisticRegression_MatchesExactNewtonReference()
    {
        var problem = LogisticRegression.BreastCancer(out Fixture fixture);
        double[] expected = fixture.Vector("solution");

        OptimizationResult result = Minimize.Lbfgs(problem.ValueAndGradient, new double[problem.Dimension]);

        Check.Converged(result);
        // The Hessian's smallest eigenvalue is ≥ 1 on w (the ridge term), so ‖θ − θ*‖ ≲ ‖∇f‖ ≤ 1e-8·‖∇f(0)‖ ≈ 2e-6.
        Check.Close(expected, result.Solution, 1e-5);
        Assert.Equal(fixture.Number("value"), result.Value, 1e-9 * fixture.Number("value"));
        // The same minimiser scikit-learn finds, to its own accuracy.
        Check.Close(fixture.Vector("sklearn_solution"), result.Solution, 1e-5);
    }

    [Theory]
    [InlineData(2, -1.2, 1.0)]
    [InlineData(2, 2.0, -2.0)]
    [InlineData(2, -3.0, -4.0)]
    [InlineData(10, -1.2, 1.0)]
    [InlineData(30, -1.2, 1.0)]
    public void Rosenbrock_ReachesTheMinimumAtOnes(int n, double even, double odd)
    {
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++)
        {
            x0[i] = i % 2 == 0 ? even : odd;
        }

        OptimizationResult result = Minimize.Lbfgs(Rosenbrock.ValueAndGradient, x0, new SolverOptions { Tolerance = 1e-10, MaxIterations = 5000 });

        Check.Converged(result);
        Check.Close(Enumerable.Repeat(1.0, n).ToArray(), result.Solution, 1e-6);
        Assert.True(result.Value < 1e-12, result.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void Ridge_MatchesClosedForm_ForAnyHistorySize(int history)
    {
        var fixture = Fixture.Load("ridge.json");
        var problem = new LinearLeastSquares(
            new DenseMatrix(fixture.Integer("m"), fixture.Integer("n"), fixture.Vector("A")), fixture.Vector("b"), fixture.Number("lambda"));

        OptimizationResult result = Minimize.Lbfgs(problem.ValueAndGradient, new double[problem.Dimension], new SolverOptions { HistorySize = history });

        Check.Converged(result);
        Check.Close(fixture.Vector("solution"), result.Solution, 1e-7);
        Assert.Equal(fixture.Number("value"), result.Value, 1e-10 * fixture.Number("value"));
    }

    [Fact]
    public void Progress_ReportsEveryIteration_WithNonIncreasingValues()
    {
        var progress = new RecordingProgress();
        OptimizationResult result = Minimize.Lbfgs(Rosenbrock.ValueAndGradient, new[] { -1.2, 1.0 }, new SolverOptions { Progress = progress });

        Check.Converged(result);
        Assert.Equal(result.Iterations + 1, progress.Reports.Count);
        for (int i = 0; i < progress.Reports.Count; i++)
        {
            Assert.Equal(i, progress.Reports[i].Iteration);
            Assert.Equal("L-BFGS", progress.Reports[i].Method);
            if (i > 0)
            {
                // Every accepted step satisfies sufficient decrease.
                Assert.True(progress.Reports[i].Value < progress.Reports[i - 1].Value);
            }
        }

        Assert.Equal(result.Value, progress.Reports[^1].Value);
        Assert.Equal(result.Residual, progress.Reports[^1].Residual);
        Assert.Equal(result.FunctionEvaluations, progress.Reports[^1].FunctionEvaluations);
    }

    [Fact]
    public void ValueTolerance_StopsEarly_WithSmallValueChange()
    {
        OptimizationResult result = Minimize.Lbfgs(
            Rosenbrock.ValueAndGradient, new[] { -1.2, 1.0 }, new SolverOptions { Tolerance = 0, ValueTolerance = 1e-3 });

        Assert.Equal(OptimizationStatus.SmallValueChange, result.Status);
        Assert.True(result.Converged);
    }

    [Fact]
    public void ObjectiveUndefinedBeyondTheMinimum_LineSearchBacksOff()
    {
        // f = (x − 1)² + (y + 2)², NaN for x > 1.5: trial steps that land there must be rejected, not returned.
        static double F(ReadOnlySpan<double> x, Span<double> g)
        {
            if (x[0] > 1.5)
            {
                g.Fill(double.NaN);
                return double.NaN;
            }

            g[0] = 2 * (x[0] - 1);
            g[1] = 2 * (x[1] + 2);
            return (x[0] - 1) * (x[0] - 1) + (x[1] + 2) * (x[1] + 2);
        }

        OptimizationResult result = Minimize.Lbfgs(F, new[] { -30.0, 0.0 });

        Check.Converged(result);
        Check.Close(new[] { 1.0, -2.0 }, result.Solution, 1e-7);
    }
}
