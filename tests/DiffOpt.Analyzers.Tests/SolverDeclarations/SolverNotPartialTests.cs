using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>DOPT0018: the generator implements an [Optimize] solver, so it is a partial method without a body; DOPT0011 covers its type.</summary>
public sealed class SolverNotPartialTests
{
    [Fact]
    public Task Optimize_on_a_method_with_a_body_is_reported_on_its_name()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective))]
                public static double[] {|#0:Fit|}(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => w0.ToArray();
            """);
        return SolverVerifier.VerifyAsync(source, new DiagnosticResult(DiagnosticDescriptors.SolverNotPartial).WithLocation(0).WithArguments("Fit"));
    }

    [Fact]
    public Task Optimize_on_a_partial_method_the_user_implemented_is_reported_on_the_declaration()
    {
        var source = InRidge(Objective + """
                [Optimize(nameof(Objective))]
                public static partial double[] {|#0:Fit|}(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d);

                public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda, double[] X, double[] y, int d) => w0.ToArray();
            """);
        return SolverVerifier.VerifyAsync(source, new DiagnosticResult(DiagnosticDescriptors.SolverNotPartial).WithLocation(0).WithArguments("Fit"));
    }

    [Fact]
    public Task Solver_in_a_non_partial_type_gets_the_type_diagnostic_once()
    {
        // The partial method itself cannot be declared in a non-partial type (CS0751); DOPT0011 says what to change.
        var source = """
            using System;
            using DiffOpt;

            public static class {|#0:Ridge|}
            {
                [Differentiable]
                public static double Objective(ReadOnlySpan<double> w, double lambda) => w[0] * w[0] + lambda;

                [Optimize(nameof(Objective))]
                public static partial double[] {|CS0751:{|CS8795:Fit|}|}(ReadOnlySpan<double> w0, double lambda);
            }
            """;
        return SolverVerifier.VerifyAsync(source, new DiagnosticResult(DiagnosticDescriptors.TypeNotPartial).WithLocation(0).WithArguments("Ridge", "Objective"));
    }

    [Fact]
    public async Task The_rules_mark_a_solver_in_a_non_partial_type_invalid_for_the_generator()
    {
        var source = """
            using System;
            using DiffOpt;

            public static class Outer
            {
                public static partial class Ridge
                {
                    [Differentiable]
                    public static double Objective(ReadOnlySpan<double> w, double lambda) => w[0] * w[0] + lambda;

                    [Optimize(nameof(Objective))]
                    public static partial double[] Fit(ReadOnlySpan<double> w0, double lambda);
                }
            }
            """;
        var declaration = await SolverRulesRunner.CheckAsync(source, "Outer+Ridge", "Fit");

        Assert.False(declaration.IsValid);
        var problem = Assert.Single(declaration.Diagnostics);
        Assert.Equal("DOPT0011", problem.Id);
        Assert.Equal("'Outer' must be declared 'partial' (with every containing type) so DiffOpt can add the derivatives of 'Fit' to it", problem.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
