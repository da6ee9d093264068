using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

public class GradientDescentTests
{
    [Fact]
    public void Ridge_MatchesClosedForm()
    {
        var fixture = Fixture.Load("ridge.json");
        var problem = new LinearLeastSquares(
            new DenseMatrix(fixture.Integer("m"), fixture.Integer("n"), fixture.Vector("A")), fixture.Vector("b"), fixture.Number("lambda"));
        var progress = new RecordingProgress();

        OptimizationResult result = Minimize.GradientDescent(problem.ValueAndGradient, new double[problem.Dimension], new SolverOptions { Progress = progress });

        Check.Converged(result);
        Check.Close(fixture.Vector("solution"), result.Solution, 1e-7);
        // Armijo backtracking makes the method monotone (up to the round-off slack of the approximate Wolfe test).
        for (int i = 1; i < progress.Reports.Count; i++)
        {
            Assert.True(progress.Reports[i].Value <= progress.Reports[i - 1].Value * (1 + 1e-14));
        }
    }

    [Fact]
    public void Rosenbrock_ConvergesSlowlyButCorrectly()
    {
        OptimizationResult result = Minimize.GradientDescent(
            Rosenbrock.ValueAndGradient, new[] { -1.2, 1.0 }, new SolverOptions { Tolerance = 1e-8, MaxIterations = 100_000 });

        Check.Converged(result);
        Check.Close(new[] { 1.0, 1.0 }, result.Solution, 1e-5);
        // Steepest descent needs far more iterations than L-BFGS on this curved valley.
        OptimizationResult lbfgs = Minimize.Lbfgs(Rosenbrock.ValueAndGradient, new[] { -1.2, 1.0 }, new SolverOptions { Tolerance = 1e-8 });
        Assert.True(result.Iterations > 10 * lbfgs.Iterations, $"{result} vs {lbfgs}");
    }

    [Fact]
    public void InitialStepSize_IsHonoured()
    {
        var progress = new RecordingProgress();
        // f = ½‖x‖²: step 1 lands on the minimum; the option's 0.25 must be tried first (and is accepted).
        static double F(ReadOnlySpan<double> x, Span<double> g)
        {
            x.CopyTo(g);
            return 0.5 * (x[0] * x[0] + x[1] * x[1]);
        }

        Minimize.GradientDescent(F, new[] { 3.0, 4.0 }, new SolverOptions { InitialStepSize = 0.25, MaxIterations = 1, Progress = progress });

        Assert.Equal(0.25, progress.Reports[1].StepSize);
    }
}
