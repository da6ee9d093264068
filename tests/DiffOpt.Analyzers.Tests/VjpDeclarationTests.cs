using System.Globalization;
using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>
/// [Vjp] and [Jvp] declarations of a vector-valued primal (a void method writing Span&lt;double&gt; outputs): the
/// primal's parameters, then in the primal's order the inputs' gradients (VJP) or tangents (JVP) and the outputs'
/// cotangents (VJP, read-only) or tangents (JVP, written).
/// </summary>
public sealed class VjpDeclarationTests
{
    // Residual(x, a, r): x and a are inputs, r is the output.
    private const string Primal = """
            [Differentiable]
            public static void {|DOPT0012:Residual|}(ReadOnlySpan<double> x, double a, Span<double> r)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    r[i] = Math.Sin(x[i]) * a;
                }
            }

        """;

    private static DiagnosticResult Mismatch(int location, string message) =>
        new DiagnosticResult(DiagnosticDescriptors.DerivativeParameterMismatch).WithLocation(location).WithArguments(message);

    [Fact]
    public Task Matching_vjp_and_jvp_declarations_report_nothing()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual))]
                public static partial void ResidualVjp(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da, ReadOnlySpan<double> dr);

                // Only some inputs: 'a' is a constant here.
                [Vjp(nameof(Residual))]
                public static partial void ResidualVjpOfX(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, ReadOnlySpan<double> dr);

                [Jvp(nameof(Residual))]
                public static partial void ResidualJvp(ReadOnlySpan<double> x, double a, Span<double> r, ReadOnlySpan<double> dx, double da, Span<double> dr);
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Output_cotangent_of_the_wrong_type_is_reported_on_the_parameter()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual))]
                public static partial void {|CS8795:ResidualVjp|}(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da, {|#0:Span<double> dr|});

                [Jvp(nameof(Residual))]
                public static partial void {|CS8795:ResidualJvp|}(ReadOnlySpan<double> x, double a, Span<double> r, ReadOnlySpan<double> dx, double da, {|#1:ReadOnlySpan<double> dr|});
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'dr' is the cotangent of the output 'r' and must be declared 'ReadOnlySpan<double> dr'"),
            Mismatch(1, "'dr' is the tangent of the output 'r' and must be declared 'Span<double> dr'"));
    }

    [Fact]
    public Task Missing_output_cotangent_is_reported_on_the_parameter_list()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual))]
                public static partial void {|CS8795:ResidualVjp|}{|#0:(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da)|};
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'ResidualVjp' needs the cotangent of every output of 'Residual': add 'ReadOnlySpan<double> dr'"));
    }

    [Fact]
    public Task Input_gradients_of_the_wrong_kind_carry_the_expected_declaration()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual))]
                public static partial void {|CS8795:ResidualVjp|}(ReadOnlySpan<double> x, double a, Span<double> r, {|#0:ReadOnlySpan<double> dx|}, {|#1:double da|}, ReadOnlySpan<double> dr);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'dx' is the gradient of 'x' and must be declared 'Span<double> dx'"),
            Mismatch(1, "'da' is the gradient of 'a' and must be declared 'out double da'"));
    }

    [Fact]
    public Task Output_cotangent_before_an_input_gradient_is_out_of_order()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual))]
                public static partial void {|CS8795:ResidualVjp|}(ReadOnlySpan<double> x, double a, Span<double> r, ReadOnlySpan<double> dr, {|#0:Span<double> dx|});
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'dx' is out of order: derivative parameters follow the order of their inputs in 'Residual'"));
    }

    [Fact]
    public Task Vjp_with_only_the_output_cotangent_differentiates_nothing()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual))]
                public static partial void {|CS8795:ResidualVjp|}{|#0:(ReadOnlySpan<double> x, double a, Span<double> r, ReadOnlySpan<double> dr)|};
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'ResidualVjp' declares no derivative parameter: add one per input to differentiate, e.g. 'Span<double> dx'"));
    }

    [Fact]
    public Task Generic_vjp_is_reported_on_its_type_parameters()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual))]
                public static partial void {|CS8795:ResidualVjp|}{|#0:<T>|}(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da, ReadOnlySpan<double> dr);
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'ResidualVjp' cannot be generic: a derivative declaration has exactly the primal's types"));
    }

    [Fact]
    public Task Two_derivative_attributes_on_one_declaration_are_reported_once_on_its_name()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual)), Jvp(nameof(Residual))]
                public static partial void {|#0:{|CS8795:ResidualVjp|}|}(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da, ReadOnlySpan<double> dr);
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'ResidualVjp' carries more than one derivative attribute: declare one method per derivative"));
    }

    [Fact]
    public Task Vjp_of_a_method_without_Differentiable_is_reported_on_the_attribute()
    {
        var source = Sources.InStaticClass("""
                public static void Plain(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0]; }

                [{|#0:Vjp(nameof(Plain))|}]
                public static partial void {|CS8795:PlainVjp|}(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, ReadOnlySpan<double> dy);
            """);
        return AnalyzerVerifier.VerifyAsync(source, new DiagnosticResult(DiagnosticDescriptors.TargetNotDifferentiable).WithLocation(0).WithArguments("Plain"));
    }

    [Fact]
    public Task Vjp_with_a_body_is_reported_on_its_name()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual))]
                public static void {|#0:ResidualVjp|}(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da, ReadOnlySpan<double> dr)
                {
                    da = 0;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, new DiagnosticResult(DiagnosticDescriptors.DerivativeNotPartial).WithLocation(0).WithArguments("ResidualVjp"));
    }

    [Fact]
    public async Task Gradient_of_a_vector_valued_method_is_refused_with_the_advice_to_declare_a_vjp()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(Residual))]
                public static partial void ResidualGradient(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da, ReadOnlySpan<double> dr);
            """);
        var diagnostic = Assert.Single(await AnalyzerRunner.GetDiagnosticsAsync(Sources.WithoutMarkup(source)), d => d.Severity == DiagnosticSeverity.Error);

        Assert.Equal("DOPT0008", diagnostic.Id);
        Assert.Equal("Gradient(nameof(Residual))", Text(diagnostic));
        Assert.StartsWith("'Residual' writes Span<double> outputs, so it has no gradient or Hessian: declare a [Vjp] (or [Jvp]) instead", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vjp_of_a_scalar_method_is_refused_with_the_advice_to_declare_a_gradient()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double Square(double x) => x * x;

                [Vjp(nameof(Square))]
                public static partial void SquareVjp(double x, out double dx);
            """);
        var diagnostic = Assert.Single(await AnalyzerRunner.GetDiagnosticsAsync(Sources.WithoutMarkup(source)), d => d.Severity == DiagnosticSeverity.Error);

        Assert.Equal("DOPT0008", diagnostic.Id);
        Assert.Equal("Vjp(nameof(Square))", Text(diagnostic));
        Assert.StartsWith("'Square' returns a scalar: declare its [Gradient] instead of a [Vjp]", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vjp_that_returns_a_value_is_reported_on_its_return_type()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual))]
                public static partial double ResidualVjp(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da, ReadOnlySpan<double> dr);
            """);
        var diagnostic = Assert.Single(await AnalyzerRunner.GetDiagnosticsAsync(Sources.WithoutMarkup(source)), d => d.Severity == DiagnosticSeverity.Error);

        Assert.Equal("DOPT0009", diagnostic.Id);
        Assert.Equal("double", Text(diagnostic));
    }

    [Fact]
    public async Task Output_cotangent_of_the_wrong_type_carries_the_expected_declaration_for_the_fix()
    {
        var source = Sources.InStaticClass(Primal + """
                [Vjp(nameof(Residual))]
                public static partial void ResidualVjp(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da, Span<double> dr);
            """);
        var mismatch = Assert.Single(await AnalyzerRunner.GetDiagnosticsAsync(Sources.WithoutMarkup(source)), d => d.Id == "DOPT0008");

        Assert.Equal("ReadOnlySpan<double> dr", mismatch.Properties[DerivativeBinder.ExpectedDeclarationProperty]);
    }

    private static string Text(Diagnostic diagnostic) => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
