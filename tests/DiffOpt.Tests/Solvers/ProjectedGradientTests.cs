using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

public class ProjectedGradientTests
{
    [Fact]
    public void Nnls_MatchesScipyLawsonHanson()
    {
        var fixture = Fixture.Load("nnls.json");
        var problem = new LinearLeastSquares(new DenseMatrix(fixture.Integer("m"), fixture.Integer("n"), fixture.Vector("A")), fixture.Vector("b"));

        OptimizationResult result = Minimize.ProjectedGradient(problem.ValueAndGradient, Projections.NonNegative(), new double[problem.Dimension]);

        Check.Converged(result);
        double[] expected = fixture.Vector("solution");
        Check.Close(expected, result.Solution, 1e-7);
        Assert.Equal(fixture.Number("value"), result.Value, 1e-10 * fixture.Number("value"));
        // The active set is found exactly: the projection puts those coordinates on the bound.
        Assert.Equal(fixture.Integer("active"), result.Solution.Count(v => v == 0));
    }

    [Fact]
    public void BoxQuadraticProgram_MatchesExactActiveSetSolution()
    {
        var fixture = Fixture.Load("box_qp.json");
        int n = fixture.Integer("n");
        var q = new DenseMatrix(n, n, fixture.Vector("Q"));
        double[] c = fixture.Vector("c");
        double Objective(ReadOnlySpan<double> x, Span<double> g)
        {
            q.Multiply(x, g);
            double value = 0;
            for (int i = 0; i < n; i++)
            {
                value += x[i] * (0.5 * g[i] + c[i]);
                g[i] += c[i];
            }

            return value;
        }

        // Start outside the box: the solver projects x0 first.
        OptimizationResult result = Minimize.ProjectedGradient(
            Objective, Projections.Box(fixture.Vector("lower"), fixture.Vector("upper")), Enumerable.Repeat(5.0, n).ToArray());

        Check.Converged(result);
        Check.Close(fixture.Vector("solution"), result.Solution, 1e-7);
        Assert.Equal(fixture.Number("value"), result.Value, 1e-10 * Math.Abs(fixture.Number("value")));
    }

    [Fact]
    public void SimplexConstrainedQuadratic_SatisfiesKktConditions()
    {
        // min ½xᵀQx + cᵀx over {x ≥ 0, Σx = 1}. KKT: some τ has ∇fᵢ = τ where xᵢ > 0 and ∇fᵢ ≥ τ where xᵢ = 0.
        const int n = 12;
        var random = new Random(7);
        double[] m = new double[n * n];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = random.NextDouble() - 0.5;
        }

        double[] qData = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += m[i * n + k] * m[j * n + k];
                }

                qData[i * n + j] = s + (i == j ? 0.1 : 0);
            }
        }

        var q = new DenseMatrix(n, n, qData);
        double[] c = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double Objective(ReadOnlySpan<double> x, Span<double> g)
        {
            q.Multiply(x, g);
            double value = 0;
            for (int i = 0; i < n; i++)
            {
                value += x[i] * (0.5 * g[i] + c[i]);
                g[i] += c[i];
            }

            return value;
        }

        OptimizationResult result = Minimize.ProjectedGradient(Objective, Projections.Simplex(), new double[n], new SolverOptions { Tolerance = 1e-12 });

        Check.Converged(result);
        double[] x = result.Solution;
        double[] grad = new double[n];
        Objective(x, grad);
        Assert.Equal(1.0, x.Sum(), 1e-12);
        Assert.All(x, v => Assert.True(v >= 0));
        int support = Array.FindIndex(x, v => v > 0);
        double tau = grad[support];
        for (int i = 0; i < n; i++)
        {
            if (x[i] > 0)
            {
                Assert.Equal(tau, grad[i], 1e-8);
            }
            else
            {
                Assert.True(grad[i] >= tau - 1e-8, $"grad[{i}] = {grad[i]} < tau = {tau}");
            }
        }

        Assert.True(x.Count(v => v == 0) > 0, "the test problem should have active bounds");
    }

    [Fact]
    public void L2Ball_MinimisingDistanceToAnOutsidePoint_GivesTheRadialPoint()
    {
        double[] target = { 3.0, -4.0, 12.0 }; // norm 13
        double Objective(ReadOnlySpan<double> x, Span<double> g)
        {
            double v = 0;
            for (int i = 0; i < x.Length; i++)
            {
                g[i] = x[i] - target[i];
                v += 0.5 * g[i] * g[i];
            }

            return v;
        }

        OptimizationResult result = Minimize.ProjectedGradient(Objective, Projections.L2Ball(2.0), new double[3]);

        Check.Converged(result);
        Check.Close(target.Select(t => t * 2.0 / 13.0).ToArray(), result.Solution, 1e-9);
    }
}
