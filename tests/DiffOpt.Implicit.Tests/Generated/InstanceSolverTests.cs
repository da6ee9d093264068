namespace DiffOpt.ImplicitTests.Generated;

/// <summary>An instance [Optimize] + [ImplicitDiff] solver (Newton-CG, dense Cholesky) against its closed form.</summary>
public sealed class InstanceSolverTests
{
    [Fact]
    public void Instance_solver_and_its_derivatives_match_the_closed_form()
    {
        const double scale = 0.8;
        var t = new[] { 1 * scale, 2 * scale, 3 * scale, 4 * scale };
        var solver = new InstanceSolver(scale, 4);
        const double lambda = 0.7, c = 1.3;
        var x = solver.Fit(new double[4], lambda, c);
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal(c * t[j] / (1 + lambda), x[j], 1e-9);
        }

        // S = c·Σt / (1 + λ): ∂S/∂λ = −c·Σt / (1 + λ)², ∂S/∂c = Σt / (1 + λ).
        var sum = t.Sum();
        var value = solver.SumGradient(lambda, c, out var dLambda, out var dC);
        Assert.Equal(c * sum / (1 + lambda), value, 1e-9);
        Assert.Equal(-c * sum / ((1 + lambda) * (1 + lambda)), dLambda, 1e-8);
        Assert.Equal(sum / (1 + lambda), dC, 1e-8);
    }
}
