using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>
/// DOPT0025–DOPT0029: [TorchFunction] declarations the generator cannot implement. The sources declare a stand-in
/// <c>TorchSharp.torch.Tensor</c> (the analyzer matches the type by name), so no TorchSharp reference is needed; the
/// generator implements nothing for a rejected declaration, so the compiler's CS8795 accompanies each.
/// </summary>
public sealed class TorchFunctionTests
{
    private const string Remedy = "set UseAutogradFunction = true on the [TorchFunction] attribute to run the method as a torch.autograd.Function over its generated pullback";

    private static string Source(string members) => Sources.InStaticClass("""
            
        """ + members) + """

        namespace TorchSharp
        {
            public static class torch
            {
                public sealed class Tensor { }
            }
        }
        """;

    private const string Usings = "using Tensor = TorchSharp.torch.Tensor;\n";

    [Fact]
    public Task DOPT0025_unknown_or_not_differentiable_target_is_reported_on_the_attribute()
    {
        var source = Usings + Source("""
                public static double Plain(double x) => x * x;

                [{|#0:TorchFunction("Missing")|}]
                public static partial Tensor {|CS8795:A|}(Tensor x);

                [{|#1:TorchFunction(nameof(Plain))|}]
                public static partial Tensor {|CS8795:B|}(Tensor x);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.TorchFunctionTargetNotFound).WithLocation(0).WithArguments("Missing", "Model", "there is no method with that name"),
            new DiagnosticResult(DiagnosticDescriptors.TorchFunctionTargetNotFound).WithLocation(1).WithArguments("Plain", "Model", "mark it [Differentiable] so its derivatives are generated"));
    }

    [Fact]
    public Task DOPT0026_declaration_that_does_not_repeat_the_target_is_reported_on_its_name()
    {
        var source = Usings + Source("""
                [Differentiable]
                public static double {|DOPT0012:F|}(double x, double y) => x * y;

                [TorchFunction(nameof(F))]
                public static partial Tensor {|#0:FTorch|}(Tensor x);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.TorchFunctionSignatureMismatch).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithMessage(
                "'FTorch' must return Tensor and repeat the parameters of 'F' (double and vectors as Tensor, int/bool unchanged, a Span<double> output as its int length): [TorchFunction(nameof(F))] public static partial Tensor FTorch(Tensor x, Tensor y);"),
            DiagnosticResult.CompilerError("CS8795").WithLocation(0));
    }

    [Fact]
    public Task DOPT0027_loops_and_element_reads_in_an_elementwise_target_are_reported_on_the_exact_syntax()
    {
        var source = Usings + Source("""
                [Differentiable]
                public static double {|DOPT0012:Heron|}(double a)
                {
                    double x = a;
                    {|#0:for|} (int i = 0; i < 5; i++)
                    {
                        x = 0.5 * (x + a / x);
                    }

                    return x;
                }

                [TorchFunction(nameof(Heron))]
                public static partial Tensor {|CS8795:HeronTorch|}(Tensor a);

                // The same method as an autograd function is fine (no diagnostic, and the generator implements it).
                [TorchFunction(nameof(Heron), UseAutogradFunction = true)]
                public static partial Tensor {|CS8795:HeronFunction|}(Tensor a);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.TorchNotElementwise).WithLocation(0).WithArguments("A 'for' loop", "HeronTorch", "loops have no elementwise form; " + Remedy));
    }

    [Fact]
    public Task DOPT0028_call_of_a_user_method_is_reported_on_the_called_expression()
    {
        var source = Usings + Source("""
                [Differentiable]
                public static double {|DOPT0012:Square|}(double x) => x * x;

                [Differentiable]
                public static double {|DOPT0012:F|}(double x) => {|#0:Square|}(x) + Math.Sin(x);

                [TorchFunction(nameof(F))]
                public static partial Tensor {|CS8795:FTorch|}(Tensor x);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.TorchCallWithoutTensorForm).WithLocation(0).WithArguments(
                "Model.Square", "FTorch",
                "only Math functions with a derivative rule, Math.Sign and Ad.StopGradient are lowered; calls of other methods are not inlined into tensor code — give the callee its own [TorchFunction] and compose the two in TorchSharp, or " + Remedy));
    }

