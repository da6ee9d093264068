using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

public class NewtonCgTests
{
    [Theory]
    [InlineData(2, -1.2, 1.0)]
    [InlineData(2, 0.0, 1.0)] // Hessian indefinite at the start: the inner CG meets negative curvature.
    [InlineData(2, -3.0, -4.0)]
    [InlineData(10, -1.2, 1.0)]
    [InlineData(50, -1.2, 1.0)]
    public void Rosenbrock_ReachesTheMinimumAtOnes(int n, double even, double odd)
    {
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++)
        {
            x0[i] = i % 2 == 0 ? even : odd;
        }

        OptimizationResult result = Minimize.NewtonCg(
            Rosenbrock.ValueAndGradient, Rosenbrock.HessianVectorProduct, x0, new SolverOptions { Tolerance = 1e-10, MaxIterations = 2000 });

        Check.Converged(result);
        Check.Close(Enumerable.Repeat(1.0, n).ToArray(), result.Solution, 1e-7);
        Assert.True(result.InnerIterations >= result.Iterations, result.ToString());
    }

    [Fact]
    public void SaddleStart_EscapesAlongNegativeCurvature_ToTheKnownMinimum()
    {
        // f(x, y) = x² − y² + y⁴/4: minima at (0, ±√2) with f = −1; from (1, 0.1) the Hessian diag(2, −1 + 3y²) is indefinite.
        static double F(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = 2 * x[0];
            g[1] = -2 * x[1] + x[1] * x[1] * x[1];
            return x[0] * x[0] - x[1] * x[1] + Math.Pow(x[1], 4) / 4;
        }

        static void H(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv)
        {
            hv[0] = 2 * v[0];
            hv[1] = (-2 + 3 * x[1] * x[1]) * v[1];
        }

        OptimizationResult result = Minimize.NewtonCg(F, H, new[] { 1.0, 0.1 });

        Check.Converged(result);
        Check.Close(new[] { 0.0, Math.Sqrt(2) }, result.Solution, 1e-8);
        Assert.Equal(-1.0, result.Value, 1e-14);
    }

    [Fact]
    public void NegativeDefiniteHessianProduct_FallsBackToSteepestDescent_AndStillConverges()
    {
        // A wrong Hessian (−I) has negative curvature on the first CG step, so every direction is −∇f; the line
        // search then does the work, as in gradient descent.
        static void MinusIdentity(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        {
            for (int i = 0; i < v.Length; i++)
            {
                result[i] = -v[i];
            }
        }

        var fixture = Fixture.Load("ridge.json");
        var problem = new LinearLeastSquares(
            new DenseMatrix(fixture.Integer("m"), fixture.Integer("n"), fixture.Vector("A")), fixture.Vector("b"), fixture.Number("lambda"));

        OptimizationResult result = Minimize.NewtonCg(problem.ValueAndGradient, MinusIdentity, new double[problem.Dimension], new SolverOptions { MaxIterations = 10_000 });

        Check.Converged(result);
        Check.Close(fixture.Vector("solution"), result.Solution, 1e-7);
        Assert.Equal(result.Iterations, result.InnerIterations); // one (negative-curvature) CG step per iteration
    }

    [Fact]
    public void BreastCancerLogisticRegression_MatchesExactNewtonReference()
    {
        var problem = LogisticRegression.BreastCancer(out Fixture fixture);

        OptimizationResult result = Minimize.NewtonCg(problem.ValueAndGradient, problem.HessianVectorProduct, new double[problem.Dimension]);

        Check.Converged(result);
        Check.Close(fixture.Vector("solution"), result.Solution, 1e-5);
        Assert.True(result.Iterations < 30, result.ToString());
    }

    [Fact]
    public void Ridge_MatchesClosedForm()
    {
        var fixture = Fixture.Load("ridge.json");
        var problem = new LinearLeastSquares(
            new DenseMatrix(fixture.Integer("m"), fixture.Integer("n"), fixture.Vector("A")), fixture.Vector("b"), fixture.Number("lambda"));

        OptimizationResult result = Minimize.NewtonCg(problem.ValueAndGradient, problem.HessianVectorProduct, new double[problem.Dimension]);

        Check.Converged(result);
        Check.Close(fixture.Vector("solution"), result.Solution, 1e-8);
    }
}
