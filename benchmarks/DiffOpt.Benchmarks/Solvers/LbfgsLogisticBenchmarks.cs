using System;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using DiffOpt.Solvers;

namespace DiffOpt.Benchmarks.Solvers;

/// <summary>
/// L-BFGS (default options: history 10, relative gradient tolerance 1e-8) on L2 logistic regression, from w = 0.
/// benchmarks/scipy/lbfgs_reference.py times SciPy's L-BFGS-B on the same data and objective. The iteration counts
/// are printed once per benchmark process (look for "[solvers]" in the log).
/// </summary>
[MemoryDiagnoser]
public class LbfgsLogisticBenchmarks
{
    private LogisticProblem _problem = null!;
    private ValueAndGradient _objective = null!;
    private double[] _start = null!;

    /// <summary>breast-cancer: 569 × 31; synthetic: 100,000 × 100.</summary>
    [Params("breast-cancer", "synthetic-100k")]
    public string Problem { get; set; } = "breast-cancer";

    [GlobalSetup]
    public void Setup()
    {
        _problem = Problem == "breast-cancer" ? LogisticProblem.BreastCancer() : LogisticProblem.Synthetic(100_000, 100);
        _objective = _problem.ValueAndGradient;
        _start = new double[_problem.Columns];
        OptimizationResult result = Minimize.Lbfgs(_objective, _start);
        var (features, labels) = _problem.Checksum();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[solvers] {Problem}: {result}; checksum features {features:R}, labels {labels:R}"));
    }

    /// <summary>A full solve.</summary>
    [Benchmark]
    public double Solve() => Minimize.Lbfgs(_objective, _start).Value;

    /// <summary>One objective-and-gradient evaluation, the unit of cost of a solve.</summary>
    [Benchmark]
    public double Evaluate() => _objective(_start, _gradient ??= new double[_problem.Columns]);

    private double[]? _gradient;
}
