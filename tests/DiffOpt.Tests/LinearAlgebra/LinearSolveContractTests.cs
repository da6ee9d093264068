using System.Globalization;
using DiffOpt.Solvers;
using static DiffOpt.Tests.LinearAlgebra.TestSystems;

namespace DiffOpt.Tests.LinearAlgebra;

/// <summary>Argument validation, trivial systems, options and the result's text, across all solvers.</summary>
public class LinearSolveContractTests
{
    private static readonly MatVec Identity = (v, result) => v.CopyTo(result);

    public static TheoryData<string> AllSolvers => new()
    {
        IterativeSolver.Cg, IterativeSolver.NormalCg, IterativeSolver.Gmres, IterativeSolver.BiCgStab, "DenseLu", "DenseCholesky",
    };

    private static LinearSolveResult RunAny(string solver, double[,] a, double[] b, LinearSolveOptions? options = null) => solver switch
    {
        "DenseLu" => LinearSolve.DenseLu(a, b, options),
        "DenseCholesky" => LinearSolve.DenseCholesky(a, b, options),
        _ => IterativeSolver.Run(solver, a, b, options),
    };

    [Theory]
    [MemberData(nameof(AllSolvers))]
    public void NonFiniteRightHandSideNamesB(string solver)
    {
        var a = RandomSpd(4, seed: 71);
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var b = new[] { 1.0, bad, 0, 2 };
            var exception = Assert.Throws<ArgumentException>(() => RunAny(solver, a, b));
            Assert.Equal("b", exception.ParamName);
        }
    }

    [Theory]
    [MemberData(nameof(AllSolvers))]
    public void ZeroRightHandSideGivesTheZeroSolution(string solver)
    {
        var a = RandomSpd(5, seed: 72);

        var result = RunAny(solver, a, new double[5], new LinearSolveOptions { InitialGuess = Ones(5) });

        Assert.True(result.Converged);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(0, result.Residual);
        Assert.Equal(new double[5], result.Solution);
    }

    [Theory]
    [MemberData(nameof(AllSolvers))]
    public void EmptySystemIsSolved(string solver)
    {
        var result = RunAny(solver, new double[0, 0], Array.Empty<double>());

        Assert.True(result.Converged);
        Assert.Empty(result.Solution);
    }

    [Theory]
    [MemberData(nameof(IterativeSolver.All), MemberType = typeof(IterativeSolver))]
    public void NaNFromTheOperatorIsReportedAsNonFinite(string solver)
    {
        var a = RandomSpd(12, seed: 82);
        var calls = 0;
        MatVec broken = (v, result) =>
        {
            MatVecOf(a)(v, result);
            if (++calls == 3)
            {
                result[4] = double.NaN;
            }
        };

        var result = IterativeSolver.Run(solver, broken, TransposedMatVecOf(a), RandomVector(12, seed: 83));

        Assert.False(result.Converged);
        Assert.Equal(LinearSolveStatus.NonFinite, result.Status);
        Assert.All(result.Solution, value => Assert.True(double.IsFinite(value)));
    }

    [Fact]
    public void NullOperatorsAreNamed()
    {
        var b = Ones(3);
        Assert.Equal("matvec", Assert.Throws<ArgumentNullException>(() => LinearSolve.ConjugateGradient(null!, b)).ParamName);
        Assert.Equal("matvec", Assert.Throws<ArgumentNullException>(() => LinearSolve.Gmres(null!, b)).ParamName);
        Assert.Equal("matvec", Assert.Throws<ArgumentNullException>(() => LinearSolve.BiCgStab(null!, b)).ParamName);
        Assert.Equal("matvec", Assert.Throws<ArgumentNullException>(() => LinearSolve.NormalCg(null!, Identity, b)).ParamName);
        Assert.Equal("transposedMatvec", Assert.Throws<ArgumentNullException>(() => LinearSolve.NormalCg(Identity, null!, b)).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentNullException>(() => LinearSolve.DenseLu((double[,])null!, b)).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentNullException>(() => LinearSolve.DenseCholesky((double[,])null!, b)).ParamName);
    }

    [Theory]
    [MemberData(nameof(IterativeSolver.All), MemberType = typeof(IterativeSolver))]
    public void OptionsOfTheWrongLengthNameOptions(string solver)
    {
        var a = RandomSpd(4, seed: 73);
        var b = Ones(4);

        foreach (var options in new[]
                 {
                     new LinearSolveOptions { InitialGuess = Ones(3) },
                     new LinearSolveOptions { JacobiDiagonal = Ones(5) },
                     new LinearSolveOptions { InitialGuess = new[] { 0, double.NaN, 0, 0 } },
                     new LinearSolveOptions { JacobiDiagonal = Ones(4), Preconditioner = Identity },
                     new LinearSolveOptions { JacobiDiagonal = new[] { 1.0, 0, 1, 1 } },
                 })
        {
            var exception = Assert.Throws<ArgumentException>(() => IterativeSolver.Run(solver, a, b, options));
            Assert.Equal("options", exception.ParamName);
        }
    }

    [Fact]
    public void ConjugateGradientNeedsAPositiveJacobiDiagonal()
    {
        var a = RandomSpd(3, seed: 74);
        var options = new LinearSolveOptions { JacobiDiagonal = new[] { 1.0, -1, 1 } };

        Assert.Equal("options", Assert.Throws<ArgumentException>(() => LinearSolve.ConjugateGradient(MatVecOf(a), Ones(3), options)).ParamName);
        Assert.True(LinearSolve.Gmres(MatVecOf(a), Ones(3), options).Converged); // GMRES only needs it nonzero
    }

    [Fact]
    public void DenseMatricesOfTheWrongShapeOrWithNaNNameMatrix()
    {
        var b = Ones(3);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => LinearSolve.DenseLu(new double[3, 4], b)).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => LinearSolve.DenseCholesky(new double[2, 2], b)).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => LinearSolve.DenseLu(new double[8], b)).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => LinearSolve.DenseCholesky(new double[10], b)).ParamName);
        var withNaN = RandomSpd(3, seed: 75);
        withNaN[1, 2] = double.NaN;
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => LinearSolve.DenseLu(withNaN, b)).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => LinearSolve.DenseCholesky(withNaN, b)).ParamName);
    }

    [Fact]
    public void InvalidOptionValuesNameTheProperty()
    {
        Assert.Equal("Tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSolveOptions { Tolerance = 0 }).ParamName);
        Assert.Equal("Tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSolveOptions { Tolerance = double.NaN }).ParamName);
        Assert.Equal("MaxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSolveOptions { MaxIterations = 0 }).ParamName);
        Assert.Equal("Restart", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSolveOptions { Restart = 0 }).ParamName);
        Assert.Equal("Ridge", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSolveOptions { Ridge = -1 }).ParamName);
        Assert.Equal("Ridge", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSolveOptions { Ridge = double.PositiveInfinity }).ParamName);
    }

    [Fact]
    public void DefaultsAreDocumentedValues()
    {
        var options = LinearSolveOptions.Default;
        Assert.Equal(1e-10, options.Tolerance);
        Assert.Null(options.MaxIterations);
        Assert.Equal(30, options.Restart);
        Assert.Equal(0, options.Ridge);
        Assert.Null(options.JacobiDiagonal);
        Assert.Null(options.Preconditioner);
        Assert.Null(options.InitialGuess);
    }

    [Fact]
    public void DefaultIterationLimitIsTenTimesTheSizeWithAFloorOfOneHundred()
    {
        var slowForever = FromSpectrum(GeometricSpectrum(8, 1e12), seed: 76);
        var b = RandomVector(8, seed: 77);

        // Each GMRES(1) cycle costs one iteration, and with κ = 1e12 it cannot finish in 100.
        var small = LinearSolve.Gmres(MatVecOf(slowForever), b, new LinearSolveOptions { Restart = 1 });
        Assert.Equal(LinearSolveStatus.MaxIterations, small.Status);
        Assert.Equal(100, small.Iterations);

        var big = FromSpectrum(GeometricSpectrum(30, 1e12), seed: 78);
        var large = LinearSolve.Gmres(MatVecOf(big), RandomVector(30, seed: 79), new LinearSolveOptions { Restart = 1 });
        Assert.Equal(LinearSolveStatus.MaxIterations, large.Status);
        Assert.Equal(300, large.Iterations);
    }

    [Fact]
    public void ToStringIsReadableAndCultureInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var result = new LinearSolveResult("Gmres", new double[2], 12, 1.25e-11, LinearSolveStatus.Converged, "fine.");

            Assert.Equal("Gmres: Converged after 12 iterations, relative residual 1.25E-011. fine.", result.ToString());
            Assert.True(result.Converged);
            Assert.False(new LinearSolveResult("Gmres", new double[2], 1, 0.5, LinearSolveStatus.MaxIterations, "x").Converged);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [MemberData(nameof(IterativeSolver.All), MemberType = typeof(IterativeSolver))]
    public void IterationsAllocateNothing(string solver)
    {
        // Same system, 5 versus 60 iterations: if anything were allocated per iteration the totals would differ.
        var a = FromSpectrum(GeometricSpectrum(64, 1e6), seed: 80);
        var matvec = MatVecOf(a);
        var transposed = TransposedMatVecOf(a);
        var b = RandomVector(64, seed: 81);
        var few = new LinearSolveOptions { MaxIterations = 5, Tolerance = 1e-15 };
        var many = new LinearSolveOptions { MaxIterations = 60, Tolerance = 1e-15, Restart = 10 };
        few = few with { Restart = 10 };

        IterativeSolver.Run(solver, matvec, transposed, b, many); // warm up the pool and the JIT
        IterativeSolver.Run(solver, matvec, transposed, b, few);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var fewResult = IterativeSolver.Run(solver, matvec, transposed, b, few);
        var middle = GC.GetAllocatedBytesForCurrentThread();
        var manyResult = IterativeSolver.Run(solver, matvec, transposed, b, many);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(manyResult.Iterations > 5 * fewResult.Iterations / 2, $"{manyResult.Iterations} vs {fewResult.Iterations}");
        Assert.Equal(middle - before, after - middle);
    }
}
