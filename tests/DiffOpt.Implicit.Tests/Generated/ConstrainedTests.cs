using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Generated;

/// <summary>
/// Implicit derivatives of constrained [Optimize] solvers (fixed point of the projected / proximal gradient step), against
/// the optimality conditions of the solutions and central finite differences of full re-solves.
/// </summary>
public sealed class ConstrainedTests
{
    private const int N = 200;
    private const int D = 30;
    private const int NV = 50;

    private static readonly double[] X = Data(N * D, 11);
    private static readonly double[] Y = Targets(X, N, 12);
    private static readonly double[] Xv = Data(NV * D, 13);
    private static readonly double[] Yv = Targets(Xv, NV, 14);
    private static readonly SolverOptions Tight = new() { Tolerance = 1e-12, MaxIterations = 20000 };

    private static double[] Data(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
    }

    private static double[] Targets(double[] x, int rows, int seed)
    {
        var random = new Random(seed);
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < D; j++)
            {
                // Sparse, partly large coefficients: some are clamped by the box, some are zero in the lasso.
                y[i] += x[(i * D) + j] * (j % 3 == 0 ? 2 * Math.Cos(j) : 0.0);
            }

            y[i] += 0.1 * ((2 * random.NextDouble()) - 1);
        }

        return y;
    }

    private static double[] Gradient(double[] w, double lambda)
    {
        var g = new double[D];
        for (var i = 0; i < N; i++)
        {
            var r = -Y[i];
            for (var j = 0; j < D; j++)
            {
                r += X[(i * D) + j] * w[j];
            }

            for (var j = 0; j < D; j++)
            {
                g[j] += X[(i * D) + j] * r;
            }
        }

        for (var j = 0; j < D; j++)
        {
            g[j] += lambda * w[j];
        }

        return g;
    }

    private static double Central(Func<double, double> f, double at, double h) => (f(at + h) - f(at - h)) / (2 * h);

    [Fact]
    public void Box_solution_satisfies_the_optimality_conditions_and_some_bounds_are_active()
    {
        var w = Constrained.BoxRidge(new double[D], 1.0, X, Y, D, Tight);
        var g = Gradient(w, 1.0);
        var active = 0;
        for (var j = 0; j < D; j++)
        {
            Assert.InRange(w[j], -Constrained.Bound, Constrained.Bound);
            if (Math.Abs(w[j]) > Constrained.Bound - 1e-9)
            {
                active++;
                Assert.True(g[j] * Math.Sign(w[j]) <= 1e-6, $"w[{j}] at a bound but the gradient points outward: {g[j]}");
            }
            else
            {
                Assert.True(Math.Abs(g[j]) < 1e-6, $"free w[{j}] has gradient {g[j]}");
            }
        }

        Assert.InRange(active, 1, D - 1);
    }

    [Fact]
    public void Lasso_solution_satisfies_the_subgradient_conditions_and_is_sparse()
    {
        const double alpha = 5.0;
        var w = Constrained.Lasso(new double[D], alpha, X, Y, D, Tight);
        var g = Gradient(w, 0.0);
        var zeros = 0;
        for (var j = 0; j < D; j++)
        {
            if (w[j] == 0)
            {
                zeros++;
                Assert.True(Math.Abs(g[j]) <= alpha + 1e-6, $"zero w[{j}] with |gradient| {Math.Abs(g[j])} > α");
            }
            else
            {
                Assert.True(Math.Abs(g[j] + (alpha * Math.Sign(w[j]))) < 1e-6, $"w[{j}] = {w[j]}: gradient {g[j]}");
            }
        }

        Assert.InRange(zeros, 1, D - 1);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(5.0)]
    public void Box_hypergradient_matches_finite_differences_of_the_re_solve(double lambda)
    {
        double Loss(double l) => Bilevel.Loss(Constrained.BoxRidge(new double[D], l, X, Y, D, Tight), Xv, Yv, D);
        var expected = Central(Loss, lambda, 1e-5);
        Constrained.BoxValidationGradient(lambda, X, Y, Xv, Yv, D, out var reverse, new double[N * D]);
        Constrained.BoxValidationJvp(lambda, X, Y, Xv, Yv, D, 1.0, out var forward);
        Assert.True(Math.Abs(expected - reverse) <= 1e-4 * Math.Abs(expected) + 1e-7, $"reverse {reverse:R}, finite differences {expected:R}");
        Assert.True(Math.Abs(expected - forward) <= 1e-4 * Math.Abs(expected) + 1e-7, $"forward {forward:R}, finite differences {expected:R}");
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(8.0)]
    public void Lasso_hypergradient_matches_finite_differences_of_the_re_solve(double alpha)
    {
        double Loss(double a) => Bilevel.Loss(Constrained.Lasso(new double[D], a, X, Y, D, Tight), Xv, Yv, D);
        var expected = Central(Loss, alpha, 1e-5);
        Constrained.LassoValidationGradient(alpha, X, Y, Xv, Yv, D, out var reverse);
        Constrained.LassoValidationJvp(alpha, X, Y, Xv, Yv, D, 1.0, out var forward);
        Assert.True(Math.Abs(expected) > 1e-6);
        Assert.True(Math.Abs(expected - reverse) <= 1e-4 * Math.Abs(expected) + 1e-7, $"reverse {reverse:R}, finite differences {expected:R}");
        Assert.True(Math.Abs(expected - forward) <= 1e-4 * Math.Abs(expected) + 1e-7, $"forward {forward:R}, finite differences {expected:R}");
    }

    [Fact]
    public void Box_data_derivative_matches_finite_differences_of_the_re_solve()
    {
        const double lambda = 1.0;
        var dX = new double[N * D];
        Constrained.BoxValidationGradient(lambda, X, Y, Xv, Yv, D, out _, dX);
        foreach (var index in new[] { 0, 31, 1234, 5999 })
        {
            double Loss(double value)
            {
                var x = (double[])X.Clone();
                x[index] = value;
                return Bilevel.Loss(Constrained.BoxRidge(new double[D], lambda, x, Y, D, Tight), Xv, Yv, D);
            }

            var expected = Central(Loss, X[index], 1e-5);
            Assert.True(Math.Abs(expected - dX[index]) <= 1e-4 * Math.Abs(expected) + 1e-6, $"dX[{index}] {dX[index]:R}, finite differences {expected:R}");
        }
    }
}