    [Fact]
    public Task DOPT0029_parameters_without_a_tensor_form_are_reported_on_the_parameter()
    {
        var source = Usings + Source("""
                [Differentiable]
                public static double {|DOPT0012:G|}(double[,] {|#0:m|}, ReadOnlySpan<double> v) => m[0, 0] * v[0];

                [TorchFunction(nameof(G))]
                public static partial Tensor {|CS8795:GTorch|}(Tensor m, Tensor v);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.TorchUnsupportedParameter).WithLocation(0).WithArguments(
                "m", "double[,]", "GTorch", "double[,] has no TorchSharp form yet; pass the matrix flattened row-major as ReadOnlySpan<double> with its column count as an int"));
    }

    [Fact]
    public Task Valid_elementwise_and_function_declarations_report_nothing()
    {
        var source = Usings + Source("""
                [Differentiable]
                public static double {|DOPT0012:Softplus|}(double x) => x > 20 ? x : Math.Log(1 + Math.Exp(x));

                [TorchFunction(nameof(Softplus))]
                public static partial Tensor {|CS8795:SoftplusTorch|}(Tensor x);

                [Differentiable]
                public static void {|DOPT0012:Scale|}(ReadOnlySpan<double> x, double s, int n, Span<double> y) { for (int i = 0; i < n; i++) y[i] = s * x[i]; }

                [TorchFunction(nameof(Scale))]
                public static partial Tensor {|CS8795:ScaleTorch|}(Tensor x, Tensor s, int n, int yLength);
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task DOPT0029_float_parameters_and_two_outputs_are_reported()
    {
        var source = Usings + Source("""
                [Differentiable]
                public static double {|DOPT0012:H|}(float {|#0:x|}) => x * x;

                [TorchFunction(nameof(H))]
                public static partial Tensor {|CS8795:HTorch|}(Tensor x);

                [Differentiable]
                public static void {|DOPT0012:Two|}(ReadOnlySpan<double> x, Span<double> a, Span<double> {|#1:b|}) { a[0] = x[0]; b[0] = x[0]; }

                [TorchFunction(nameof(Two))]
                public static partial Tensor {|CS8795:TwoTorch|}(Tensor x, int aLength, int bLength);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.TorchUnsupportedParameter).WithLocation(0).WithArguments(
                "x", "float", "HTorch", "float parameters are not supported by the TorchSharp lowering; use double (tensors of any dtype are converted)"),
            new DiagnosticResult(DiagnosticDescriptors.TorchUnsupportedParameter).WithLocation(1).WithArguments(
                "b", "Span<double>", "TwoTorch", "a [TorchFunction] returns one tensor, so the target may have at most one Span<double> output"));
    }

    [Fact]
    public Task DOPT0027_local_arrays_and_element_reads_in_an_elementwise_target()
    {
        var source = Usings + Source("""
                [Differentiable]
                public static double {|DOPT0012:Poly|}(double x)
                {
                    double[] c = {|#0:new double[2]|};
                    {|#1:c[0]|} = x;
                    return x * {|#2:c[0]|};
                }

                [TorchFunction(nameof(Poly))]
                public static partial Tensor {|CS8795:PolyTorch|}(Tensor x);
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.TorchNotElementwise).WithLocation(0).WithArguments("A local array", "PolyTorch", "the elementwise form has no arrays; " + Remedy),
            new DiagnosticResult(DiagnosticDescriptors.TorchNotElementwise).WithLocation(1).WithArguments("An element access", "PolyTorch", "the elementwise form has no arrays; " + Remedy),
            new DiagnosticResult(DiagnosticDescriptors.TorchNotElementwise).WithLocation(2).WithArguments("An element access", "PolyTorch", "the elementwise form has no arrays; " + Remedy));
    }
}
