using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>
/// [Hvp] declarations: the primal's parameters, then the direction (<c>ReadOnlySpan&lt;double&gt; v</c> or
/// <c>double v</c>) and the result (<c>Span&lt;double&gt; hv</c> or <c>out double hv</c>), with respect to the one
/// differentiable input, or the input the attribute names.
/// </summary>
public sealed class HvpDeclarationTests
{
    // Energy(x, c, n): x and c are differentiable inputs, n is not.
    private const string Primal = """
            [Differentiable]
            public static double {|DOPT0012:Energy|}(ReadOnlySpan<double> x, double c, int n)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += Math.Exp(c * x[i]) / n;
                }

                return s;
            }

            [Differentiable]
            public static double {|DOPT0012:Cubic|}(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += x[i] * x[i] * x[i];
                }

                return s;
            }

        """;

    private static DiagnosticResult Mismatch(int location, string message) =>
        new DiagnosticResult(DiagnosticDescriptors.DerivativeParameterMismatch).WithLocation(location).WithArguments(message);

    [Fact]
    public Task Matching_hvp_declarations_report_nothing()
    {
        var source = Sources.InStaticClass(Primal + """
                [Hvp(nameof(Cubic))]
                public static partial void CubicHvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);

                [Hvp(nameof(Energy), "x")]
                public static partial void EnergyHvpX(ReadOnlySpan<double> x, double c, int n, ReadOnlySpan<double> v, Span<double> hv);

                // A scalar input: scalar direction and result; returning the primal's value is allowed.
                [Hvp(nameof(Energy), "c")]
                public static partial double EnergyHvpC(ReadOnlySpan<double> x, double c, int n, double v, out double hv);
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Several_inputs_without_naming_one_is_reported_on_the_attribute()
    {
        var source = Sources.InStaticClass(Primal + """
                [{|#0:Hvp(nameof(Energy))|}]
                public static partial void {|CS8795:EnergyHvp|}(ReadOnlySpan<double> x, double c, int n, ReadOnlySpan<double> v, Span<double> hv);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'Energy' has several differentiable inputs: name the one the Hessian is taken with respect to, e.g. [Hvp(nameof(Energy), \"x\")]"));
    }

    [Fact]
    public Task Naming_a_parameter_that_is_not_a_differentiable_input_is_reported_on_the_attribute()
    {
        var source = Sources.InStaticClass(Primal + """
                [{|#0:Hvp(nameof(Energy), "n")|}]
                public static partial void {|CS8795:EnergyHvpN|}(ReadOnlySpan<double> x, double c, int n, double v, out double hv);

                [{|#1:Hvp(nameof(Energy), "q")|}]
                public static partial void {|CS8795:EnergyHvpQ|}(ReadOnlySpan<double> x, double c, int n, double v, out double hv);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'n' is not a differentiable input of 'Energy': name a double, double[] or ReadOnlySpan<double> parameter"),
            Mismatch(1, "'q' is not a differentiable input of 'Energy': name a double, double[] or ReadOnlySpan<double> parameter"));
    }

    [Fact]
    public Task NonDifferentiable_input_cannot_be_named_and_does_not_count_as_a_candidate()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double {|DOPT0012:Scaled|}(ReadOnlySpan<double> x, [NonDifferentiable] double c) => x[0] * x[0] * c;

                // x is the only differentiable input: no name needed.
                [Hvp(nameof(Scaled))]
                public static partial void ScaledHvp(ReadOnlySpan<double> x, double c, ReadOnlySpan<double> v, Span<double> hv);

                [{|#0:Hvp(nameof(Scaled), "c")|}]
                public static partial void {|CS8795:ScaledHvpC|}(ReadOnlySpan<double> x, double c, double v, out double hv);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'c' is marked [NonDifferentiable]: a Hessian cannot be taken with respect to it"));
    }

    [Fact]
    public Task Direction_and_result_of_the_wrong_kind_carry_the_expected_declaration()
    {
        var source = Sources.InStaticClass(Primal + """
                [Hvp(nameof(Cubic))]
                public static partial void {|CS8795:CubicHvp|}(ReadOnlySpan<double> x, {|#0:Span<double> v|}, {|#1:ReadOnlySpan<double> hv|});

                [Hvp(nameof(Energy), "c")]
                public static partial void {|CS8795:EnergyHvpC|}(ReadOnlySpan<double> x, double c, int n, {|#2:out double v|}, {|#3:double hv|});
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'v' is the direction of the Hessian-vector product in 'x' and must be declared 'ReadOnlySpan<double> v'"),
            Mismatch(1, "'hv' receives the Hessian-vector product in 'x' and must be declared 'Span<double> hv'"),
            Mismatch(2, "'v' is the direction of the Hessian-vector product in 'c' and must be declared 'double v'"),
            Mismatch(3, "'hv' receives the Hessian-vector product in 'c' and must be declared 'out double hv'"));
    }

    [Fact]
    public Task Missing_or_extra_parameters_after_the_primals_are_reported_on_the_parameter_list()
    {
        var source = Sources.InStaticClass(Primal + """
                [Hvp(nameof(Cubic))]
                public static partial void {|CS8795:CubicHvp|}{|#0:(ReadOnlySpan<double> x, ReadOnlySpan<double> v)|};

                [Hvp(nameof(Cubic))]
                public static partial void {|CS8795:CubicHvp2|}{|#1:(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv, Span<double> extra)|};
            """);
        const string Expected = "the direction 'ReadOnlySpan<double> v' and the result 'Span<double> hv'";
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "After the parameters of 'Cubic', the Hessian-vector product 'CubicHvp' takes " + Expected),
            Mismatch(1, "After the parameters of 'Cubic', the Hessian-vector product 'CubicHvp2' takes " + Expected));
    }

    [Fact]
    public Task Hvp_that_does_not_repeat_the_primals_parameters_is_reported_on_the_parameter()
    {
        var source = Sources.InStaticClass(Primal + """
                [Hvp(nameof(Energy), "x")]
                public static partial void {|CS8795:EnergyHvp|}(ReadOnlySpan<double> x, {|#0:int n|}, {|#1:double c|}, ReadOnlySpan<double> v, Span<double> hv);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.PrimalParameterMismatch).WithLocation(0).WithArguments("Parameter 2 of 'EnergyHvp' must repeat parameter 'double c' of 'Energy', but is 'int n'"),
            new DiagnosticResult(DiagnosticDescriptors.PrimalParameterMismatch).WithLocation(1).WithArguments("Parameter 3 of 'EnergyHvp' must repeat parameter 'int n' of 'Energy', but is 'double c'"));
    }

    [Fact]
    public Task Hvp_with_the_wrong_return_type_is_reported_on_the_return_type()
    {
        var source = Sources.InStaticClass(Primal + """
                [Hvp(nameof(Cubic))]
                public static partial {|#0:float|} {|CS8795:CubicHvp|}(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);
            """);
        return AnalyzerVerifier.VerifyAsync(source, new DiagnosticResult(DiagnosticDescriptors.ReturnTypeMismatch).WithLocation(0).WithArguments("'CubicHvp' must return 'double' (the value of 'Cubic') or void"));
    }

    [Fact]
    public Task Generic_hvp_and_hvp_with_a_second_derivative_attribute_are_reported()
    {
        var source = Sources.InStaticClass(Primal + """
                [Hvp(nameof(Cubic))]
                public static partial void {|CS8795:CubicHvp|}{|#0:<T>|}(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);

                [Hvp(nameof(Cubic)), Gradient(nameof(Cubic))]
                public static partial void {|#1:{|CS8795:CubicHvp2|}|}(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Mismatch(0, "'CubicHvp' cannot be generic: a derivative declaration has exactly the primal's types"),
            Mismatch(1, "'CubicHvp2' carries more than one derivative attribute: declare one method per derivative"));
    }

    [Fact]
    public Task Hvp_of_an_unknown_method_is_reported_on_the_attribute()
    {
        var source = Sources.InStaticClass(Primal + """
                [{|#0:Hvp("Missing")|}]
                public static partial void {|CS8795:MissingHvp|}(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);
            """);
        return AnalyzerVerifier.VerifyAsync(source, new DiagnosticResult(DiagnosticDescriptors.UnknownTarget).WithLocation(0).WithArguments("Missing", "Model", "the derivative attribute needs nameof(F) of a [Differentiable] method of the same type"));
    }

    [Fact]
    public async Task Direction_of_the_wrong_kind_carries_the_expected_declaration_for_the_fix()
    {
        var source = Sources.InStaticClass(Primal + """
                [Hvp(nameof(Cubic))]
                public static partial void CubicHvp(ReadOnlySpan<double> x, double[] v, Span<double> hv);
            """);
        var mismatch = Assert.Single(await AnalyzerRunner.GetDiagnosticsAsync(Sources.WithoutMarkup(source)), d => d.Id == "DOPT0008");

        Assert.Equal("ReadOnlySpan<double> v", mismatch.Properties[DerivativeBinder.ExpectedDeclarationProperty]);
    }
}
