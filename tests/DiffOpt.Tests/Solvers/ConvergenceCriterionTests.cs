using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

/// <summary>The tolerance test may not certify a point far from the solution, whatever the start.</summary>
public class ConvergenceCriterionTests
{
    // f(x) = Σ exp(xᵢ) − 2xᵢ, minimum at xᵢ = ln 2. From xᵢ = 50 the gradient is ~e⁵⁰, so a test relative to the
    // starting gradient alone would accept any point whose gradient is below ~1e14 — far from ln 2.
    private static double F(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double e = Math.Exp(x[i]);
            f += e - 2 * x[i];
            g[i] = e - 2;
        }

        return f;
    }

    private static void H(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = Math.Exp(x[i]) * v[i];
        }
    }

    [Theory]
    [InlineData("Lbfgs")]
    [InlineData("NewtonCg")]
    [InlineData("GradientDescent")]
    [InlineData("ProjectedGradient")]
    public void HugeStartingGradient_DoesNotCertifyAFarPoint(string method)
    {
        double[] x0 = Enumerable.Repeat(50.0, 5).ToArray();
        OptimizationResult result = method switch
        {
            "Lbfgs" => Minimize.Lbfgs(F, x0),
            "NewtonCg" => Minimize.NewtonCg(F, H, x0),
            "GradientDescent" => Minimize.GradientDescent(F, x0),
            _ => Minimize.ProjectedGradient(F, Projections.Box(-100, 100), x0),
        };

        Check.Converged(result);
        Check.Close(Enumerable.Repeat(Math.Log(2), 5).ToArray(), result.Solution, 1e-7);
    }

    [Fact]
    public void FixedPoint_HugeStartingResidual_DoesNotCertifyAFarPoint()
    {
        // T(x) = x/2 + 1 (fixed point 2) from 1e12: relative to the first residual alone, 5e3 would pass.
        static void Map(ReadOnlySpan<double> x, Span<double> result)
        {
            for (int i = 0; i < x.Length; i++)
            {
                result[i] = 0.5 * x[i] + 1;
            }
        }

        OptimizationResult result = FixedPoint.Iterate(Map, new[] { 1e12 }, new SolverOptions { MaxIterations = 200 });

        Check.Converged(result);
        Assert.Equal(2.0, result.Solution[0], 1e-7);
    }
}
