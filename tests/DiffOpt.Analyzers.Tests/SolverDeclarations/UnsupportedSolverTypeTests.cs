using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>
/// DOPT0015: the variable a solver optimises (initial point, the objective's decision variable, the condition's solution) is
/// a <c>ReadOnlySpan&lt;double&gt;</c> or a <c>double[]</c>; the parameters passed through are types the front end maps.
/// </summary>
public sealed class UnsupportedSolverTypeTests
{
    private static DiagnosticResult Unsupported(int location, string message) =>
        new DiagnosticResult(DiagnosticDescriptors.UnsupportedSolverType).WithLocation(location).WithArguments(message);

    [Fact]
    public Task Scalar_decision_variable_and_initial_point_are_reported()
    {
        var source = InRidge("""
                [Differentiable]
                public static double {|DOPT0012:Parabola|}(double x, double c) => (x - c) * (x - c);

                [Optimize({|#0:nameof(Parabola)|})]
                public static partial double[] {|CS8795:Fit|}({|#1:double x0|}, double c);
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Unsupported(1, "The initial point 'double x0' of 'Fit' must be 'ReadOnlySpan<double>' or 'double[]': a scalar variable is not supported; optimise over a span of length 1"),
            Unsupported(0, "The decision variable 'double x' of 'Parabola' must be 'ReadOnlySpan<double>' or 'double[]': a scalar variable is not supported; optimise over a span of length 1"));
    }

    [Fact]
    public Task Float_span_and_writable_span_variables_are_reported()
    {
        var source = InRidge("""
                [Differentiable]
                public static double {|DOPT0012:Objective|}(ReadOnlySpan<float> w, double c) => (w[0] - c) * (w[0] - c);

                [Optimize({|#0:nameof(Objective)|})]
                public static partial double[] {|CS8795:Fit|}({|#1:Span<double> w0|}, double c);
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Unsupported(1, "The initial point 'Span<double> w0' of 'Fit' must be 'ReadOnlySpan<double>' or 'double[]', not 'Span<double>'"),
            Unsupported(0, "The decision variable 'ReadOnlySpan<float> w' of 'Objective' must be 'ReadOnlySpan<double>' or 'double[]': solvers work in double precision"));
    }

    [Fact]
    public Task Condition_with_a_scalar_solution_is_reported()
    {
        var source = InRidge("""
                [Differentiable]
                public static void {|DOPT0012:Stationarity|}(double x, double c, Span<double> residual) => residual[0] = x - c;

                [ImplicitDiff({|#0:nameof(Stationarity)|})]
                public static double[] Direct(ReadOnlySpan<double> x0, double c) => new[] { c };
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Unsupported(0, "The solution parameter 'double x' of the condition 'Stationarity' must be 'ReadOnlySpan<double>' or 'double[]': a scalar variable is not supported; optimise over a span of length 1"));
    }

    [Fact]
    public Task Parameters_the_front_end_cannot_pass_through_are_reported_on_the_solver()
    {
        var source = InRidge("""
                [Differentiable]
                public static void {|DOPT0012:Stationarity|}(ReadOnlySpan<double> x, double c, Span<double> residual) => residual[0] = x[0] - c;

                [ImplicitDiff({|#2:nameof(Stationarity)|})]
                public static double[] Direct(ReadOnlySpan<double> x0, double c, {|#0:string label|}, {|#1:ref double scale|}) => new[] { c };
            """);
        const string Shape = "'[Differentiable] static void Stationarity(ReadOnlySpan<double> x, double c, string label, ref double scale, Span<double> residual)'";
        return SolverVerifier.VerifyAsync(
            source,
            Unsupported(0, "Parameter 3 'string label' of 'Direct' cannot be passed through to the condition: a solver's parameters after the initial point are double, int, bool, double[], double[,] or ReadOnlySpan<double>, passed by value"),
            Unsupported(1, "Parameter 4 'ref double scale' of 'Direct' cannot be passed through to the condition: a solver's parameters after the initial point are double, int, bool, double[], double[,] or ReadOnlySpan<double>, passed by value"),
            new DiagnosticResult(DiagnosticDescriptors.SolverSignatureMismatch).WithLocation(2).WithArguments(
                "The condition 'Stationarity' must take the parameters of 'Direct' after its initial point: parameter 3 'string label' is missing: " + Shape));
    }
}
