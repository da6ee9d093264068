using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

public class LeastSquaresTests
{
    private sealed class ExponentialFit
    {
        private readonly double[] _t;
        private readonly double[] _y;

        public ExponentialFit(Fixture fixture)
        {
            _t = fixture.Vector("t");
            _y = fixture.Vector("y");
        }

        public int Count => _t.Length;

        // rᵢ = a·exp(−k·tᵢ) + c − yᵢ with x = (a, k, c).
        public void Residual(ReadOnlySpan<double> x, Span<double> r)
        {
            for (int i = 0; i < _t.Length; i++)
            {
                r[i] = x[0] * Math.Exp(-x[1] * _t[i]) + x[2] - _y[i];
            }
        }

        public void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        {
            for (int i = 0; i < _t.Length; i++)
            {
                double e = Math.Exp(-x[1] * _t[i]);
                result[i] = e * v[0] - x[0] * _t[i] * e * v[1] + v[2];
            }
        }

        public void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> result)
        {
            result.Clear();
            for (int i = 0; i < _t.Length; i++)
            {
                double e = Math.Exp(-x[1] * _t[i]);
                result[0] += e * u[i];
                result[1] -= x[0] * _t[i] * e * u[i];
                result[2] += u[i];
            }
        }
    }

    [Fact]
    public void ExponentialFit_LevenbergMarquardt_MatchesScipy()
    {
        var fixture = Fixture.Load("exponential_fit.json");
        var fit = new ExponentialFit(fixture);

        OptimizationResult result = LeastSquares.LevenbergMarquardt(fit.Residual, fit.Jvp, fit.Vjp, fit.Count, fixture.Vector("x0"));

        Check.Converged(result);
        Check.Close(fixture.Vector("solution"), result.Solution, 1e-6);
        Assert.Equal(fixture.Number("value"), result.Value, 1e-10 * fixture.Number("value"));
        Assert.True(result.InnerIterations > 0);
    }

    [Fact]
    public void ExponentialFit_GaussNewton_MatchesScipy()
    {
        var fixture = Fixture.Load("exponential_fit.json");
        var fit = new ExponentialFit(fixture);

        OptimizationResult result = LeastSquares.GaussNewton(fit.Residual, fit.Jvp, fit.Vjp, fit.Count, fixture.Vector("x0"), new SolverOptions { MaxIterations = 200 });

        Check.Converged(result);
        Check.Close(fixture.Vector("solution"), result.Solution, 1e-6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RosenbrockResiduals_ZeroResidualMinimumAtOnes(bool levenbergMarquardt)
    {
        double[] x0 = { -1.2, 1.0, -1.2, 1.0 };
        int m = 2 * (x0.Length - 1);
        OptimizationResult result = levenbergMarquardt
            ? LeastSquares.LevenbergMarquardt(Rosenbrock.Residual, Rosenbrock.Jvp, Rosenbrock.Vjp, m, x0, new SolverOptions { Tolerance = 1e-12 })
            : LeastSquares.GaussNewton(Rosenbrock.Residual, Rosenbrock.Jvp, Rosenbrock.Vjp, m, x0, new SolverOptions { Tolerance = 1e-12 });

        Check.Converged(result);
        Check.Close(new[] { 1.0, 1, 1, 1 }, result.Solution, 1e-9);
        Assert.True(result.Value < 1e-20, result.ToString());
    }

    [Fact]
    public void Ridge_AsAugmentedLinearLeastSquares_MatchesClosedForm()
    {
        var fixture = Fixture.Load("ridge.json");
        var problem = new LinearLeastSquares(
            new DenseMatrix(fixture.Integer("m"), fixture.Integer("n"), fixture.Vector("A")), fixture.Vector("b"), fixture.Number("lambda"));

        OptimizationResult gn = LeastSquares.GaussNewton(problem.Residual, problem.Jvp, problem.Vjp, problem.ResidualCount, new double[problem.Dimension]);
        OptimizationResult lm = LeastSquares.LevenbergMarquardt(problem.Residual, problem.Jvp, problem.Vjp, problem.ResidualCount, new double[problem.Dimension]);

        Check.Converged(gn);
        Check.Converged(lm);
        Check.Close(fixture.Vector("solution"), gn.Solution, 1e-8);
        Check.Close(fixture.Vector("solution"), lm.Solution, 1e-8);
        Assert.Equal(fixture.Number("value"), gn.Value, 1e-10 * fixture.Number("value"));
        // A linear problem: Gauss–Newton needs only a few outer steps (the inner solve tightens as it converges).
        Assert.True(gn.Iterations <= 8, gn.ToString());
    }

    [Fact]
    public void BadArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("residualCount", Assert.Throws<ArgumentOutOfRangeException>(
            () => LeastSquares.GaussNewton(Rosenbrock.Residual, Rosenbrock.Jvp, Rosenbrock.Vjp, 0, new[] { 1.0, 2 })).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(
            () => LeastSquares.LevenbergMarquardt(Rosenbrock.Residual, Rosenbrock.Jvp, Rosenbrock.Vjp, 2, new[] { 1.0, double.NaN })).ParamName);
        Assert.Equal("residual", Assert.Throws<ArgumentNullException>(
            () => LeastSquares.LevenbergMarquardt(null!, Rosenbrock.Jvp, Rosenbrock.Vjp, 2, new[] { 1.0, 2 })).ParamName);
    }

    [Fact]
    public void JacobianWithTheWrongSign_IsReported_NotConverged()
    {
        // Jᵀu has the wrong sign, so every model step goes uphill: Gauss–Newton's line search and
        // Levenberg–Marquardt's damping both give up, with the starting point as the solution.
        static void WrongVjp(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> result)
        {
            Rosenbrock.Vjp(x, u, result);
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = -result[i];
            }
        }

        static void WrongJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        {
            Rosenbrock.Jvp(x, v, result);
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = -result[i];
            }
        }

        double[] x0 = { -1.2, 1.0 };
        OptimizationResult gn = LeastSquares.GaussNewton(Rosenbrock.Residual, WrongJvp, WrongVjp, 2, x0);
        OptimizationResult lm = LeastSquares.LevenbergMarquardt(Rosenbrock.Residual, WrongJvp, WrongVjp, 2, x0);

        Assert.Equal(OptimizationStatus.LineSearchFailed, gn.Status);
        Assert.Equal(OptimizationStatus.DampingLimitReached, lm.Status);
        Assert.False(gn.Converged);
        Assert.False(lm.Converged);
        Check.Close(x0, lm.Solution, 0);
    }

    [Fact]
    public void NonFiniteResidual_IsReported()
    {
        static void Residual(ReadOnlySpan<double> x, Span<double> r) => r[0] = Math.Log(x[0]); // NaN for x < 0
        static void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> r) => r[0] = v[0] / x[0];
        static void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> r) => r[0] = u[0] / x[0];

        OptimizationResult result = LeastSquares.GaussNewton(Residual, Jvp, Vjp, 1, new[] { -1.0 });

        Assert.Equal(OptimizationStatus.NonFiniteValue, result.Status);
        Assert.False(result.Converged);
    }
}
