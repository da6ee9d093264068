using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>
/// DOPT0004–DOPT0010: [Gradient]/[Jvp] declarations that do not match their primal. The generator implements no
/// declaration it rejects, so the compiler's CS8795 (partial method without implementation) accompanies each.
/// </summary>
public sealed class DerivativeDeclarationTests
{
    // F(x, w, n): x and w carry derivatives, n does not.
    private const string Primal = """
            [Differentiable]
            public static double {|DOPT0012:F|}(double x, double[] w, int n) => x * w[n];

        """;

    private static DiagnosticResult Mismatch(int location, string message) =>
        new DiagnosticResult(DiagnosticDescriptors.DerivativeParameterMismatch).WithLocation(location).WithArguments(message);

    [Fact]
    public Task DOPT0004_unknown_target_is_reported_on_the_attribute()
    {
        var source = Sources.InStaticClass(Primal + """
                [{|#0:Gradient("Missing")|}]
                public static partial double {|CS8795:G|}(double x, out double dx);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.UnknownTarget).WithLocation(0).WithArguments("Missing", "Model", "the derivative attribute needs nameof(F) of a [Differentiable] method of the same type"));
    }

    [Fact]
    public Task DOPT0004_missing_target_name_is_reported_as_missing()
    {
        var source = Sources.InStaticClass(Primal + """
                [{|#0:Gradient(null)|}]
                public static partial double {|CS8795:G|}(double x, out double dx);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.UnknownTarget).WithLocation(0).WithArguments("(missing)", "Model", "the derivative attribute needs nameof(F) of a [Differentiable] method of the same type"));
    }

    [Fact]
    public Task DOPT0005_target_without_Differentiable_is_reported_on_the_attribute()
    {
        var source = Sources.InStaticClass("""
                public static double H(double x) => x * x;

                [{|#0:Gradient(nameof(H))|}]
                public static partial double {|CS8795:HGradient|}(double x, out double dx);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.TargetNotDifferentiable).WithLocation(0).WithArguments("H"));
    }

    [Fact]
    public Task DOPT0006_declaration_with_a_body_is_reported_on_its_name()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static double {|#0:FGradient|}(double x, double[] w, int n, out double dx)
                {
                    dx = w[n];
                    return x * w[n];
                }
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.DerivativeNotPartial).WithLocation(0).WithArguments("FGradient"));
    }

    [Fact]
    public Task DOPT0006_declaration_the_user_also_implemented_is_reported_instead_of_a_second_implementation()
    {
        // Generating an implementation as well would be CS0757 (two implementing declarations) in generated code.
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static partial double {|#0:FGradient|}(double x, double[] w, int n, out double dx);

                public static partial double FGradient(double x, double[] w, int n, out double dx)
                {
                    dx = w[n];
                    return x * w[n];
                }
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.DerivativeNotPartial).WithLocation(0).WithArguments("FGradient"));
    }

    [Fact]
    public Task DOPT0008_two_derivative_attributes_on_one_declaration_are_reported_once()
    {
        // Neither is generated; the declaration's diagnostics stay visible (no merged [GeneratedCode] hides them).
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F)), Jvp(nameof(F))]
                public static partial double {|#0:{|CS8795:FGradient|}|}(double x, double[] w, int n, out double dx);
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'FGradient' carries more than one derivative attribute: declare one method per derivative"));
    }

    [Fact]
    public Task DOPT0008_derivative_of_a_NonDifferentiable_input_is_reported()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double {|DOPT0012:F|}(double x, [NonDifferentiable] double k) => x * k;

                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}(double x, double k, out double dx, {|#0:out double dk|});

                [Jvp(nameof(F))]
                public static partial double {|CS8795:FJvp|}(double x, double k, double dx, {|#1:double dk|}, out double dResult);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'k' is marked [NonDifferentiable] and cannot be differentiated: remove 'dk' or the attribute"),
            Mismatch(1, "'k' is marked [NonDifferentiable] and cannot be differentiated: remove 'dk' or the attribute"));
    }

    [Fact]
    public Task DOPT0007_renamed_primal_parameter_is_reported_on_the_parameter()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}(double x, {|#0:double[] v|}, int n, out double dx);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.PrimalParameterMismatch).WithLocation(0)
                .WithArguments("Parameter 2 of 'FGradient' must repeat parameter 'double[] w' of 'F', but is 'double[] v'"));
    }

    [Fact]
    public Task DOPT0007_missing_primal_parameter_is_reported_where_the_derivative_parameters_start()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}(double x, double[] w, {|#0:out double dx|});
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.PrimalParameterMismatch).WithLocation(0)
                .WithArguments("Parameter 3 of 'FGradient' must repeat parameter 'int n' of 'F', but is 'out double dx'"));
    }

    [Fact]
    public Task DOPT0007_too_few_parameters_is_reported_on_the_parameter_list()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}{|#0:(double x)|};
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.PrimalParameterMismatch).WithLocation(0)
                .WithArguments("'FGradient' must repeat the parameters of 'F' first: parameter 2 'double[] w' is missing"));
    }

    [Fact]
    public Task DOPT0008_gradient_parameters_of_the_wrong_kind_carry_the_expected_declaration()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}(double x, double[] w, int n, {|#0:double dx|}, {|#1:double[] dw|});
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'dx' is the gradient of 'x' and must be declared 'out double dx'"),
            Mismatch(1, "'dw' is the gradient of 'w' and must be declared 'Span<double> dw'"));
    }

    [Fact]
    public Task DOPT0008_tangent_parameters_of_the_wrong_kind_are_reported()
    {
        var source = Sources.InStaticClass(Primal + """
                [Jvp(nameof(F))]
                public static partial double {|CS8795:FJvp|}(double x, double[] w, int n, {|#0:out double dx|}, {|#1:Span<double> dw|}, out double dResult);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'dx' is the tangent of 'x' and must be declared 'double dx'"),
            Mismatch(1, "'dw' is the tangent of 'w' and must be declared 'ReadOnlySpan<double> dw'"));
    }

    [Fact]
    public Task DOPT0008_JVP_without_result_tangent_is_reported_on_its_last_parameter()
    {
        var source = Sources.InStaticClass(Primal + """
                [Jvp(nameof(F))]
                public static partial double {|CS8795:FJvp|}(double x, double[] w, int n, double dx, {|#0:ReadOnlySpan<double> dw|});
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "The last parameter of the JVP 'FJvp' must be 'out double dResult', the tangent of the result"));
    }

    [Fact]
    public Task DOPT0008_name_that_matches_no_input_is_reported()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}(double x, double[] w, int n, {|#0:out double dq|});
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'dq' names no input of 'F': a derivative parameter is named 'd' + the input's name, e.g. 'dX'"));
    }

    [Fact]
    public Task DOPT0008_derivative_parameters_out_of_order_are_reported()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}(double x, double[] w, int n, Span<double> dw, {|#0:out double dx|});
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'dx' is out of order: derivative parameters follow the order of their inputs in 'F'"));
    }

    [Fact]
    public Task DOPT0008_derivative_of_an_int_input_is_reported()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}(double x, double[] w, int n, {|#0:out double dN|});
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'n' has type 'int' and cannot be differentiated: only double, double[] and ReadOnlySpan<double> inputs carry derivatives"));
    }

    [Fact]
    public Task DOPT0008_declaration_without_derivative_parameters_is_reported_on_the_parameter_list()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static partial double {|CS8795:FGradient|}{|#0:(double x, double[] w, int n)|};
            """);
        return AnalyzerVerifier.VerifyAsync(source, Mismatch(0, "'FGradient' declares no derivative parameter: add one per input to differentiate, e.g. 'out double dx'"));
    }

    [Fact]
    public Task DOPT0009_wrong_return_type_is_reported_on_the_return_type()
    {
        var source = Sources.InStaticClass(Primal + """
                [Gradient(nameof(F))]
                public static partial {|#0:float|} {|CS8795:FGradient|}(double x, double[] w, int n, out double dx);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.ReturnTypeMismatch).WithLocation(0).WithArguments("'FGradient' must return 'double' (the value of 'F') or void"));
    }

    [Fact]
    public Task DOPT0010_instance_declaration_of_a_static_primal_is_reported_on_its_name()
    {
        var source = """
            using DiffOpt;

            public partial class Model
            {
                [Differentiable]
                public static double {|DOPT0012:F|}(double x) => x * x;

                [Gradient(nameof(F))]
                public partial double {|#0:{|CS8795:FGradient|}|}(double x, out double dx);
            }
            """;
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.StaticMismatch).WithLocation(0).WithArguments("FGradient", "static", "F"));
    }

    [Fact]
    public Task DOPT0010_static_declaration_of_an_instance_primal_is_reported_on_its_name()
    {
        var source = """
            using DiffOpt;

            public partial class Model
            {
                private readonly double scale = 2;

                [Differentiable]
                public double {|DOPT0012:F|}(double x) => scale * x * x;

                [Jvp(nameof(F))]
                public static partial double {|#0:{|CS8795:FJvp|}|}(double x, double dx, out double dResult);
            }
            """;
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.StaticMismatch).WithLocation(0).WithArguments("FJvp", "an instance method", "F"));
    }

    [Fact]
    public async Task DOPT0008_carries_the_expected_declaration_for_the_fix_only_when_there_is_one()
    {
        // The fix reads this property; a diagnostic without one (e.g. an unknown name) offers no fix.
        var source = Sources.InStaticClass(Primal.Replace("{|DOPT0012:F|}", "F", StringComparison.Ordinal) + """
                [Gradient(nameof(F))]
                public static partial double FGradient(double x, double[] w, int n, double dx, out double dq);
            """);
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(source);
        var mismatches = diagnostics.Where(d => d.Id == "DOPT0008").OrderBy(d => d.Location.SourceSpan.Start).ToArray();

        Assert.Equal(2, mismatches.Length);
        Assert.Equal("out double dx", mismatches[0].Properties[DerivativeBinder.ExpectedDeclarationProperty]);
        Assert.False(mismatches[1].Properties.ContainsKey(DerivativeBinder.ExpectedDeclarationProperty));
    }
}
