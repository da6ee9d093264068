using BenchmarkDotNet.Attributes;
using DiffOpt.Solvers;

namespace DiffOpt.Benchmarks.LinearAlgebra;

/// <summary>
/// The linear solvers on n = 1,000 matrix-free five-point operators (a 40×25 grid) and on a dense n = 200 system.
/// MemoryDiagnoser shows what one solve allocates: the solution array and the result, independent of the
/// iteration count (the work vectors come from ArrayPool).
/// </summary>
[MemoryDiagnoser]
public class LinearSolverBenchmarks
{
    private const int Rows = 40;
    private const int Columns = 25;

    private readonly LinearSolveOptions _options = new() { Tolerance = 1e-8, MaxIterations = 100_000 };
    private MatVec _laplacian = null!;
    private MatVec _scaledLaplacian = null!;
    private MatVec _convection = null!;
    private MatVec _convectionTransposed = null!;
    private double[] _scaledDiagonal = null!;
    private double[] _b = null!;
    private double[,] _dense = null!;
    private double[,] _denseSpd = null!;
    private double[] _denseB = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2024);
        var n = Rows * Columns;
        _b = new double[n];
        var scale = new double[n];
        for (var i = 0; i < n; i++)
        {
            _b[i] = (2 * random.NextDouble()) - 1;
            scale[i] = Math.Pow(10, (2 * random.NextDouble()) - 1); // S = diag(10^[-1, 1])
        }

        _laplacian = new GridOperators(Rows, Columns).AsMatVec();
        var scaled = new GridOperators(Rows, Columns, scale: scale);
        _scaledLaplacian = scaled.AsMatVec();
        _scaledDiagonal = scaled.Diagonal();
        var convection = new GridOperators(Rows, Columns, convection: 0.4);
        _convection = convection.AsMatVec();
        _convectionTransposed = convection.TransposedMatVec();

        const int denseSize = 200;
        _dense = new double[denseSize, denseSize];
        _denseSpd = new double[denseSize, denseSize];
        _denseB = new double[denseSize];
        for (var i = 0; i < denseSize; i++)
        {
            _denseB[i] = (2 * random.NextDouble()) - 1;
            for (var j = 0; j < denseSize; j++)
            {
                _dense[i, j] = (2 * random.NextDouble()) - 1;
            }
        }

        for (var i = 0; i < denseSize; i++)
        {
            for (var j = 0; j < denseSize; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < denseSize; k++)
                {
                    sum += _dense[k, i] * _dense[k, j];
                }

                _denseSpd[i, j] = (sum / denseSize) + (i == j ? 1 : 0);
            }
        }

        // Iteration counts are not timings; print them once so the report can quote them next to the times.
        Console.WriteLine($"// CG Laplacian: {ConjugateGradientLaplacian()}");
        Console.WriteLine($"// CG S·L·S: {ConjugateGradientScaled()}");
        Console.WriteLine($"// CG S·L·S Jacobi: {ConjugateGradientScaledJacobi()}");
        Console.WriteLine($"// GMRES(30) convection: {GmresConvection()}");
        Console.WriteLine($"// BiCGStab convection: {BiCgStabConvection()}");
        Console.WriteLine($"// NormalCg convection: {NormalCgConvection()}");
        Console.WriteLine($"// DenseLu 200: {DenseLu200()}");
        Console.WriteLine($"// DenseCholesky 200: {DenseCholesky200()}");
    }

    [Benchmark(Description = "CG, Laplacian n=1000")]
    public LinearSolveResult ConjugateGradientLaplacian() => LinearSolve.ConjugateGradient(_laplacian, _b, _options);

    [Benchmark(Description = "CG, S·L·S n=1000")]
    public LinearSolveResult ConjugateGradientScaled() => LinearSolve.ConjugateGradient(_scaledLaplacian, _b, _options);

    [Benchmark(Description = "CG+Jacobi, S·L·S n=1000")]
    public LinearSolveResult ConjugateGradientScaledJacobi() =>
        LinearSolve.ConjugateGradient(_scaledLaplacian, _b, _options with { JacobiDiagonal = _scaledDiagonal });

    [Benchmark(Description = "GMRES(30), convection n=1000")]
    public LinearSolveResult GmresConvection() => LinearSolve.Gmres(_convection, _b, _options);

    [Benchmark(Description = "BiCGStab, convection n=1000")]
    public LinearSolveResult BiCgStabConvection() => LinearSolve.BiCgStab(_convection, _b, _options);

    [Benchmark(Description = "NormalCg, convection n=1000")]
    public LinearSolveResult NormalCgConvection() => LinearSolve.NormalCg(_convection, _convectionTransposed, _b, _options);

    [Benchmark(Description = "DenseLu n=200")]
    public LinearSolveResult DenseLu200() => LinearSolve.DenseLu(_dense, _denseB);

    [Benchmark(Description = "DenseCholesky n=200")]
    public LinearSolveResult DenseCholesky200() => LinearSolve.DenseCholesky(_denseSpd, _denseB);
}
