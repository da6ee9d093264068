using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>DOPT0016: [ImplicitDiff] without a condition only means something on an [Optimize] solver (the gradient condition).</summary>
public sealed class ImplicitDiffWithoutConditionTests
{
    private static DiagnosticResult WithoutCondition(int location, string solver) =>
        new DiagnosticResult(DiagnosticDescriptors.ImplicitDiffWithoutCondition).WithLocation(location).WithArguments(solver);

    [Fact]
    public Task Hand_written_solver_without_a_condition_is_reported_on_the_attribute()
    {
        var source = InRidge("""
                [{|#0:ImplicitDiff|}]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d)
            """ + HandWrittenBody + """

                [{|#1:ImplicitDiff(LinearSolver = LinearSolver.DenseLu)|}]
                public static double[] Other(ReadOnlySpan<double> w0, double lambda) => new[] { lambda };
            """);
        return SolverVerifier.VerifyAsync(source, WithoutCondition(0, "Direct"), WithoutCondition(1, "Other"));
    }

    [Fact]
    public Task Message_says_how_to_name_a_condition()
    {
        var source = InRidge("""
                [{|#0:ImplicitDiff|}]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda) => new[] { lambda };
            """);
        var expected = WithoutCondition(0, "Direct");
        Assert.Equal(
            "'Direct' is not an [Optimize] solver, so [ImplicitDiff] needs its optimality condition: name a [Differentiable] method F(x, θ…, Span<double> residual) with [ImplicitDiff(nameof(F))], or a fixed-point map with [ImplicitDiff(FixedPoint = nameof(T))]",
            string.Format(System.Globalization.CultureInfo.InvariantCulture, DiagnosticDescriptors.ImplicitDiffWithoutCondition.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), "Direct"));
        return SolverVerifier.VerifyAsync(source, expected);
    }

    [Fact]
    public Task On_an_Optimize_solver_no_condition_means_the_gradient_condition()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective))]
                [ImplicitDiff(LinearSolver = LinearSolver.ConjugateGradient)]
                public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);
            """);
        return SolverVerifier.VerifyValidAsync(source);
    }
}
