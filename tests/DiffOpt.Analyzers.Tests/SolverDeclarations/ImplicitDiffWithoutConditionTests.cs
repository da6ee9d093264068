using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis.Testing;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>
/// DOPT0016: [ImplicitDiff] without a condition only means something on an [Optimize] solver (the gradient condition) —
/// and, until the generator emits it, not on a constrained one (the fixed point of the projected or proximal step).
/// </summary>
public sealed class ImplicitDiffWithoutConditionTests
{
    private static DiagnosticResult WithoutCondition(int location, string solver) =>
        new DiagnosticResult(DiagnosticDescriptors.ImplicitDiffWithoutCondition).WithLocation(location).WithArguments(
            $"'{solver}' is not an [Optimize] solver, so [ImplicitDiff] needs its optimality condition: name a [Differentiable] method F(x, θ…, Span<double> residual) with [ImplicitDiff(nameof(F))], or a fixed-point map with [ImplicitDiff(FixedPoint = nameof(T))]");

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
    public Task On_an_Optimize_solver_no_condition_means_the_gradient_condition()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective))]
                [ImplicitDiff(LinearSolver = LinearSolver.ConjugateGradient)]
                public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);
            """);
        return SolverVerifier.VerifyValidAsync(source);
    }

    [Fact]
    public Task Constrained_solver_without_a_condition_differentiates_the_fixed_point_of_its_step()
    {
        // The generator emits the default condition x − C(x − ∇f(x, θ)) of a constrained solver (C the projection or prox).
        Assert.True(SolverDeclarationRules.ConstrainedDefaultConditionIsGenerated);
        var source = InRidge(Objective + """
                [Differentiable]
                public static void {|DOPT0012:Box|}(ReadOnlySpan<double> x, Span<double> projected) => projected[0] = Math.Max(x[0], 0);

                [Differentiable]
                public static void {|DOPT0012:L1|}(ReadOnlySpan<double> x, double step, Span<double> result) => result[0] = x[0] / (1 + step);

                [Optimize(nameof(Objective), Projection = nameof(Box))]
                [ImplicitDiff]
                public static partial double[] FitInBox(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

                [Optimize(nameof(Objective), Prox = nameof(L1))]
                [ImplicitDiff(LinearSolver = LinearSolver.Gmres)]
                public static partial double[] FitSparse(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);
            """);
        return SolverVerifier.VerifyAsync(source);
    }
}
