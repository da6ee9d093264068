using System.Globalization;
using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

/// <summary>Bad input throws naming the parameter; failures during a run come back as statuses, never as silent NaN.</summary>
public class FailureTests
{
    public static TheoryData<string> Methods => new()
    {
        "Lbfgs", "GradientDescent", "NewtonCg", "ProjectedGradient", "ProximalGradient", "Iterate", "Anderson", "GaussNewton", "LevenbergMarquardt",
    };

    /// <summary>
    /// Runs one solver on f. Fixed-point methods get T(x) = x − ∇f(x)/4; least-squares methods get r = ∇f/2 with
    /// J = ∇²f/2 (so their minimisers are f's stationary points).
    /// </summary>
    private static OptimizationResult Run(string method, ValueAndGradient f, HessianVectorProduct hvp, double[] x0, SolverOptions? options = null)
    {
        double[] g = new double[x0.Length];
        void Map(ReadOnlySpan<double> x, Span<double> result)
        {
            f(x, g);
            for (int i = 0; i < x.Length; i++)
            {
                result[i] = x[i] - 0.25 * g[i];
            }
        }

        void Residual(ReadOnlySpan<double> x, Span<double> r)
        {
            f(x, r);
            for (int i = 0; i < r.Length; i++)
            {
                r[i] *= 0.5;
            }
        }

        void HalfHessian(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> r)
        {
            hvp(x, v, r);
            for (int i = 0; i < r.Length; i++)
            {
                r[i] *= 0.5;
            }
        }

        return method switch
        {
            "Lbfgs" => Minimize.Lbfgs(f, x0, options),
            "GradientDescent" => Minimize.GradientDescent(f, x0, options),
            "NewtonCg" => Minimize.NewtonCg(f, hvp, x0, options),
            "ProjectedGradient" => Minimize.ProjectedGradient(f, Projections.Box(-100, 100), x0, options),
            "ProximalGradient" => Minimize.ProximalGradient(f, Proximal.Zero(), x0, options),
            "Iterate" => FixedPoint.Iterate(Map, x0, options),
            "Anderson" => FixedPoint.Anderson(Map, x0, 3, options),
            "GaussNewton" => LeastSquares.GaussNewton(Residual, HalfHessian, HalfHessian, Math.Max(1, x0.Length), x0, options),
            "LevenbergMarquardt" => LeastSquares.LevenbergMarquardt(Residual, HalfHessian, HalfHessian, Math.Max(1, x0.Length), x0, options),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }

    private static void QuadraticHessian(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < v.Length; i++)
        {
            result[i] = 2 * v[i];
        }
    }

