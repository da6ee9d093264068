using DiffOpt.Analyzers.Tests.Infrastructure;

namespace DiffOpt.Analyzers.Tests;

/// <summary>DOPT0012 (hidden): offered exactly where the generator would implement an inserted declaration.</summary>
public sealed class DerivativeCanBeDeclaredTests
{
    [Fact]
    public Task Reported_on_the_name_of_a_method_the_generator_can_differentiate()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double {|DOPT0012:Square|}(double x) => x * x;

                [Differentiable]
                internal static double {|DOPT0012:Dot|}(ReadOnlySpan<double> a, double[] b, int n) => a[n] * b[n];
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Not_reported_when_the_method_has_errors()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|DOPT0001:while|} (x > 1) { x /= 2; }
                    return x;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Not_reported_when_no_input_can_be_differentiated()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double Half(int n) => n / 2.0;
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Not_reported_when_the_type_is_not_partial()
    {
        var source = """
            using DiffOpt;

            public static class {|DOPT0011:Model|}
            {
                [Differentiable]
                public static double F(double x) => x * x;
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Reported_once_for_a_partial_method_split_across_its_parts()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static partial double F(double x);

                public static partial double {|DOPT0012:F|}(double x) => x * x;
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }
}
