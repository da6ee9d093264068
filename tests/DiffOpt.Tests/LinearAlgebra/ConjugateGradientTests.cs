using DiffOpt.Solvers;
using static DiffOpt.Tests.LinearAlgebra.TestSystems;

namespace DiffOpt.Tests.LinearAlgebra;

public class ConjugateGradientTests
{
    [Fact]
    public void WellConditionedSpdSystemMatchesDenseReference()
    {
        var a = RandomSpd(60, seed: 1);
        var b = RandomVector(60, seed: 2);

        var result = LinearSolve.ConjugateGradient(MatVecOf(a), b);

        // Eigenvalues lie in about [1, 2.4], so a 1e-10 residual bounds the error by about 1e-10 · 2.4.
        IterativeSolver.AssertSolves(result, a, b, ridge: 0, tolerance: 1e-10, maxRelativeError: 1e-9);
        Assert.InRange(result.Iterations, 1, 60);
    }

    [Fact]
    public void HilbertSystemReachesToleranceWithAnHonestResidual()
    {
        var a = Hilbert(8); // condition number ≈ 1.5e10
        var b = Multiply(a, Ones(8));

        var result = LinearSolve.ConjugateGradient(MatVecOf(a), b, new LinearSolveOptions { Tolerance = 1e-10, MaxIterations = 2000 });

        Assert.True(result.Converged, result.ToString());
        var residual = RelativeResidual(a, b, result.Solution);
        Assert.True(residual <= 1e-10, $"{residual:E3}");
        Assert.Equal(residual, result.Residual, 1e-3 * residual);
    }

    [Fact]
    public void IndefiniteMatrixIsReportedNotSolved()
    {
        var spectrum = GeometricSpectrum(30, 100);
        for (var i = 0; i < spectrum.Length; i += 3)
        {
            spectrum[i] = -spectrum[i];
        }

        var a = FromSpectrum(spectrum, seed: 5);
        var b = RandomVector(30, seed: 6);

        var result = LinearSolve.ConjugateGradient(MatVecOf(a), b);

        Assert.False(result.Converged);
        Assert.Equal(LinearSolveStatus.IndefiniteMatrix, result.Status);
        Assert.Contains("not positive definite", result.Message);
        Assert.Equal(RelativeResidual(a, b, result.Solution), result.Residual, 1e-9);
        Assert.True(result.Residual > 1e-10);
    }

    [Fact]
    public void NegativeDefiniteMatrixStopsAtTheFirstDirection()
    {
        var a = FromSpectrum(new[] { -1.0, -2, -3, -4, -5 }, seed: 7);
        var b = RandomVector(5, seed: 8);

        var result = LinearSolve.ConjugateGradient(MatVecOf(a), b);

        Assert.Equal(LinearSolveStatus.IndefiniteMatrix, result.Status);
        Assert.Equal(1, result.Iterations);
        Assert.All(result.Solution, value => Assert.Equal(0, value)); // no step was taken along p
    }

    [Fact]
    public void TooFewIterationsIsReportedAsNotConverged()
    {
        var a = FromSpectrum(GeometricSpectrum(50, 1e4), seed: 9);
        var b = RandomVector(50, seed: 10);

        var result = LinearSolve.ConjugateGradient(MatVecOf(a), b, new LinearSolveOptions { MaxIterations = 3 });

        Assert.False(result.Converged);
        Assert.Equal(LinearSolveStatus.MaxIterations, result.Status);
        Assert.Equal(3, result.Iterations);
        var residual = RelativeResidual(a, b, result.Solution);
        Assert.Equal(residual, result.Residual, 1e-9);
        Assert.True(residual > 1e-3);
    }

    [Fact]
    public void JacobiPreconditioningCutsIterationsOnABadlyScaledMatrix()
    {
        var a = Scaled(RandomSpd(80, seed: 11), spread: 3, seed: 12, symmetric: true);
        var b = RandomVector(80, seed: 13);
        var options = new LinearSolveOptions { Tolerance = 1e-8, MaxIterations = 20000 };

        var plain = LinearSolve.ConjugateGradient(MatVecOf(a), b, options);
        var jacobi = LinearSolve.ConjugateGradient(MatVecOf(a), b, options with { JacobiDiagonal = Diagonal(a) });

        // D·S·D with diag(S) ≈ 1.3: Jacobi undoes D, leaving a system with condition number ≈ 2.
        Assert.True(jacobi.Converged, jacobi.ToString());
        Assert.True(jacobi.Iterations * 4 < plain.Iterations, $"Jacobi {jacobi.Iterations} vs plain {plain.Iterations}");
        Assert.True(jacobi.Iterations <= 40, jacobi.ToString());
        Assert.True(RelativeResidual(a, b, jacobi.Solution) <= 1e-8);
    }

    [Fact]
    public void CustomPreconditionerDelegateMatchesTheJacobiOption()
    {
        var a = Scaled(RandomSpd(40, seed: 14), spread: 2, seed: 15, symmetric: true);
        var b = RandomVector(40, seed: 16);
        var diagonal = Diagonal(a);

        var jacobi = LinearSolve.ConjugateGradient(MatVecOf(a), b, new LinearSolveOptions { JacobiDiagonal = diagonal });
        var custom = LinearSolve.ConjugateGradient(MatVecOf(a), b, new LinearSolveOptions
        {
            Preconditioner = (r, z) =>
            {
                for (var i = 0; i < r.Length; i++)
                {
                    z[i] = r[i] * (1.0 / diagonal[i]);
                }
            },
        });

        Assert.True(custom.Converged);
        Assert.Equal(jacobi.Iterations, custom.Iterations);
        Assert.True(Distance(jacobi.Solution, custom.Solution) <= 1e-12 * Norm(jacobi.Solution));
    }

