using DiffOpt.Solvers;
using static DiffOpt.Tests.LinearAlgebra.TestSystems;

namespace DiffOpt.Tests.LinearAlgebra;

/// <summary>GMRES, BiCGStab and normal-equation CG on nonsymmetric systems, each against the dense reference.</summary>
public class NonsymmetricSolverTests
{
    [Theory]
    [MemberData(nameof(IterativeSolver.General), MemberType = typeof(IterativeSolver))]
    public void ConvectionDiffusionMatchesDenseReference(string solver)
    {
        // Cell Péclet number 0.5·c·h ≈ 0.4: clearly nonsymmetric, still well posed.
        var a = ConvectionDiffusion(60, velocity: 50);
        var b = RandomVector(60, seed: 31);

        var result = IterativeSolver.Run(solver, a, b, new LinearSolveOptions { Restart = 60, MaxIterations = 20_000 });

        // κ(A) ≈ 1.5e3 here (κ(AᵀA) ≈ 2e6 for normal CG): error ≤ κ · residual.
        IterativeSolver.AssertSolves(result, a, b, ridge: 0, tolerance: 1e-10, maxRelativeError: 1e-6);
    }

    [Theory]
    [MemberData(nameof(IterativeSolver.General), MemberType = typeof(IterativeSolver))]
    public void RandomDiagonallyDominantMatchesDenseReference(string solver)
    {
        var a = DiagonallyDominant(80, seed: 32);
        var b = RandomVector(80, seed: 33);

        var result = IterativeSolver.Run(solver, a, b);

        IterativeSolver.AssertSolves(result, a, b, ridge: 0, tolerance: 1e-10, maxRelativeError: 1e-8);
    }

    [Theory]
    [MemberData(nameof(IterativeSolver.General), MemberType = typeof(IterativeSolver))]
    public void RidgeTermMatchesDenseSolveOfTheShiftedMatrix(string solver)
    {
        var a = ConvectionDiffusion(40, velocity: 30);
        var b = RandomVector(40, seed: 34);
        var ridge = 200.0; // comparable to the matrix's smallest eigenvalues (≈ π²), so it changes the answer

        var result = IterativeSolver.Run(solver, a, b, new LinearSolveOptions { Ridge = ridge, Restart = 40 });

        IterativeSolver.AssertSolves(result, a, b, ridge, tolerance: 1e-10, maxRelativeError: 1e-7);
        Assert.True(RelativeError(result.Solution, ReferenceSolver.Solve(a, b)) > 0.05);
    }

    [Theory]
    [MemberData(nameof(IterativeSolver.General), MemberType = typeof(IterativeSolver))]
    public void TooFewIterationsIsReportedAsNotConverged(string solver)
    {
        var a = ConvectionDiffusion(60, velocity: 50);
        var b = RandomVector(60, seed: 35);

        var result = IterativeSolver.Run(solver, a, b, new LinearSolveOptions { MaxIterations = 4 });

        Assert.False(result.Converged);
        Assert.Equal(LinearSolveStatus.MaxIterations, result.Status);
        Assert.Equal(4, result.Iterations);
        Assert.Equal(RelativeResidual(a, b, result.Solution), result.Residual, 1e-9);
        Assert.True(result.Residual > 1e-3);
    }

    [Theory]
    [InlineData(IterativeSolver.Gmres)]
    [InlineData(IterativeSolver.BiCgStab)]
    public void JacobiPreconditioningCutsIterationsOnABadlyScaledMatrix(string solver)
    {
        // Rows scaled by 10^[-3, 3]: right-Jacobi preconditioning turns A·M⁻¹ into a similarity transform of a
        // matrix whose eigenvalues cluster around 1.
        var a = Scaled(DiagonallyDominant(100, seed: 36), spread: 3, seed: 37, symmetric: false);
        var b = RandomVector(100, seed: 38);
        var options = new LinearSolveOptions { Tolerance = 1e-8, Restart = 100, MaxIterations = 5000 };

        var plain = IterativeSolver.Run(solver, a, b, options);
        var jacobi = IterativeSolver.Run(solver, a, b, options with { JacobiDiagonal = Diagonal(a) });

        Assert.True(jacobi.Converged, jacobi.ToString());
        Assert.True(jacobi.Iterations * 3 < plain.Iterations, $"Jacobi {jacobi.Iterations} vs plain {plain.Iterations} ({plain.Status})");
        Assert.True(RelativeResidual(a, b, jacobi.Solution) <= 1e-8);
    }

