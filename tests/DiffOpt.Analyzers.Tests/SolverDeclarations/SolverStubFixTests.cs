using DiffOpt.CodeFixes;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>
/// "Add optimality condition" (DOPT0016) and "Add projection / proximal operator" (DOPT0017). The generator runs on the
/// fixed code, which must compile and get no solver diagnostic: the inserted stub has the shape the rules accept.
/// </summary>
public sealed class SolverStubFixTests
{
    [Fact]
    public Task Condition_stub_takes_the_solver_parameters_after_the_initial_point_and_is_named_in_the_attribute()
    {
        var source = InRidge("""
                [{|DOPT0016:ImplicitDiff|}]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d)
            """ + HandWrittenBody);
        var fixedSource = InRidge("""
                [ImplicitDiff(nameof(DirectCondition))]
                public static double[] Direct(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d)
            """ + HandWrittenBody + """


                [Differentiable]
                public static void {|DOPT0012:DirectCondition|}(ReadOnlySpan<double> x, double lambda, double[] X, double[] y, int d, Span<double> residual)
                {
                    // TODO: write F(x, θ) into residual, zero exactly at the solution Direct returns: for a minimiser,
                    // the gradient in x of the objective it minimises. While F is zero everywhere its Jacobian is singular, and
                    // differentiating a call to Direct throws ImplicitDifferentiationException.
                    for (int i = 0; i < residual.Length; i++)
                    {
                        residual[i] = 0;
                    }
                }
            """);
        return SolverFixVerifier<AddOptimalityConditionCodeFixProvider>.VerifyAsync(source, fixedSource, AddOptimalityConditionCodeFixProvider.AddConditionKey);
    }

    [Fact]
    public Task Condition_stub_keeps_the_settings_avoids_taken_names_and_follows_an_instance_solver()
    {
        var source = """
            using DiffOpt;

            internal partial class Tuner
            {
                public int SolveCondition { get; set; }

                [{|DOPT0016:ImplicitDiff(LinearSolver = LinearSolver.DenseLu)|}]
                internal double[] Solve(double[] start, double x, int residual) => new[] { x };
            }
            """;
        var fixedSource = """
            using System;
            using DiffOpt;

            internal partial class Tuner
            {
                public int SolveCondition { get; set; }

                [ImplicitDiff(nameof(SolveCondition2), LinearSolver = LinearSolver.DenseLu)]
                internal double[] Solve(double[] start, double x, int residual) => new[] { x };

                [Differentiable]
                internal void {|DOPT0012:SolveCondition2|}(ReadOnlySpan<double> x1, double x, int residual, Span<double> residual1)
                {
                    // TODO: write F(x1, θ) into residual1, zero exactly at the solution Solve returns: for a minimiser,
                    // the gradient in x1 of the objective it minimises. While F is zero everywhere its Jacobian is singular, and
                    // differentiating a call to Solve throws ImplicitDifferentiationException.
                    for (int i = 0; i < residual1.Length; i++)
                    {
                        residual1[i] = 0;
                    }
                }
            }
            """;
        return SolverFixVerifier<AddOptimalityConditionCodeFixProvider>.VerifyAsync(source, fixedSource, AddOptimalityConditionCodeFixProvider.AddConditionKey);
    }

    [Fact]
    public Task Missing_projection_is_added_as_an_identity_the_solver_accepts()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective), {|DOPT0017:Projection = nameof({|CS0103:Box|})|})]
                public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);
            """);
        var fixedSource = InRidge(Objective + """
                [Optimize(nameof(Objective), Projection = nameof(Box))]
                public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

                [Differentiable]
                public static void {|DOPT0012:Box|}(ReadOnlySpan<double> x, Span<double> projected)
                {
                    // TODO: write the Euclidean projection of x onto the feasible set into projected; as written the set is everything.
                    for (int i = 0; i < x.Length; i++)
                    {
                        projected[i] = x[i];
                    }
                }
            """);
        return SolverFixVerifier<AddConstraintOperatorCodeFixProvider>.VerifyAsync(source, fixedSource, AddConstraintOperatorCodeFixProvider.AddConstraintKey, ignoreMissingImplementation: true);
    }

    [Fact]
    public Task Missing_prox_is_added_as_the_proximal_operator_of_zero()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective), {|DOPT0017:Prox = "L1"|})]
                public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);
            """);
        var fixedSource = InRidge(Objective + """
                [Optimize(nameof(Objective), Prox = "L1")]
                public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

                [Differentiable]
                public static void {|DOPT0012:L1|}(ReadOnlySpan<double> x, double step, Span<double> result)
                {
                    // TODO: write prox_{step·g}(x) = argmin_z g(z) + ‖z − x‖² / (2·step) into result; as written g = 0 (no regulariser).
                    for (int i = 0; i < x.Length; i++)
                    {
                        result[i] = x[i];
                    }
                }
            """);
        return SolverFixVerifier<AddConstraintOperatorCodeFixProvider>.VerifyAsync(source, fixedSource, AddConstraintOperatorCodeFixProvider.AddConstraintKey, ignoreMissingImplementation: true);
    }
}
