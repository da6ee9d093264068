using DiffOpt.Solvers;

namespace DiffOpt.Tests.LinearAlgebra;

/// <summary>Runs one of the matrix-free solvers on an explicit test matrix, so theories can cover all four.</summary>
internal static class IterativeSolver
{
    public const string Cg = nameof(LinearSolve.ConjugateGradient);
    public const string NormalCg = nameof(LinearSolve.NormalCg);
    public const string Gmres = nameof(LinearSolve.Gmres);
    public const string BiCgStab = nameof(LinearSolve.BiCgStab);

    public static TheoryData<string> All => new() { Cg, NormalCg, Gmres, BiCgStab };

    /// <summary>The solvers that handle nonsymmetric matrices.</summary>
    public static TheoryData<string> General => new() { NormalCg, Gmres, BiCgStab };

    public static LinearSolveResult Run(string solver, double[,] a, double[] b, LinearSolveOptions? options = null) => solver switch
    {
        Cg => LinearSolve.ConjugateGradient(TestSystems.MatVecOf(a), b, options),
        NormalCg => LinearSolve.NormalCg(TestSystems.MatVecOf(a), TestSystems.TransposedMatVecOf(a), b, options),
        Gmres => LinearSolve.Gmres(TestSystems.MatVecOf(a), b, options),
        BiCgStab => LinearSolve.BiCgStab(TestSystems.MatVecOf(a), b, options),
        _ => throw new ArgumentOutOfRangeException(nameof(solver), solver, null),
    };

    public static LinearSolveResult Run(string solver, MatVec matvec, MatVec transposed, double[] b, LinearSolveOptions? options = null) => solver switch
    {
        Cg => LinearSolve.ConjugateGradient(matvec, b, options),
        NormalCg => LinearSolve.NormalCg(matvec, transposed, b, options),
        Gmres => LinearSolve.Gmres(matvec, b, options),
        BiCgStab => LinearSolve.BiCgStab(matvec, b, options),
        _ => throw new ArgumentOutOfRangeException(nameof(solver), solver, null),
    };

    /// <summary>
    /// The checks every successful solve must pass: converged, the reported residual equals one recomputed
    /// independently and meets the tolerance, and the solution matches the dense reference within
    /// <paramref name="maxRelativeError"/>.
    /// </summary>
    public static void AssertSolves(LinearSolveResult result, double[,] a, double[] b, double ridge, double tolerance, double maxRelativeError)
    {
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(LinearSolveStatus.Converged, result.Status);
        var residual = TestSystems.RelativeResidual(a, b, result.Solution, ridge);
        Assert.True(residual <= tolerance, $"independent residual {residual:E3} > tolerance {tolerance:E3}; {result}");
        Assert.Equal(residual, result.Residual, (1e-3 * residual) + TestSystems.ResidualEvaluationError(TestSystems.WithRidge(a, ridge), b, result.Solution));
        var reference = ReferenceSolver.Solve(TestSystems.WithRidge(a, ridge), b);
        var error = TestSystems.RelativeError(result.Solution, reference);
        Assert.True(error <= maxRelativeError, $"relative error vs dense reference {error:E3} > {maxRelativeError:E3}; {result}");
    }
}