    [Fact]
    public void NormalCgJacobiOnSquaredColumnNormsCutsIterations()
    {
        var a = ColumnScaled(DiagonallyDominant(60, seed: 39), spread: 2, seed: 40);
        var b = RandomVector(60, seed: 41);
        var columnNormsSquared = new double[60];
        for (var j = 0; j < 60; j++)
        {
            for (var i = 0; i < 60; i++)
            {
                columnNormsSquared[j] += a[i, j] * a[i, j];
            }
        }

        var options = new LinearSolveOptions { Tolerance = 1e-8, MaxIterations = 20_000 };
        var plain = IterativeSolver.Run(IterativeSolver.NormalCg, a, b, options);
        var jacobi = IterativeSolver.Run(IterativeSolver.NormalCg, a, b, options with { JacobiDiagonal = columnNormsSquared });

        Assert.True(jacobi.Converged, jacobi.ToString());
        Assert.True(jacobi.Iterations * 3 < plain.Iterations, $"Jacobi {jacobi.Iterations} vs plain {plain.Iterations}");
        IterativeSolver.AssertSolves(jacobi, a, b, ridge: 0, tolerance: 1e-8, maxRelativeError: 1e-6);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(25)]
    public void GmresRestartsConvergeOnASystemNeedingMoreIterationsThanTheRestartLength(int restart)
    {
        // h²·(convection–diffusion) + 0.3·I: positive real (so restarted GMRES converges), eigenvalues spread
        // over [0.3, 4.3], needing dozens of iterations.
        var h = 1.0 / 81;
        var a = WithRidge(ScaledBy(ConvectionDiffusion(80, velocity: 40), h * h), 0.3);
        var b = RandomVector(80, seed: 42);

        var result = LinearSolve.Gmres(MatVecOf(a), b, new LinearSolveOptions { Restart = restart, MaxIterations = 50_000 });

        Assert.True(result.Iterations > restart, $"{result.Iterations} iterations with restart {restart}");
        IterativeSolver.AssertSolves(result, a, b, ridge: 0, tolerance: 1e-10, maxRelativeError: 1e-6);
    }

    [Fact]
    public void FullGmresConvergesWithinNIterations()
    {
        // Without restarts GMRES minimizes the residual over a growing Krylov space, which reaches ℝⁿ at step n.
        var a = DiagonallyDominant(30, seed: 43);
        var b = RandomVector(30, seed: 44);

        var result = LinearSolve.Gmres(MatVecOf(a), b, new LinearSolveOptions { Restart = 30 });

        Assert.True(result.Iterations <= 30);
        IterativeSolver.AssertSolves(result, a, b, ridge: 0, tolerance: 1e-10, maxRelativeError: 1e-8);
    }

    [Fact]
    public void BiCgStabBreaksDownOnASkewSymmetricMatrixWhereGmresSucceeds()
    {
        // rᵀAr = 0 for every r when A is skew-symmetric, so BiCGStab's first step divides by r̂ᵀAp = 0.
        var a = SkewSymmetric(10);
        var b = RandomVector(10, seed: 45);

        var bicg = LinearSolve.BiCgStab(MatVecOf(a), b);
        var gmres = LinearSolve.Gmres(MatVecOf(a), b);

        Assert.False(bicg.Converged);
        Assert.Equal(LinearSolveStatus.Breakdown, bicg.Status);
        Assert.Equal(RelativeResidual(a, b, bicg.Solution), bicg.Residual, 1e-12);
        IterativeSolver.AssertSolves(gmres, a, b, ridge: 0, tolerance: 1e-10, maxRelativeError: 1e-8);
    }

    [Theory]
    [MemberData(nameof(IterativeSolver.General), MemberType = typeof(IterativeSolver))]
    public void InconsistentSingularSystemIsNotReportedAsConverged(string solver)
    {
        // A = diag(1, …, 1, 0) and b = ones: no x has residual below 1/√n.
        var n = 16;
        var a = new double[n, n];
        for (var i = 0; i < n - 1; i++)
        {
            a[i, i] = 1;
        }

        var b = Ones(n);

        var result = IterativeSolver.Run(solver, a, b, new LinearSolveOptions { MaxIterations = 500 });

        Assert.False(result.Converged, result.ToString());
        Assert.NotEqual(LinearSolveStatus.Converged, result.Status);
        Assert.Equal(RelativeResidual(a, b, result.Solution), result.Residual, 1e-9);
        Assert.True(result.Residual >= (1 / Math.Sqrt(n)) - 1e-12);
        if (solver != IterativeSolver.BiCgStab)
        {
            // GMRES and normal CG minimize the residual over their Krylov spaces, which here contain the
            // least-squares solution (residual exactly 1/√n); they must not end anywhere worse.
            Assert.True(result.Residual <= (1 / Math.Sqrt(n)) + 1e-9, result.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(IterativeSolver.General), MemberType = typeof(IterativeSolver))]
    public void ExactInitialGuessNeedsNoIterations(string solver)
    {
        var a = DiagonallyDominant(20, seed: 46);
        var b = RandomVector(20, seed: 47);

        var result = IterativeSolver.Run(solver, a, b, new LinearSolveOptions { InitialGuess = ReferenceSolver.Solve(a, b) });

        Assert.True(result.Converged);
        Assert.Equal(0, result.Iterations);
    }
}
