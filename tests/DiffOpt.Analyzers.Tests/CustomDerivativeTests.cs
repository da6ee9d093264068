using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>
/// [DerivativeOf] methods: a hand-written derivative of a method of the same type, with the gradient contract for a
/// scalar target and the VJP contract for a vector-valued one, giving the derivative of every differentiable input.
/// </summary>
public sealed class CustomDerivativeTests
{
    // Norm(w, p): w and p are inputs; neither method is [Differentiable], the custom derivatives make them callable.
    private const string Targets = """
            public static double Norm(ReadOnlySpan<double> w, double p)
            {
                double s = 0;
                foreach (var v in w)
                {
                    s += Math.Pow(Math.Abs(v), p);
                }

                return Math.Pow(s, 1 / p);
            }

            public static void Copy(ReadOnlySpan<double> x, Span<double> y) => x.CopyTo(y);

        """;

    private static DiagnosticResult Mismatch(int location, string message) =>
        new DiagnosticResult(DiagnosticDescriptors.DerivativeParameterMismatch).WithLocation(location).WithArguments(message);

    [Fact]
    public Task Custom_derivatives_that_follow_the_contract_report_nothing_and_make_their_targets_callable()
    {
        var source = Sources.InStaticClass(Targets + """
                [DerivativeOf(nameof(Norm))]
                public static double NormDerivative(ReadOnlySpan<double> w, double p, Span<double> dw, out double dp)
                {
                    dw.Clear();
                    dp = 0;
                    return Norm(w, p);
                }

                [DerivativeOf(nameof(Copy))]
                public static void CopyDerivative(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, ReadOnlySpan<double> dy) => dy.CopyTo(dx);

                [Differentiable]
                public static double {|DOPT0012:Loss|}(ReadOnlySpan<double> w)
                {
                    double[] copy = new double[w.Length];
                    Copy(w, copy);
                    return Norm(copy, 2);
                }

                [Gradient(nameof(Loss))]
                public static partial double LossGradient(ReadOnlySpan<double> w, Span<double> dw);
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Input_without_its_derivative_is_reported_on_the_parameter_list()
    {
        var source = Sources.InStaticClass(Targets + """
                [DerivativeOf(nameof(Norm))]
                public static double NormDerivative{|#0:(ReadOnlySpan<double> w, double p, Span<double> dw)|}
                {
                    dw.Clear();
                    return 0;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "A custom derivative of 'Norm' gives the derivative for every input: add 'out double dp'"));
    }

    [Fact]
    public Task Derivative_parameter_of_the_wrong_kind_is_reported_on_the_parameter()
    {
        var source = Sources.InStaticClass(Targets + """
                [DerivativeOf(nameof(Norm))]
                public static double NormDerivative(ReadOnlySpan<double> w, double p, {|#0:ReadOnlySpan<double> dw|}, {|#1:double dp|}) => 0;
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'dw' is the gradient of 'w' and must be declared 'Span<double> dw'"),
            Mismatch(1, "'dp' is the gradient of 'p' and must be declared 'out double dp'"));
    }

    [Fact]
    public Task Vector_valued_target_needs_the_output_cotangent()
    {
        var source = Sources.InStaticClass(Targets + """
                [DerivativeOf(nameof(Copy))]
                public static void CopyDerivative{|#0:(ReadOnlySpan<double> x, Span<double> y, Span<double> dx)|} => dx.Clear();

                [DerivativeOf(nameof(Copy))]
                public static void CopyDerivative2(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, {|#1:Span<double> dy|}) => dy.CopyTo(dx);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'CopyDerivative' needs the cotangent of every output of 'Copy': add 'ReadOnlySpan<double> dy'"),
            Mismatch(1, "'dy' is the cotangent of the output 'y' and must be declared 'ReadOnlySpan<double> dy'"));
    }

    [Fact]
    public Task Derivative_of_a_NonDifferentiable_input_is_reported_on_its_parameter()
    {
        var source = Sources.InStaticClass("""
                public static double Scale(double x, [NonDifferentiable] double k) => x * k;

                [DerivativeOf(nameof(Scale))]
                public static double ScaleDerivative(double x, double k, out double dx, {|#0:out double dk|})
                {
                    dx = k;
                    dk = x;
                    return x * k;
                }

                // Without dk it matches: a [NonDifferentiable] input needs no derivative.
                [DerivativeOf(nameof(Scale))]
                public static double ScaleDerivative2(double x, double k, out double dx)
                {
                    dx = k;
                    return x * k;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'k' is marked [NonDifferentiable] and cannot be differentiated: remove 'dk' or the attribute"));
    }

    [Fact]
    public Task Primal_parameters_not_repeated_are_reported_on_the_parameter()
    {
        var source = Sources.InStaticClass(Targets + """
                [DerivativeOf(nameof(Norm))]
                public static double NormDerivative(ReadOnlySpan<double> w, {|#0:Span<double> dw|}, out double dp)
                {
                    dp = 0;
                    return 0;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.PrimalParameterMismatch).WithLocation(0).WithArguments("Parameter 2 of 'NormDerivative' must repeat parameter 'double p' of 'Norm', but is 'Span<double> dw'"));
    }

    [Fact]
    public Task Unknown_target_wrong_return_type_and_generic_derivative_are_reported()
    {
        var source = Sources.InStaticClass("""
                public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

                [{|#0:DerivativeOf("Missing")|}]
                public static double MissingDerivative(double x, out double dx)
                {
                    dx = 0;
                    return 0;
                }

                [DerivativeOf(nameof(Softplus))]
                public static {|#1:float|} SoftplusDerivative(double x, out double dx)
                {
                    dx = 0;
                    return 0;
                }

                [DerivativeOf(nameof(Softplus))]
                public static double SoftplusDerivative2{|#2:<T>|}(double x, out double dx)
                {
                    dx = 0;
                    return 0;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.UnknownTarget).WithLocation(0).WithArguments("Missing", "Model", "[DerivativeOf] needs nameof(F) of a method of the same type"),
            new DiagnosticResult(DiagnosticDescriptors.ReturnTypeMismatch).WithLocation(1).WithArguments("'SoftplusDerivative' must return 'double', the value of 'Softplus': differentiable callers take the value from it"),
            Mismatch(2, "'SoftplusDerivative2' cannot be generic: a derivative declaration has exactly the primal's types"));
    }

    [Fact]
    public Task Instance_derivative_of_a_static_target_is_reported_on_its_name()
    {
        var source = """
            using System;
            using DiffOpt;

            public partial class Model
            {
                public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

                [DerivativeOf(nameof(Softplus))]
                public double {|#0:SoftplusDerivative|}(double x, out double dx)
                {
                    dx = 1 / (1 + Math.Exp(-x));
                    return Softplus(x);
                }
            }
            """;
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.StaticMismatch).WithLocation(0).WithArguments("SoftplusDerivative", "static", "Softplus"));
    }

    [Fact]
    public Task Type_holding_a_custom_derivative_must_be_partial()
    {
        // The generator adds the target's helpers (which differentiable callers call) to the type.
        var source = """
            using System;
            using DiffOpt;

            public static class {|#0:Activations|}
            {
                public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

                [DerivativeOf(nameof(Softplus))]
                public static double SoftplusDerivative(double x, out double dx)
                {
                    dx = 1 / (1 + Math.Exp(-x));
                    return Softplus(x);
                }
            }
            """;
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.TypeNotPartial).WithLocation(0).WithArguments("Activations", "Softplus"));
    }
}