    [Fact]
    public void NegativeDefinitePreconditionerIsABreakdown()
    {
        var a = RandomSpd(10, seed: 29);
        MatVec negated = (r, z) =>
        {
            for (var i = 0; i < r.Length; i++)
            {
                z[i] = -r[i];
            }
        };

        var result = LinearSolve.ConjugateGradient(MatVecOf(a), RandomVector(10, seed: 30), new LinearSolveOptions { Preconditioner = negated });

        Assert.False(result.Converged);
        Assert.Equal(LinearSolveStatus.Breakdown, result.Status);
        Assert.Contains("preconditioner", result.Message);
    }

    [Fact]
    public void RidgeTermSolvesTheShiftedSystem()
    {
        var a = RandomSpd(50, seed: 17);
        var b = RandomVector(50, seed: 18);

        var result = LinearSolve.ConjugateGradient(MatVecOf(a), b, new LinearSolveOptions { Ridge = 0.75 });

        IterativeSolver.AssertSolves(result, a, b, ridge: 0.75, tolerance: 1e-10, maxRelativeError: 1e-9);
        var unshifted = ReferenceSolver.Solve(a, b);
        Assert.True(RelativeError(result.Solution, unshifted) > 0.05); // the ridge really changed the system
    }

    [Fact]
    public void RidgeTermMakesASemidefiniteSystemSolvable()
    {
        var spectrum = GeometricSpectrum(20, 10);
        spectrum[0] = 0; // singular, positive semidefinite
        var a = FromSpectrum(spectrum, seed: 19);
        var b = RandomVector(20, seed: 20);

        var result = LinearSolve.ConjugateGradient(MatVecOf(a), b, new LinearSolveOptions { Ridge = 1e-2 });

        IterativeSolver.AssertSolves(result, a, b, ridge: 1e-2, tolerance: 1e-10, maxRelativeError: 1e-7);
    }

    [Fact]
    public void InitialGuessIsUsed()
    {
        var a = RandomSpd(40, seed: 21);
        var b = RandomVector(40, seed: 22);
        var exact = ReferenceSolver.Solve(a, b);
        var nearby = (double[])exact.Clone();
        nearby[0] += 1e-6;

        var fromZero = LinearSolve.ConjugateGradient(MatVecOf(a), b);
        var fromExact = LinearSolve.ConjugateGradient(MatVecOf(a), b, new LinearSolveOptions { InitialGuess = exact });
        var fromNearby = LinearSolve.ConjugateGradient(MatVecOf(a), b, new LinearSolveOptions { InitialGuess = nearby });

        Assert.True(fromExact.Converged);
        Assert.Equal(0, fromExact.Iterations);
        Assert.True(fromNearby.Converged);
        Assert.True(fromNearby.Iterations < fromZero.Iterations, $"{fromNearby.Iterations} vs {fromZero.Iterations}");
        Assert.Equal(1e-6, nearby[0] - exact[0], 1e-15); // the caller's guess is not modified
    }

    [Fact]
    public void NaNFromTheOperatorIsReportedAsNonFinite()
    {
        var a = RandomSpd(10, seed: 23);
        var calls = 0;
        MatVec broken = (v, result) =>
        {
            MatVecOf(a)(v, result);
            if (++calls == 3)
            {
                result[4] = double.NaN;
            }
        };

        var result = LinearSolve.ConjugateGradient(broken, RandomVector(10, seed: 24));

        Assert.False(result.Converged);
        Assert.Equal(LinearSolveStatus.NonFinite, result.Status);
        Assert.All(result.Solution, value => Assert.True(double.IsFinite(value))); // the last finite iterate
    }

    [Fact]
    public void UnattainableToleranceEndsInStagnationNotAFalseConvergence()
    {
        // A relative residual of 1e-17 is below double precision: the recurrence keeps shrinking its own
        // residual, but the recomputed one cannot follow.
        var a = FromSpectrum(GeometricSpectrum(30, 1e6), seed: 25);
        var b = RandomVector(30, seed: 26);

        var result = LinearSolve.ConjugateGradient(MatVecOf(a), b, new LinearSolveOptions { Tolerance = 1e-17, MaxIterations = 100_000 });

        Assert.False(result.Converged);
        Assert.Equal(LinearSolveStatus.Stagnation, result.Status);
        Assert.True(result.Iterations < 100_000);
        Assert.True(result.Residual > 1e-17);
        Assert.Equal(RelativeResidual(a, b, result.Solution), result.Residual, 1e-3 * result.Residual);
    }

    [Fact]
    public void RepeatedSolvesAreBitIdentical()
    {
        var a = FromSpectrum(GeometricSpectrum(64, 1e3), seed: 27);
        var b = RandomVector(64, seed: 28);

        var first = LinearSolve.ConjugateGradient(MatVecOf(a), b);
        var second = LinearSolve.ConjugateGradient(MatVecOf(a), b);

        Assert.Equal(first.Iterations, second.Iterations);
        Assert.Equal(first.Solution, second.Solution);
        Assert.Equal(first.Residual, second.Residual);
    }
}
