using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>DOPT0013: the objective, condition or fixed-point map an attribute names is not one [Differentiable] method of the type.</summary>
public sealed class SolverTargetTests
{
    private static DiagnosticResult Target(int location, string message) =>
        new DiagnosticResult(DiagnosticDescriptors.SolverTargetNotDifferentiable).WithLocation(location).WithArguments(message);

    [Fact]
    public Task Objective_that_is_not_differentiable_is_reported_on_the_attribute_argument()
    {
        var source = InRidge("""
                public static double Objective(ReadOnlySpan<double> w, double lambda) => w[0] * w[0] + lambda;

                [Optimize({|#0:nameof(Objective)|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double lambda);
            """);
        return SolverVerifier.VerifyAsync(source, Target(0, "The objective 'Objective' of 'Fit' is not marked [Differentiable]: add the attribute so its derivatives can be generated"));
    }

    [Fact]
    public Task Objective_name_that_names_no_method_is_reported()
    {
        var source = InRidge("""
                [Optimize({|#0:"Missing"|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double lambda);
            """);
        return SolverVerifier.VerifyAsync(source, Target(0, "'Missing' names no method of 'Ridge': [Optimize] needs nameof(F) of a [Differentiable] method of the same type that returns the double to minimise"));
    }

    [Fact]
    public Task Overloaded_objective_is_reported_because_the_solver_could_not_tell_which()
    {
        var source = InRidge("""
                [Differentiable]
                public static double {|DOPT0012:Objective|}(ReadOnlySpan<double> w, double lambda) => w[0] * w[0] + lambda;

                [Differentiable]
                public static double {|DOPT0012:Objective|}(ReadOnlySpan<double> w) => w[0] * w[0];

                [Optimize({|#0:nameof(Objective)|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double lambda);
            """);
        return SolverVerifier.VerifyAsync(source, Target(0, "The objective 'Objective' of 'Fit' is overloaded: name a [Differentiable] method with one overload"));
    }

    [Fact]
    public Task Condition_and_fixed_point_map_that_are_not_differentiable_are_reported_on_their_arguments()
    {
        var source = InRidge("""
                public static void Stationarity(ReadOnlySpan<double> w, double lambda, Span<double> residual) => residual[0] = w[0] + lambda;

                public static void Step(ReadOnlySpan<double> w, double lambda, Span<double> next) => next[0] = w[0] - lambda;

                [ImplicitDiff({|#0:nameof(Stationarity)|})]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda) => new[] { -lambda };

                [ImplicitDiff({|#1:FixedPoint = nameof(Step)|}, LinearSolver = LinearSolver.Gmres)]
                public static double[] Iterate(ReadOnlySpan<double> w0, double lambda) => new[] { -lambda };
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Target(0, "The condition 'Stationarity' of 'Direct' is not marked [Differentiable]: add the attribute so its derivatives can be generated"),
            Target(1, "The fixed-point map 'Step' of 'Iterate' is not marked [Differentiable]: add the attribute so its derivatives can be generated"));
    }

    [Fact]
    public Task Condition_name_that_names_no_method_is_reported()
    {
        var source = InRidge("""
                [ImplicitDiff({|#0:"Stationarity"|})]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda) => new[] { -lambda };
            """);
        return SolverVerifier.VerifyAsync(source, Target(0, "'Stationarity' names no method of 'Ridge': [ImplicitDiff] needs nameof(F) of a [Differentiable] method of the same type, void F(ReadOnlySpan<double> x, θ…, Span<double> residual)"));
    }
}
