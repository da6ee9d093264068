using DiffOpt.Solvers;
using static DiffOpt.Tests.LinearAlgebra.TestSystems;

namespace DiffOpt.Tests.LinearAlgebra;

public class DenseSolverTests
{
    private static void AssertDenseSolves(LinearSolveResult result, double[,] a, double[] b, double ridge, double maxRelativeError, double maxResidual)
    {
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(0, result.Iterations);
        var residual = RelativeResidual(a, b, result.Solution, ridge);
        Assert.True(residual <= maxResidual, $"residual {residual:E3}");
        Assert.Equal(residual, result.Residual, (1e-3 * residual) + ResidualEvaluationError(WithRidge(a, ridge), b, result.Solution));
        var error = RelativeError(result.Solution, ReferenceSolver.Solve(WithRidge(a, ridge), b));
        Assert.True(error <= maxRelativeError, $"relative error vs reference {error:E3}");
    }

    [Fact]
    public void LuSolvesARandomNonsymmetricSystem()
    {
        var a = DiagonallyDominant(50, seed: 51);
        for (var i = 0; i < 50; i++)
        {
            a[i, i] *= i % 2 == 0 ? 0.1 : -1; // break diagonal dominance so that pivoting matters
        }

        var b = RandomVector(50, seed: 52);

        AssertDenseSolves(LinearSolve.DenseLu(a, b), a, b, ridge: 0, maxRelativeError: 1e-11, maxResidual: 1e-13);
    }

    [Fact]
    public void LuPivotsPastAZeroLeadingEntry()
    {
        var a = new double[,] { { 0, 2, 1 }, { 1, 1, 0 }, { 3, 0, 1 } };
        var b = new double[] { 4, 3, 5 };

        var result = LinearSolve.DenseLu(a, b);

        // By hand: row 2 gives x0 = 3 − x1, row 3 gives x2 = 3·x1 − 4, row 1 then 5·x1 = 8: x = (7/5, 8/5, 4/5).
        Assert.True(result.Converged);
        Assert.Equal(7.0 / 5, result.Solution[0], 1e-14);
        Assert.Equal(8.0 / 5, result.Solution[1], 1e-14);
        Assert.Equal(4.0 / 5, result.Solution[2], 1e-14);
    }

    [Fact]
    public void CholeskyAndLuOnHilbertMatchTheReference()
    {
        var a = Hilbert(8); // κ ≈ 1.5e10: errors of order κ·ε ≈ 3e-6 are unavoidable
        var b = Multiply(a, Ones(8));

        AssertDenseSolves(LinearSolve.DenseLu(a, b), a, b, ridge: 0, maxRelativeError: 1e-4, maxResidual: 1e-14);
        AssertDenseSolves(LinearSolve.DenseCholesky(a, b), a, b, ridge: 0, maxRelativeError: 1e-4, maxResidual: 1e-14);
        Assert.True(RelativeError(LinearSolve.DenseCholesky(a, b).Solution, Ones(8)) <= 1e-4);
    }

    [Fact]
    public void CholeskySolvesWellAndIllConditionedSpdSystems()
    {
        var spd = RandomSpd(60, seed: 53);
        var b = RandomVector(60, seed: 54);
        AssertDenseSolves(LinearSolve.DenseCholesky(spd, b), spd, b, ridge: 0, maxRelativeError: 1e-13, maxResidual: 1e-14);

        var ill = FromSpectrum(GeometricSpectrum(40, 1e8), seed: 55);
        var c = RandomVector(40, seed: 56);
        AssertDenseSolves(LinearSolve.DenseCholesky(ill, c), ill, c, ridge: 0, maxRelativeError: 1e-6, maxResidual: 1e-8);
    }

    [Fact]
    public void RowMajorAndRectangularArrayOverloadsAgree()
    {
        var a = RandomSpd(12, seed: 57);
        var b = RandomVector(12, seed: 58);
        var flat = RowMajor(a);

        Assert.Equal(LinearSolve.DenseLu(a, b).Solution, LinearSolve.DenseLu(flat, b).Solution);
        Assert.Equal(LinearSolve.DenseCholesky(a, b).Solution, LinearSolve.DenseCholesky(flat, b).Solution);
    }

