using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>
/// DOPT0014: the solver, its objective and its condition disagree. Each message names the parameter (position, name) and
/// the expected and actual types; solver parameters are reported on themselves, conditions on the attribute argument.
/// </summary>
public sealed class SolverSignatureTests
{
    private static DiagnosticResult Mismatch(int location, string message) =>
        new DiagnosticResult(DiagnosticDescriptors.SolverSignatureMismatch).WithLocation(location).WithArguments(message);

    [Fact]
    public Task Solver_parameter_of_the_wrong_type_is_reported_on_that_parameter()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective))]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double lambda, {|#0:ReadOnlySpan<double> X|}, double[] y, {|#1:double d|});
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Mismatch(0, "Parameter 3 of 'Fit' must have the type of parameter 3 'double[] X' of 'Objective', but is 'ReadOnlySpan<double> X'"),
            Mismatch(1, "Parameter 5 of 'Fit' must have the type of parameter 5 'int d' of 'Objective', but is 'double d'"));
    }

    [Fact]
    public Task Missing_and_extra_solver_parameters_are_reported()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective))]
                public static partial double[] {|CS8795:FitShort|}{|#0:(ReadOnlySpan<double> w0, double lambda, double[] X)|};

                [Optimize(nameof(Objective))]
                public static partial double[] {|CS8795:FitLong|}(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, {|#1:double extra|}, SolverOptions? options = null);
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Mismatch(0, "'FitShort' must take the parameters of 'Objective' after the initial point, in order: parameter 4 'double[] y' is missing"),
            Mismatch(1, "Parameter 6 'double extra' of 'FitLong' has no counterpart in 'Objective': after the initial point a solver takes exactly the objective's other parameters, then optionally 'SolverOptions? options'"));
    }

    [Fact]
    public Task Options_before_the_last_parameter_and_options_on_a_hand_written_solver_are_reported()
    {
        var source = InRidge(Objective + Stationarity + """
                [Optimize(nameof(Objective))]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, {|#0:SolverOptions options|}, double lambda, double[] X, double[] y, int d);

                [ImplicitDiff(nameof(Stationarity))]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, {|#1:SolverOptions? options|}) => new double[d];
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Mismatch(0, "Parameter 2 'SolverOptions options' of 'Fit' must be the last parameter: the solver's options come after every parameter of the objective"),
            Mismatch(1, "Parameter 6 'SolverOptions? options' of 'Direct': a hand-written solver takes no SolverOptions; only [Optimize] solvers take 'SolverOptions? options' last"));
    }

    [Fact]
    public Task Return_types_other_than_the_solution_or_the_result_are_reported_on_the_return_type()
    {
        var source = InRidge(Objective + Stationarity + """
                [Optimize(nameof(Objective))]
                public static partial {|#0:double|} {|CS8795:Fit|}(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

                [Optimize(nameof(Objective))]
                public static partial {|#1:float[]|} {|CS8795:FitSingle|}(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

                [ImplicitDiff(nameof(Stationarity))]
                public static {|#2:OptimizationResult|} Direct(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => throw new NotImplementedException();
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Mismatch(0, "'Fit' must return 'double[]' (the solution; OptimizationException when the solver does not converge) or 'OptimizationResult' (never throws), not 'double'"),
            Mismatch(1, "'FitSingle' must return 'double[]' (the solution; OptimizationException when the solver does not converge) or 'OptimizationResult' (never throws), not 'float[]'"),
            Mismatch(2, "'Direct' must return 'double[]', the solution, not 'OptimizationResult': [ImplicitDiff] differentiates the solution a hand-written solver returns"));
    }

    [Fact]
    public Task Solver_without_an_initial_point_is_reported_on_its_parameter_list()
    {
        var source = InRidge("""
                [Differentiable]
                public static double {|DOPT0012:Objective|}(ReadOnlySpan<double> w) => w[0] * w[0];

                [Optimize(nameof(Objective))]
                public static partial double[] {|CS8795:Fit|}{|#0:()|};
            """);
        return SolverVerifier.VerifyAsync(source, Mismatch(0, "'Fit' must take the initial point first: add 'ReadOnlySpan<double> x0'"));
    }

    [Fact]
    public Task Objective_that_does_not_return_a_double_is_reported()
    {
        var source = InRidge("""
                [Differentiable]
                public static float {|DOPT0012:Objective|}(ReadOnlySpan<double> w) => (float)(w[0] * w[0]);

                [Differentiable]
                public static void {|DOPT0012:Residuals|}(ReadOnlySpan<double> w, Span<double> r) => r[0] = w[0];

                [Optimize({|#0:nameof(Objective)|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0);

                [Optimize({|#1:nameof(Residuals)|})]
                public static partial double[] {|CS8795:FitResiduals|}(ReadOnlySpan<double> w0, {|#2:Span<double> r|});
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Mismatch(0, "The objective 'Objective' must return 'double', the value to minimise, not 'float'"),
            Mismatch(1, "The objective 'Residuals' must return 'double', the value to minimise, not 'void'"),
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedSolverType).WithLocation(2).WithArguments(
                "Parameter 2 'Span<double> r' of 'FitResiduals' cannot be passed through to the objective: a solver's parameters after the initial point are double, int, bool, double[], double[,] or ReadOnlySpan<double>, passed by value"));
    }

    [Fact]
    public Task Static_solver_with_an_instance_objective_and_instance_solver_with_a_static_condition_are_reported()
    {
        var source = """
            using System;
            using DiffOpt;

            public partial class Tuner
            {
                [Differentiable]
                public double {|DOPT0012:Objective|}(ReadOnlySpan<double> x, double c) => (x[0] - c) * (x[0] - c);

                [Differentiable]
                public static void {|DOPT0012:Stationarity|}(ReadOnlySpan<double> x, double c, Span<double> residual) => residual[0] = 2 * (x[0] - c);

                [Optimize({|#0:nameof(Objective)|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> x0, double c);

                [ImplicitDiff({|#1:nameof(Stationarity)|})]
                public double[] Direct(ReadOnlySpan<double> x0, double c) => new[] { c };
            }
            """;
        return SolverVerifier.VerifyAsync(
            source,
            Mismatch(0, "The objective 'Objective' must be static because 'Fit' is static"),
            Mismatch(1, "The condition 'Stationarity' must be an instance method because 'Direct' is an instance method"));
    }

    [Fact]
    public Task Generic_solver_is_reported_on_its_type_parameters()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective))]
                public static partial double[] {|CS8795:Fit|}{|#0:<T>|}(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);
            """);
        return SolverVerifier.VerifyAsync(source, Mismatch(0, "'Fit' cannot be generic: a solver has exactly the types of its objective"));
    }

    [Fact]
    public Task Condition_parameters_that_differ_from_the_solver_are_each_named()
    {
        var source = InRidge("""
                [Differentiable]
                public static void {|DOPT0012:Stationarity|}(ReadOnlySpan<double> w, float lambda, double[] X, Span<double> residual) => residual[0] = w[0] * lambda + X[0];

                [ImplicitDiff({|#0:nameof(Stationarity)|})]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => new double[d];
            """);
        const string Shape = "'[Differentiable] static void Stationarity(ReadOnlySpan<double> x, double lambda, double[] X, double[] y, int d, Span<double> residual)'";
        return SolverVerifier.VerifyAsync(
            source,
            Mismatch(0, "Parameter 2 of the condition 'Stationarity' must have the type of parameter 2 'double lambda' of 'Direct', but is 'float lambda'"),
            Mismatch(0, "The condition 'Stationarity' must take the parameters of 'Direct' after its initial point: parameter 4 'double[] y' is missing: " + Shape));
    }

    [Fact]
    public Task Condition_without_its_output_span_or_returning_a_value_is_reported()
    {
        var source = InRidge("""
                [Differentiable]
                public static double {|DOPT0012:Gap|}(ReadOnlySpan<double> w, double lambda) => w[0] - lambda;

                [Differentiable]
                public static void {|DOPT0012:Step|}(ReadOnlySpan<double> w, double lambda, Span<double> next, double extra) => next[0] = w[0] - lambda * extra;

                [ImplicitDiff({|#0:nameof(Gap)|})]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda) => new[] { lambda };

                [ImplicitDiff({|#1:FixedPoint = nameof(Step)|})]
                public static double[] Iterate(ReadOnlySpan<double> w0, double lambda) => new[] { lambda };
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Mismatch(0, "The condition 'Gap' must return void and write F(x, θ) into its last parameter: '[Differentiable] static void Gap(ReadOnlySpan<double> x, double lambda, Span<double> residual)'"),
            Mismatch(0, "The last parameter of the condition 'Gap' must be its output 'Span<double> residual', receiving the residual F(x, θ), but is 'double lambda': '[Differentiable] static void Gap(ReadOnlySpan<double> x, double lambda, Span<double> residual)'"),
            Mismatch(1, "The last parameter of the fixed-point map 'Step' must be its output 'Span<double> output', receiving T(x, θ), but is 'double extra': '[Differentiable] static void Step(ReadOnlySpan<double> x, double lambda, Span<double> output)'"),
            Mismatch(1, "Parameter 3 'Span<double> next' of the fixed-point map 'Step' has no counterpart in 'Iterate': '[Differentiable] static void Step(ReadOnlySpan<double> x, double lambda, Span<double> output)'"),
            Mismatch(1, "Parameter 4 'double extra' of the fixed-point map 'Step' has no counterpart in 'Iterate': '[Differentiable] static void Step(ReadOnlySpan<double> x, double lambda, Span<double> output)'"));
    }

    [Fact]
    public Task Non_differentiable_decision_variable_of_an_objective_is_reported()
    {
        var source = InRidge("""
                [Differentiable]
                public static double {|DOPT0012:Objective|}([NonDifferentiable] ReadOnlySpan<double> w, double lambda) => w[0] * w[0] * lambda;

                [Optimize({|#0:nameof(Objective)|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double lambda);
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Mismatch(0, "The decision variable 'w' of 'Objective' is marked [NonDifferentiable]: the solver needs the objective's gradient in it"));
    }

    [Fact]
    public Task Non_differentiable_solution_parameter_of_a_condition_is_reported()
    {
        var source = InRidge("""
                [Differentiable]
                public static void {|DOPT0012:Stationarity|}([NonDifferentiable] ReadOnlySpan<double> w, double lambda, Span<double> residual) => residual[0] = w[0] - lambda;

                [ImplicitDiff({|#0:nameof(Stationarity)|})]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda) => new[] { lambda };
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Mismatch(0, "The solution parameter 'w' of the condition 'Stationarity' is marked [NonDifferentiable]: implicit differentiation needs the condition's derivative in the solution"));
    }
}
