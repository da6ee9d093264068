using DiffOpt.Analyzers.Tests.Infrastructure;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>The declarations of issue 5 (and the variations the contract allows) get no DOPT0013–DOPT0019.</summary>
public sealed class ValidSolverDeclarationTests
{
    [Fact]
    public Task Generated_solver_with_the_gradient_condition_reports_nothing()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective))]
                [ImplicitDiff]
                public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);
            """);
        return SolverVerifier.VerifyValidAsync(source);
    }

    [Fact]
    public Task Array_initial_point_result_return_options_and_every_setting_report_nothing()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective), Solver = Solver.NewtonCg)]
                [ImplicitDiff(LinearSolver = LinearSolver.DenseCholesky, LinearSolverTolerance = 1e-12, LinearSolverMaxIterations = 50)]
                public static partial OptimizationResult FitWithReport(double[] w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

                [Optimize(nameof(Objective), Solver = Solver.GradientDescent)]
                internal static partial double[] FitWithoutImplicitDiff(ReadOnlySpan<double> start, double strength, double[] data, double[] targets, int columns, SolverOptions options);
            """);
        return SolverVerifier.VerifyValidAsync(source);
    }

    [Fact]
    public Task Hand_written_solver_with_a_named_condition_reports_nothing()
    {
        var source = InRidge(Objective + Stationarity + """
                [ImplicitDiff(nameof(Stationarity))]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d)
            """ + HandWrittenBody + """

                [Optimize(nameof(Objective))]
                [ImplicitDiff(nameof(Stationarity), LinearSolver = LinearSolver.Gmres)]
                public static partial double[] FitWithNamedCondition(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);
            """);
        return SolverVerifier.VerifyValidAsync(source);
    }

    [Fact]
    public Task Hand_written_solver_with_a_fixed_point_map_reports_nothing()
    {
        var source = InRidge(ProxStep + """
                [ImplicitDiff(FixedPoint = nameof(ProxStep))]
                public static double[] LassoSolve(ReadOnlySpan<double> w0, double alpha, double[] X, double[] y, int d)
            """ + HandWrittenBody + """

                [ImplicitDiff(FixedPoint = nameof(ProxStep), LinearSolver = LinearSolver.BiCgStab)]
                public static double[] LassoSolveFromArray(double[] w0, double alpha, double[] X, double[] y, int d) => (double[])w0.Clone();
            """);
        return SolverVerifier.VerifyValidAsync(source);
    }

    [Fact]
    public Task Constrained_solvers_with_differentiable_projection_and_prox_report_nothing()
    {
        var source = InRidge(Objective + """
                [Differentiable]
                public static void {|DOPT0012:Box|}(ReadOnlySpan<double> x, Span<double> projected)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        projected[i] = Math.Clamp(x[i], 0, 1);
                    }
                }

                [Differentiable]
                public static void {|DOPT0012:BoxFromData|}(ReadOnlySpan<double> x, double lambda, double[] X, double[] y, int d, Span<double> projected)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        projected[i] = Math.Clamp(x[i], -lambda, lambda);
                    }
                }

                [Differentiable]
                public static void {|DOPT0012:SoftThreshold|}(ReadOnlySpan<double> x, double step, Span<double> result)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        result[i] = x[i] > step ? x[i] - step : x[i] < -step ? x[i] + step : 0;
                    }
                }

                [Differentiable]
                public static void {|DOPT0012:SoftThresholdScaled|}(ReadOnlySpan<double> x, double step, double lambda, double[] X, double[] y, int d, Span<double> result)
                {
                    double t = step * lambda;
                    for (int i = 0; i < x.Length; i++)
                    {
                        result[i] = x[i] > t ? x[i] - t : x[i] < -t ? x[i] + t : 0;
                    }
                }

                [Differentiable]
                public static void {|DOPT0012:ProjectedStep|}(ReadOnlySpan<double> x, double lambda, double[] X, double[] y, int d, Span<double> next)
                {
                    for (int j = 0; j < d; j++)
                    {
                        next[j] = Math.Clamp(x[j] - lambda * x[j], 0, 1);
                    }
                }

                [Optimize(nameof(Objective), Projection = nameof(Box))]
                [ImplicitDiff(FixedPoint = nameof(ProjectedStep))]
                public static partial double[] FitInBox(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

                [Optimize(nameof(Objective), Projection = nameof(BoxFromData))]
                public static partial double[] FitInBoxFromData(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

                [Optimize(nameof(Objective), Prox = nameof(SoftThreshold))]
                public static partial OptimizationResult FitSparse(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);

                [Optimize(nameof(Objective), Prox = nameof(SoftThresholdScaled))]
                public static partial double[] FitSparseScaled(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);
            """);
        return SolverVerifier.VerifyValidAsync(source);
    }

    [Fact]
    public Task Instance_solvers_use_instance_objectives_and_conditions()
    {
        var source = """
            using System;
            using DiffOpt;

            public partial class Tuner
            {
                private double scale = 2;

                [Differentiable]
                public double {|DOPT0012:Scaled|}(ReadOnlySpan<double> x, double c) => scale * (x[0] - c) * (x[0] - c);

                [Differentiable]
                public void {|DOPT0012:ScaledStationarity|}(ReadOnlySpan<double> x, double c, Span<double> residual)
                {
                    residual[0] = 2 * scale * (x[0] - c);
                }

                [Optimize(nameof(Scaled))]
                [ImplicitDiff]
                public partial double[] Solve(ReadOnlySpan<double> x0, double c);

                [ImplicitDiff(nameof(ScaledStationarity))]
                public double[] SolveByHand(double[] x0, double c) => new[] { c };
            }
            """;
        return SolverVerifier.VerifyValidAsync(source);
    }

    [Fact]
    public async Task Validation_calling_Fit_and_its_gradient_get_no_solver_diagnostic()
    {
        // The outer loss of issue 5. Whether the call to Fit is differentiable is the lowering's business (DOPT0003 until
        // the implicit rule lands); the solver rules must say nothing about any of these declarations.
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective))]
                [ImplicitDiff]
                public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

                [Differentiable]
                public static double Validation(double logLambda, double[] X, double[] y, double[] XValid, double[] yValid, int d)
                {
                    var w = Fit(new double[d], Math.Exp(logLambda), X, y, d);
                    double loss = 0;
                    for (int i = 0; i < yValid.Length; i++)
                    {
                        double r = -yValid[i];
                        for (int j = 0; j < d; j++)
                        {
                            r += XValid[i * d + j] * w[j];
                        }

                        loss += r * r;
                    }

                    return loss;
                }

                [Gradient(nameof(Validation))]
                public static partial double ValidationGradient(double logLambda, double[] X, double[] y, double[] XValid, double[] yValid, int d, out double dLogLambda);
            """);

        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(Sources.WithoutMarkup(source));

        Assert.DoesNotContain(diagnostics, d => string.CompareOrdinal(d.Id, "DOPT0013") >= 0 && string.CompareOrdinal(d.Id, "DOPT0019") <= 0);
        Assert.Contains(diagnostics, d => d.Id == "DOPT0012" && d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == "Objective");
    }
}
