using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>
/// DOPT0017: Projection and Prox name one [Differentiable] method of the type, <c>void P(ReadOnlySpan&lt;double&gt; x, [θ…,]
/// Span&lt;double&gt; projected)</c> or <c>void Q(ReadOnlySpan&lt;double&gt; x, double step, [θ…,] Span&lt;double&gt; result)</c>.
/// </summary>
public sealed class ConstraintOperatorTests
{
    private const string Quadratic = """
            [Differentiable]
            public static double {|DOPT0012:Objective|}(ReadOnlySpan<double> w, double c) => (w[0] - c) * (w[0] - c);

        """;

    private static DiagnosticResult Constraint(int location, string message) =>
        new DiagnosticResult(DiagnosticDescriptors.ConstraintOperatorMismatch).WithLocation(location).WithArguments(message);

    [Fact]
    public Task Missing_projection_and_prox_are_reported_on_their_arguments()
    {
        var source = InRidge(Quadratic + """
                [Optimize(nameof(Objective), {|#0:Projection = nameof(Fit)|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double c);

                [Optimize(nameof(Objective), {|#1:Prox = "L1"|})]
                public static partial double[] {|CS8795:FitSparse|}(ReadOnlySpan<double> w0, double c);
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Constraint(0, "'Fit' names no method of 'Ridge': Projection needs nameof(P) of a projection '[Differentiable] static void Fit(ReadOnlySpan<double> x, Span<double> projected)' or '[Differentiable] static void Fit(ReadOnlySpan<double> x, double c, Span<double> projected)'"),
            Constraint(1, "'L1' names no method of 'Ridge': Prox needs nameof(P) of a proximal operator '[Differentiable] static void L1(ReadOnlySpan<double> x, double step, Span<double> result)' or '[Differentiable] static void L1(ReadOnlySpan<double> x, double step, double c, Span<double> result)'"));
    }

    [Fact]
    public Task In_place_projection_is_reported_as_not_differentiable()
    {
        var source = InRidge(Quadratic + """
                public static void Box(Span<double> x)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        x[i] = Math.Clamp(x[i], 0, 1);
                    }
                }

                [Optimize(nameof(Objective), {|#0:Projection = nameof(Box)|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double c);
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Constraint(0, "The projection 'Box' of 'Fit' is not marked [Differentiable]: the solver and its implicit derivative use its generated derivatives; declare it as '[Differentiable] static void Box(ReadOnlySpan<double> x, Span<double> projected)' or '[Differentiable] static void Box(ReadOnlySpan<double> x, double c, Span<double> projected)'"));
    }

    [Fact]
    public Task Projection_and_prox_of_the_wrong_shape_are_reported_with_the_expected_shape()
    {
        var source = InRidge(Quadratic + """
                [Differentiable]
                public static void {|DOPT0012:Box|}(ReadOnlySpan<double> x, double lo, Span<double> projected) => projected[0] = Math.Max(x[0], lo);

                [Differentiable]
                public static void {|DOPT0012:Shrink|}(ReadOnlySpan<double> x, Span<double> result) => result[0] = 0.5 * x[0];

                [Optimize(nameof(Objective), {|#0:Projection = nameof(Box)|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, {|#2:int c|});

                [Optimize(nameof(Objective), {|#1:Prox = nameof(Shrink)|})]
                public static partial double[] {|CS8795:FitSparse|}(ReadOnlySpan<double> w0, double c);
            """);
        return SolverVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.SolverSignatureMismatch).WithLocation(2).WithArguments("Parameter 2 of 'Fit' must have the type of parameter 2 'double c' of 'Objective', but is 'int c'"),
            Constraint(0, "The projection 'Box' has the wrong shape: it must be '[Differentiable] static void Box(ReadOnlySpan<double> x, Span<double> projected)' or '[Differentiable] static void Box(ReadOnlySpan<double> x, int c, Span<double> projected)', writing the projection of x into its last parameter, but is 'static void Box(ReadOnlySpan<double> x, double lo, Span<double> projected)'"),
            Constraint(1, "The proximal operator 'Shrink' has the wrong shape: it must be '[Differentiable] static void Shrink(ReadOnlySpan<double> x, double step, Span<double> result)' or '[Differentiable] static void Shrink(ReadOnlySpan<double> x, double step, double c, Span<double> result)', writing prox_{step·g}(x) into its last parameter, but is 'static void Shrink(ReadOnlySpan<double> x, Span<double> result)'"));
    }

    [Fact]
    public Task Overloaded_projection_is_reported()
    {
        var source = InRidge(Quadratic + """
                [Differentiable]
                public static void {|DOPT0012:Box|}(ReadOnlySpan<double> x, Span<double> projected) => projected[0] = Math.Max(x[0], 0);

                [Differentiable]
                public static void {|DOPT0012:Box|}(ReadOnlySpan<double> x, double c, Span<double> projected) => projected[0] = Math.Max(x[0], c);

                [Optimize(nameof(Objective), {|#0:Projection = nameof(Box)|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double c);
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Constraint(0, "The projection 'Box' is overloaded: name a method with one overload, '[Differentiable] static void Box(ReadOnlySpan<double> x, Span<double> projected)' or '[Differentiable] static void Box(ReadOnlySpan<double> x, double c, Span<double> projected)'"));
    }
}