    [Fact]
    public void TheCallersMatrixIsNotModified()
    {
        var a = DiagonallyDominant(10, seed: 59);
        var copy = (double[,])a.Clone();
        var flat = RowMajor(a);
        var flatCopy = (double[])flat.Clone();
        var b = RandomVector(10, seed: 60);

        LinearSolve.DenseLu(a, b, new LinearSolveOptions { Ridge = 1 });
        LinearSolve.DenseCholesky(flat, b);

        Assert.Equal(copy, a);
        Assert.Equal(flatCopy, flat);
    }

    [Fact]
    public void RidgeTermMatchesTheShiftedReference()
    {
        var spectrum = GeometricSpectrum(25, 100);
        spectrum[3] = 0; // positive semidefinite and singular without the ridge
        var a = FromSpectrum(spectrum, seed: 61);
        var b = RandomVector(25, seed: 62);
        var options = new LinearSolveOptions { Ridge = 0.1 };

        AssertDenseSolves(LinearSolve.DenseCholesky(a, b, options), a, b, ridge: 0.1, maxRelativeError: 1e-11, maxResidual: 1e-13);
        AssertDenseSolves(LinearSolve.DenseLu(a, b, options), a, b, ridge: 0.1, maxRelativeError: 1e-11, maxResidual: 1e-13);
    }

    [Fact]
    public void SingularMatrixIsReportedBySingularStatusAndNaNSolution()
    {
        // Third row = first row + second row, so the rows are linearly dependent (also after rounding).
        var a = DiagonallyDominant(6, seed: 63);
        for (var j = 0; j < 6; j++)
        {
            a[2, j] = a[0, j] + a[1, j];
        }

        var b = RandomVector(6, seed: 64);

        var result = LinearSolve.DenseLu(a, b);

        Assert.False(result.Converged);
        Assert.Equal(LinearSolveStatus.Singular, result.Status);
        Assert.All(result.Solution, value => Assert.True(double.IsNaN(value)));
        Assert.True(double.IsNaN(result.Residual));
        Assert.Contains("singular", result.Message);
    }

    [Fact]
    public void ExactlySingularMatrixIsReported()
    {
        var a = new double[,] { { 1, 2 }, { 2, 4 } };

        var result = LinearSolve.DenseLu(a, new double[] { 1, 1 });

        Assert.Equal(LinearSolveStatus.Singular, result.Status);
    }

    [Fact]
    public void CholeskyRejectsAnIndefiniteMatrix()
    {
        var a = FromSpectrum(new[] { 3.0, 2, 1, -0.5, 4 }, seed: 65);

        var result = LinearSolve.DenseCholesky(a, RandomVector(5, seed: 66));

        Assert.False(result.Converged);
        Assert.Equal(LinearSolveStatus.NotPositiveDefinite, result.Status);
        Assert.All(result.Solution, value => Assert.True(double.IsNaN(value)));
        Assert.Contains("not positive definite", result.Message);
        Assert.True(LinearSolve.DenseLu(a, RandomVector(5, seed: 66)).Converged); // LU handles it
    }

    [Fact]
    public void CholeskyRejectsANonsymmetricMatrix()
    {
        var a = DiagonallyDominant(8, seed: 67); // positive diagonal, but a[i,j] ≠ a[j,i]

        var result = LinearSolve.DenseCholesky(a, RandomVector(8, seed: 68));

        Assert.Equal(LinearSolveStatus.NotPositiveDefinite, result.Status);
        Assert.Contains("not symmetric", result.Message);
    }

    [Fact]
    public void CholeskyRejectsASemidefiniteMatrix()
    {
        var spectrum = GeometricSpectrum(10, 10);
        spectrum[5] = 0;
        var a = FromSpectrum(spectrum, seed: 69);

        var result = LinearSolve.DenseCholesky(a, RandomVector(10, seed: 70));

        Assert.Equal(LinearSolveStatus.NotPositiveDefinite, result.Status);
    }
}
