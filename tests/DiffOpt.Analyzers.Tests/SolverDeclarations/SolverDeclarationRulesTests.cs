using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Signatures;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>What <see cref="SolverDeclarationRules.Check"/> hands the generator: the bound methods, the condition kind, θ and the options.</summary>
public sealed class SolverDeclarationRulesTests
{
    private static readonly string Problem = Sources.WithoutMarkup(InRidge(Objective + Stationarity + ProxStep + """
            [Differentiable]
            public static void Box(ReadOnlySpan<double> x, Span<double> projected) => projected[0] = Math.Max(x[0], 0);

            [Differentiable]
            public static void L1(ReadOnlySpan<double> x, double step, double lambda, double[] X, double[] y, int d, Span<double> result) => result[0] = x[0] / (1 + step * lambda);

            [Optimize(nameof(Objective))]
            [ImplicitDiff]
            public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

            [Optimize(nameof(Objective), Solver = Solver.NewtonCg)]
            public static partial OptimizationResult FitResult(double[] w0, double lambda, double[] X, double[] y, int d);

            [Differentiable]
            public static void ProjectedStep(ReadOnlySpan<double> x, double lambda, double[] X, double[] y, int d, Span<double> next) => next[0] = Math.Max(x[0] - lambda * x[0], 0);

            [Optimize(nameof(Objective), Projection = nameof(Box))]
            [ImplicitDiff(FixedPoint = nameof(ProjectedStep))]
            public static partial double[] FitBox(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

            [Optimize(nameof(Objective), Prox = nameof(L1))]
            [ImplicitDiff(nameof(Stationarity))]
            public static partial double[] FitSparse(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

            [ImplicitDiff(nameof(Stationarity))]
            public static double[] Direct(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => w0.ToArray();

            [ImplicitDiff(FixedPoint = nameof(ProxStep))]
            public static double[] LassoSolve(ReadOnlySpan<double> w0, double alpha, double[] X, double[] y, int d) => w0.ToArray();

            public static double[] NotASolver(ReadOnlySpan<double> w0) => w0.ToArray();
        """));

    [Fact]
    public async Task Generated_solver_binds_its_objective_the_gradient_condition_theta_and_options()
    {
        var fit = await SolverRulesRunner.CheckAsync(Problem, "Ridge", "Fit");

        Assert.True(fit.IsValid);
        Assert.Empty(fit.Diagnostics);
        Assert.Equal("Objective", fit.Objective?.Name);
        Assert.Null(fit.Condition);
        Assert.Equal(ImplicitConditionKind.ObjectiveGradient, fit.ConditionKind);
        Assert.Equal(["lambda", "X", "y", "d"], fit.Parameters.Select(p => p.Name));
        Assert.Equal("options", fit.Options?.Name);
        Assert.False(fit.ReturnsResult);
        Assert.NotNull(fit.ImplicitDiff);
    }

    [Fact]
    public async Task Result_returning_solver_without_ImplicitDiff_has_no_condition()
    {
        var fit = await SolverRulesRunner.CheckAsync(Problem, "Ridge", "FitResult");

        Assert.True(fit.IsValid);
        Assert.True(fit.ReturnsResult);
        Assert.Null(fit.Options);
        Assert.Null(fit.ImplicitDiff);
        Assert.Equal(ImplicitConditionKind.None, fit.ConditionKind);
    }

    [Fact]
    public async Task Constrained_solvers_bind_their_projection_or_prox_and_their_named_condition()
    {
        var box = await SolverRulesRunner.CheckAsync(Problem, "Ridge", "FitBox");
        var sparse = await SolverRulesRunner.CheckAsync(Problem, "Ridge", "FitSparse");

        Assert.True(box.IsValid);
        Assert.Equal("Box", box.Projection?.Name);
        Assert.Equal("ProjectedStep", box.Condition?.Name);
        Assert.Equal(ImplicitConditionKind.FixedPoint, box.ConditionKind);
        Assert.True(sparse.IsValid);
        Assert.Equal("L1", sparse.Prox?.Name);
        Assert.Equal("Stationarity", sparse.Condition?.Name);
        Assert.Equal(ImplicitConditionKind.Root, sparse.ConditionKind);
    }

    [Fact]
    public async Task Hand_written_solvers_bind_a_root_condition_or_a_fixed_point_map()
    {
        var direct = await SolverRulesRunner.CheckAsync(Problem, "Ridge", "Direct");
        var lasso = await SolverRulesRunner.CheckAsync(Problem, "Ridge", "LassoSolve");

        Assert.True(direct.IsValid);
        Assert.Null(direct.Optimize);
        Assert.Equal(ImplicitConditionKind.Root, direct.ConditionKind);
        Assert.Equal("Stationarity", direct.Condition?.Name);
        Assert.True(lasso.IsValid);
        Assert.Equal(ImplicitConditionKind.FixedPoint, lasso.ConditionKind);
        Assert.Equal("ProxStep", lasso.Condition?.Name);
        Assert.Equal(["alpha", "X", "y", "d"], lasso.Parameters.Select(p => p.Name));
    }

    [Fact]
    public async Task A_method_without_the_attributes_is_not_a_solver()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => SolverRulesRunner.CheckAsync(Problem, "Ridge", "NotASolver"));
    }

    [Fact]
    public async Task Invalid_declaration_is_invalid_for_the_generator_and_says_why()
    {
        var source = Problem.Replace("public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X,", "public static partial double[] Fit(ReadOnlySpan<double> w0, float lambda, double[] X,", StringComparison.Ordinal);
        var fit = await SolverRulesRunner.CheckAsync(source, "Ridge", "Fit");

        Assert.False(fit.IsValid);
        Assert.Equal(["DOPT0015", "DOPT0014"], fit.Diagnostics.Select(d => d.Id));
    }
}