    private static double Quadratic(ReadOnlySpan<double> x, Span<double> g)
    {
        double v = 0;
        for (int i = 0; i < x.Length; i++)
        {
            g[i] = 2 * (x[i] - i);
            v += (x[i] - i) * (x[i] - i);
        }

        return v + 1;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void NonFiniteStartingPoint_ThrowsNamingX0(string method)
    {
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => Run(method, Quadratic, QuadraticHessian, new[] { 1.0, double.NaN })).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => Run(method, Quadratic, QuadraticHessian, new[] { double.PositiveInfinity, 1.0 })).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => Run(method, Quadratic, QuadraticHessian, Array.Empty<double>())).ParamName);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void NaNObjective_IsReportedAsNonFiniteValue(string method)
    {
        static double NaN(ReadOnlySpan<double> x, Span<double> g)
        {
            g.Fill(double.NaN);
            return double.NaN;
        }

        OptimizationResult result = Run(method, NaN, QuadraticHessian, new[] { 1.0, 2.0 });

        Assert.Equal(OptimizationStatus.NonFiniteValue, result.Status);
        Assert.False(result.Converged);
        Assert.All(result.Solution, v => Assert.True(double.IsFinite(v)));
        Assert.Contains("NaN", result.Message);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void IterationLimit_IsReportedAsMaxIterationsReached(string method)
    {
        // Rosenbrock: no method solves it in two iterations.
        OptimizationResult result = Run(
            method, Rosenbrock.ValueAndGradient, Rosenbrock.HessianVectorProduct, new[] { -1.2, 1.0, -1.2 }, new SolverOptions { Tolerance = 0, MaxIterations = 2 });

        Assert.Equal(OptimizationStatus.MaxIterationsReached, result.Status);
        Assert.False(result.Converged);
        Assert.Equal(2, result.Iterations);
        Assert.All(result.Solution, v => Assert.True(double.IsFinite(v)));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void SameQuadratic_ConvergesToItsMinimum(string method)
    {
        OptimizationResult result = Run(method, Quadratic, QuadraticHessian, new[] { 10.0, -10.0, 5.0 });

        Check.Converged(result);
        Check.Close(new[] { 0.0, 1, 2 }, result.Solution, 1e-6);
    }

    [Theory]
    [InlineData("Lbfgs")]
    [InlineData("GradientDescent")]
    [InlineData("ProjectedGradient")]
    [InlineData("ProximalGradient")]
    public void GradientThatDoesNotMatchTheObjective_IsReportedAsLineSearchFailed(string method)
    {
        // The "gradient" points uphill: no step along −g can decrease f.
        static double Wrong(ReadOnlySpan<double> x, Span<double> g)
        {
            double v = Quadratic(x, g);
            for (int i = 0; i < g.Length; i++)
            {
                g[i] = -g[i];
            }

            return v;
        }

        OptimizationResult result = Run(method, Wrong, QuadraticHessian, new[] { 10.0, -10.0, 5.0 });

        Assert.Equal(OptimizationStatus.LineSearchFailed, result.Status);
        Assert.False(result.Converged);
        Check.Close(new[] { 10.0, -10.0, 5.0 }, result.Solution, 0);
    }

    [Fact]
    public void NullFunctions_ThrowNamingTheParameter()
    {
        double[] x0 = { 1.0 };
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Minimize.Lbfgs(null!, x0)).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Minimize.GradientDescent(null!, x0)).ParamName);
        Assert.Equal("hessianVectorProduct", Assert.Throws<ArgumentNullException>(() => Minimize.NewtonCg(Quadratic, null!, x0)).ParamName);
        Assert.Equal("projection", Assert.Throws<ArgumentNullException>(() => Minimize.ProjectedGradient(Quadratic, null!, x0)).ParamName);
        Assert.Equal("smooth", Assert.Throws<ArgumentNullException>(() => Minimize.ProximalGradient(null!, Proximal.Zero(), x0)).ParamName);
        Assert.Equal("prox", Assert.Throws<ArgumentNullException>(() => Minimize.ProximalGradient(Quadratic, null!, x0)).ParamName);
        Assert.Equal("map", Assert.Throws<ArgumentNullException>(() => FixedPoint.Iterate(null!, x0)).ParamName);
    }

    [Fact]
    public void InvalidOptions_ThrowNamingTheSetting()
    {
        Assert.Equal("Tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new SolverOptions { Tolerance = -1 }).ParamName);
        Assert.Equal("Tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new SolverOptions { Tolerance = double.NaN }).ParamName);
        Assert.Equal("MaxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new SolverOptions { MaxIterations = -1 }).ParamName);
        Assert.Equal("HistorySize", Assert.Throws<ArgumentOutOfRangeException>(() => new SolverOptions { HistorySize = 0 }).ParamName);
        Assert.Equal("ArmijoConstant", Assert.Throws<ArgumentOutOfRangeException>(() => new SolverOptions { ArmijoConstant = 0.5 }).ParamName);
        Assert.Equal("CurvatureConstant", Assert.Throws<ArgumentOutOfRangeException>(() => new SolverOptions { CurvatureConstant = 1 }).ParamName);
        Assert.Equal("BacktrackingFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new SolverOptions { BacktrackingFactor = 0 }).ParamName);
        Assert.Equal("InitialStepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new SolverOptions { InitialStepSize = 0 }).ParamName);
        Assert.Equal("MaxInnerIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new SolverOptions { MaxInnerIterations = 0 }).ParamName);
        Assert.Equal("MaxLineSearchSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new SolverOptions { MaxLineSearchSteps = 0 }).ParamName);

        var inconsistent = new SolverOptions { ArmijoConstant = 0.3, CurvatureConstant = 0.2 };
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Minimize.Lbfgs(Quadratic, new[] { 1.0 }, inconsistent)).ParamName);
    }

    [Fact]
    public void EnsureConverged_ThrowsOptimizationException_CarryingTheResult()
    {
        OptimizationResult failed = Minimize.Lbfgs(Rosenbrock.ValueAndGradient, new[] { -1.2, 1.0 }, new SolverOptions { MaxIterations = 1 });
        OptimizationResult ok = Minimize.Lbfgs(Rosenbrock.ValueAndGradient, new[] { -1.2, 1.0 });

        var exception = Assert.Throws<OptimizationException>(() => failed.EnsureConverged());
        Assert.Same(failed, exception.Result);
        Assert.Equal(OptimizationStatus.MaxIterationsReached, exception.Status);
        Assert.Equal(failed.ToString(), exception.Message);
        Assert.Same(ok, ok.EnsureConverged());
    }

    [Fact]
    public void ToString_IsReadableAndCultureInvariant()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            OptimizationResult result = Minimize.Lbfgs(Rosenbrock.ValueAndGradient, new[] { -1.2, 1.0 });
            string text = result.ToString();

            Assert.StartsWith("L-BFGS: Converged after ", text);
            Assert.Contains("value = ", text);
            Assert.Contains(result.Value.ToString("E10", CultureInfo.InvariantCulture), text);
            Assert.DoesNotContain(",0", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
