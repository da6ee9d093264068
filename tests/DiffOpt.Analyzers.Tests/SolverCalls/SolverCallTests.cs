using DiffOpt.Analyzers.Tests.SolverDeclarations;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverCalls;

/// <summary>
/// Calls of [ImplicitDiff] solvers inside [Differentiable] code (the front end lowers them to the solver's implicit helpers):
/// accepted forms compile with the generator, and a write into the solution, which the reverse sweep reads, is DOPT0001.
/// </summary>
public sealed class SolverCallTests
{
    private const string Fit = """
            [Optimize(nameof(Objective))]
            [ImplicitDiff]
            public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d, SolverOptions? options = null);
        """;

    [Fact]
    public Task A_solver_call_into_a_local_array_is_differentiable()
    {
        var source = InRidge(Objective + Fit + """
                [Differentiable]
                public static double {|DOPT0012:Validation|}(double logLambda, double[] X, double[] y, int d)
                {
                    double[] w = Fit(new double[d], Math.Exp(logLambda), X, y, d);
                    var v = Fit(w, 1.0, X, y, d);
                    return w[0] + v[1];
                }

                [Gradient(nameof(Validation))]
                public static partial double ValidationGradient(double logLambda, double[] X, double[] y, int d, out double dLogLambda, Span<double> dX);
            """);
        return SolverVerifier.VerifyValidAsync(source);
    }

    [Fact]
    public Task Writing_into_the_solution_is_reported()
    {
        var source = InRidge(Objective + Fit + """
                [Differentiable]
                public static double Validation(double lambda, double[] X, double[] y, int d)
                {
                    double[] w = Fit(new double[d], lambda, X, y, d);
                    {|DOPT0001:w[0]|} = 2 * w[0];
                    return w[0];
                }
            """);
        return SolverVerifier.VerifyValidAsync(source);
    }

    [Fact]
    public Task Passing_the_options_in_differentiable_code_is_reported()
    {
        var source = InRidge(Objective + Fit + """
                [Differentiable]
                public static double Validation(double lambda, double[] X, double[] y, int d)
                {
                    double[] w = Fit{|DOPT0001:(new double[d], lambda, X, y, d, null)|};
                    return w[0];
                }
            """);
        return SolverVerifier.VerifyValidAsync(source);
    }
}
