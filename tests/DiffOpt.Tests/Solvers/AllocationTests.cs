using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

/// <summary>
/// The iteration loops allocate nothing: a run of many iterations allocates exactly as much as a run of two (the
/// up-front buffers and the result). A behavioural check, not a timing; the benchmarks report the bytes.
/// </summary>
public class AllocationTests
{
    public static TheoryData<string> Methods => new()
    {
        "Lbfgs", "GradientDescent", "NewtonCg", "ProjectedGradient", "ProximalGradient", "Iterate", "Anderson", "GaussNewton", "LevenbergMarquardt",
    };

    private static readonly ValueAndGradient F = Rosenbrock.ValueAndGradient;
    private static readonly HessianVectorProduct H = Rosenbrock.HessianVectorProduct;
    private static readonly ResidualFunction R = Rosenbrock.Residual;
    private static readonly JacobianVectorProduct Jv = Rosenbrock.Jvp;
    private static readonly VectorJacobianProduct Vj = Rosenbrock.Vjp;
    private static readonly Projection Box = Projections.Box(-5, 5);
    private static readonly ProximalOperator L1 = Proximal.L1(1e-3);
    private static readonly FixedPointMap Map = SlowMap;
    private static readonly double[] Start = { -1.2, 1.0, -1.2, 1.0, -1.2, 1.0 };

    private static void SlowMap(ReadOnlySpan<double> x, Span<double> result)
    {
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = 0.999 * Math.Cos(x[i]) * (i + 1) / x.Length;
        }
    }

    private static OptimizationResult Run(string method, SolverOptions options) => method switch
    {
        "Lbfgs" => Minimize.Lbfgs(F, Start, options),
        "GradientDescent" => Minimize.GradientDescent(F, Start, options),
        "NewtonCg" => Minimize.NewtonCg(F, H, Start, options),
        "ProjectedGradient" => Minimize.ProjectedGradient(F, Box, Start, options),
        "ProximalGradient" => Minimize.ProximalGradient(F, L1, Start, options),
        "Iterate" => FixedPoint.Iterate(Map, Start, options),
        "Anderson" => FixedPoint.Anderson(Map, Start, 3, options),
        "GaussNewton" => LeastSquares.GaussNewton(R, Jv, Vj, 2 * (Start.Length - 1), Start, options),
        "LevenbergMarquardt" => LeastSquares.LevenbergMarquardt(R, Jv, Vj, 2 * (Start.Length - 1), Start, options),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    private static long Allocated(string method, SolverOptions options)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        OptimizationResult result = Run(method, options);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(OptimizationStatus.MaxIterationsReached, result.Status);
        return after - before;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void ManyIterations_AllocateNoMoreThanTwo(string method)
    {
        var shortRun = new SolverOptions { Tolerance = 0, MaxIterations = 2 };
        var longRun = new SolverOptions { Tolerance = 0, MaxIterations = 12 };
        var progressRun = longRun with { Progress = new NullProgress() };

        // Warm up (JIT, static initialisers), then measure.
        Allocated(method, shortRun);
        Allocated(method, longRun);
        Allocated(method, progressRun);
        long few = Allocated(method, shortRun);
        long many = Allocated(method, longRun);
        long withProgress = Allocated(method, progressRun);

        Assert.Equal(few, many);
        Assert.Equal(few, withProgress);
    }

    private sealed class NullProgress : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value)
        {
        }
    }
}
