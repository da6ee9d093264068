using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>DOPT0003: calls to methods that have no derivative, reported on the called expression.</summary>
public sealed class CallWithoutDerivativeTests
{
    // The reason depends on where the callee lives: in source it can be marked, elsewhere it must be wrapped.
    private const string InSource = "mark it [Differentiable], or give it a [DerivativeOf] derivative";
    private const string OutsideTheCompilation = "DiffOpt differentiates Math members and [Differentiable] methods; write the computation with those, or wrap the call in a method with a [DerivativeOf] derivative";
    private const string CannotBeLowered = "it is marked [Differentiable] but cannot be differentiated itself (see the diagnostics on it)";

    private static DiagnosticResult NoDerivative(int location, string method, string reason) =>
        new DiagnosticResult(DiagnosticDescriptors.CallWithoutDerivative).WithLocation(location).WithArguments(method, reason);

    [Fact]
    public Task Call_to_an_ordinary_method_is_reported_on_the_callee()
    {
        var source = Sources.InStaticClass("""
                private static double Helper(double x) => x * x;

                [Differentiable]
                public static double F(double x)
                {
                    double y = {|#0:Helper|}(x);
                    return y;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, NoDerivative(0, "Model.Helper(double)", InSource));
    }

    [Fact]
    public Task Math_members_outside_the_table_are_reported()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x) => {|#0:Math.Round|}(x, 2) + {|#1:Math.BitIncrement|}(x) + Math.Sin(x) + Math.Round(x);
            """);
        return AnalyzerVerifier.VerifyAsync(source, NoDerivative(0, "Math.Round(double, int)", OutsideTheCompilation), NoDerivative(1, "Math.BitIncrement(double)", OutsideTheCompilation));
    }

    [Fact]
    public Task Linq_is_reported_on_the_call_that_consumes_it()
    {
        var source = """
            using System.Linq;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double[] w) => {|#0:w.Sum|}();

                [Differentiable]
                public static double G(double[] w) => {|#1:(from v in w select v * v).Sum|}();
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source, NoDerivative(0, "IEnumerable<double>.Sum()", OutsideTheCompilation), NoDerivative(1, "IEnumerable<double>.Sum()", OutsideTheCompilation));
    }

    [Fact]
    public Task Call_to_a_differentiable_method_that_cannot_be_lowered_is_reported_at_the_call()
    {
        // Its own diagnostics say why; the call says that this is why the caller cannot be differentiated either.
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double Cube(double x)
                {
                    {|#1:goto done;|}
                    {|#2:done:|} return x * x * x;
                }

                [Differentiable]
                public static double F(double x) => {|#0:Cube|}(x) * x;
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            NoDerivative(0, "Model.Cube(double)", CannotBeLowered),
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedConstruct).WithLocation(1).WithArguments("'goto'", "only structured control flow can be differentiated; use loops with break/continue"),
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedConstruct).WithLocation(2).WithArguments("A label", "only structured control flow can be differentiated; use loops with break/continue"));
    }

    [Fact]
    public Task Call_as_a_statement_is_reported_on_the_callee()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|#0:Console.WriteLine|}(x);
                    return x;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, NoDerivative(0, "Console.WriteLine(double)", OutsideTheCompilation));
    }

    [Fact]
    public async Task Interface_call_is_reported_on_the_callee()
    {
        // Which body runs is decided at run time, so no derivative can be chosen at compile time.
        var source = """
            using DiffOpt;

            public interface IShape
            {
                double Area(double x);
            }

            public partial class Model
            {
                private readonly IShape shape;

                public Model(IShape shape) => this.shape = shape;

                [Differentiable]
                public double F(double x) => shape.Area(x);
            }
            """;
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(source);

        var call = Assert.Single(diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("DOPT0003", call.Id);
        Assert.Equal("shape.Area", call.Location.SourceTree!.GetText().ToString(call.Location.SourceSpan));
        Assert.StartsWith("'IShape.Area(double)' has no derivative: ", call.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public Task Methods_with_a_custom_derivative_and_StopGradient_are_callable()
    {
        var source = Sources.InStaticClass("""
                public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

                [DerivativeOf(nameof(Softplus))]
                public static double SoftplusDerivative(double x, out double dx)
                {
                    dx = 1 / (1 + Math.Exp(-x));
                    return Softplus(x);
                }

                [Differentiable]
                public static double {|DOPT0012:F|}(double x) => Softplus(x) * Ad.StopGradient(x);

                [Gradient(nameof(F))]
                public static partial double FGradient(double x, out double dx);
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Method_of_another_type_is_reported_with_its_type()
    {
        var source = """
            using DiffOpt;

            public static class Helpers
            {
                public static double Twice(double x) => 2 * x;
            }

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => {|#0:Helpers.Twice|}(x);
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source, NoDerivative(0, "Helpers.Twice(double)", InSource));
    }

    [Fact]
    public Task A_gradient_declaration_is_callable_as_a_statement_when_its_gradients_are_spans()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double {|DOPT0012:Inner|}(ReadOnlySpan<double> w, double a)
                {
                    double s = 0.0;
                    for (int i = 0; i < w.Length; i++) { s += a * w[i] * w[i]; }
                    return s;
                }

                [Gradient(nameof(Inner))]
                public static partial double InnerGradient(ReadOnlySpan<double> w, double a, Span<double> dW);

                [Differentiable]
                public static double {|DOPT0012:Outer|}(double[] w, double a)
                {
                    double[] g = new double[w.Length];
                    InnerGradient(w, a, g);
                    return g[0];
                }

                [Gradient(nameof(Outer))]
                public static partial double OuterGradient(double[] w, double a, Span<double> dW, out double dA);
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task A_gradient_declaration_with_a_scalar_gradient_is_not_callable()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double {|DOPT0012:Inner|}(ReadOnlySpan<double> w, double a) => a * w[0] * w[0];

                [Gradient(nameof(Inner))]
                public static partial double InnerGradient(ReadOnlySpan<double> w, double a, Span<double> dW, out double dA);

                [Differentiable]
                public static double Outer(double[] w, double a)
                {
                    double[] g = new double[w.Length];
                    {|#0:InnerGradient|}(w, a, g, out double da);
                    return g[0];
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, NoDerivative(
            0,
            "Model.InnerGradient(ReadOnlySpan<double>, double, Span<double>, out double)",
            "differentiable code can call a [Gradient] declaration only when every gradient it computes is a Span<double> output; 'dA' is an out double. Declare a gradient with respect to array or span inputs only for this use"));
    }

    [Fact]
    public Task The_value_of_a_gradient_declaration_cannot_be_used_in_differentiable_code()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double {|DOPT0012:Inner|}(ReadOnlySpan<double> w) => w[0] * w[0];

                [Gradient(nameof(Inner))]
                public static partial double InnerGradient(ReadOnlySpan<double> w, Span<double> dW);

                [Differentiable]
                public static double Outer(double[] w)
                {
                    double[] g = new double[w.Length];
                    double v = {|DOPT0001:InnerGradient(w, g)|};
                    return v + g[0];
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }
}
