using DiffOpt.Solvers;
using static DiffOpt.Tests.LinearAlgebra.TestSystems;

namespace DiffOpt.Tests.LinearAlgebra;

/// <summary>Every iterative solver on symmetric positive definite systems, against the dense reference.</summary>
public class SpdSystemTests
{
    [Theory]
    [MemberData(nameof(IterativeSolver.All), MemberType = typeof(IterativeSolver))]
    public void WellConditionedSpdMatchesDenseReference(string solver)
    {
        var a = RandomSpd(50, seed: 91);
        var b = RandomVector(50, seed: 92);

        var result = IterativeSolver.Run(solver, a, b);

        IterativeSolver.AssertSolves(result, a, b, ridge: 0, tolerance: 1e-10, maxRelativeError: 1e-9);
    }

    [Theory]
    [InlineData(IterativeSolver.Cg, 1e8)]
    [InlineData(IterativeSolver.Gmres, 1e8)]
    [InlineData(IterativeSolver.BiCgStab, 1e8)]
    [InlineData(IterativeSolver.NormalCg, 1e4)] // normal equations square κ: 1e8 here, 1e16 would be hopeless
    public void IllConditionedSpectrumErrorIsBoundedByResidualOverSmallestEigenvalue(string solver, double conditionNumber)
    {
        // Eigenvalues exactly 1 … κ, so ‖x − x*‖ = ‖A⁻¹r‖ ≤ ‖r‖ / λmin = ‖r‖.
        var a = FromSpectrum(GeometricSpectrum(40, conditionNumber), seed: 93);
        var b = Multiply(a, RandomVector(40, seed: 94));

        var result = IterativeSolver.Run(solver, a, b, new LinearSolveOptions { MaxIterations = 20_000, Restart = 40 });

        Assert.True(result.Converged, result.ToString());
        var residual = RelativeResidual(a, b, result.Solution);
        Assert.True(residual <= 1e-10, $"{residual:E3}");
        var reference = ReferenceSolver.Solve(a, b);
        var bound = (1.01 * residual * Norm(b)) + (1e-6 * Norm(reference));
        Assert.True(Distance(result.Solution, reference) <= bound, $"{Distance(result.Solution, reference):E3} > {bound:E3}");
    }

    [Theory]
    [MemberData(nameof(IterativeSolver.All), MemberType = typeof(IterativeSolver))]
    public void ConvergedIsNeverClaimedAboveTheTolerance(string solver)
    {
        // Right-hand sides the ill-conditioned matrix cannot meet to 1e-10 in double precision (random b puts
        // weight on the λ = 1 end, so x is large and rounding in A·x dominates): whatever the outcome, the flag
        // must agree with the recomputed residual.
        var a = FromSpectrum(GeometricSpectrum(40, 1e8), seed: 95);
        for (var seed = 0; seed < 4; seed++)
        {
            var b = RandomVector(40, seed: 96 + seed);

            var result = IterativeSolver.Run(solver, a, b, new LinearSolveOptions { MaxIterations = 3000, Restart = 40 });

            var residual = RelativeResidual(a, b, result.Solution);
            Assert.Equal(residual <= 1e-10, result.Converged);
            Assert.Equal(residual, result.Residual, (1e-3 * residual) + ResidualEvaluationError(a, b, result.Solution));
        }
    }
}
