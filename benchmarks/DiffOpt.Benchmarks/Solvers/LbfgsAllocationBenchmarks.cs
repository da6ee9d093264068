using BenchmarkDotNet.Attributes;
using DiffOpt.Solvers;

namespace DiffOpt.Benchmarks.Solvers;

/// <summary>
/// Allocation per iteration: L-BFGS on the breast-cancer problem with the tolerance off, run for 10 and for 40
/// iterations. Equal "Allocated" columns mean the iteration loop allocates 0 bytes (what is allocated is the
/// up-front work buffers, 2·history·n + 5n doubles, and the result).
/// </summary>
[MemoryDiagnoser]
public class LbfgsAllocationBenchmarks
{
    private ValueAndGradient _objective = null!;
    private double[] _start = null!;
    private SolverOptions _options = null!;

    [Params(10, 40)]
    public int Iterations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        LogisticProblem problem = LogisticProblem.BreastCancer();
        _objective = problem.ValueAndGradient;
        _start = new double[problem.Columns];
        _options = new SolverOptions { Tolerance = 0, MaxIterations = Iterations };
    }

    [Benchmark]
    public int FixedIterations() => Minimize.Lbfgs(_objective, _start, _options).Iterations;
}
