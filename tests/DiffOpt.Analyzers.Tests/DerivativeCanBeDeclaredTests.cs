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
                    {|DOPT0001:goto done;|}
                    {|DOPT0001:done:|} return x;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Reported_on_methods_with_loops_local_arrays_matrices_and_vector_outputs()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double {|DOPT0012:Sum|}(double[,] a)
                {
                    double[] rows = new double[a.GetLength(0)];
                    for (int i = 0; i < a.GetLength(0); i++)
                    {
                        for (int j = 0; j < a.GetLength(1); j++)
                        {
                            rows[i] += a[i, j];
                        }
                    }

                    double s = 0;
                    int k = 0;
                    while (k < rows.Length)
                    {
                        s += rows[k] * rows[k];
                        k++;
                    }

                    return s;
                }

                [Differentiable]
                public static void {|DOPT0012:Scale|}(ReadOnlySpan<double> x, double c, Span<double> y)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        y[i] = c * x[i];
                    }
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Not_reported_when_the_method_does_not_compile()
    {
        // The generator implements no declaration of a primal with compiler errors: the fix would insert a CS8795.
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x) => {|CS0103:Missing|}(x) + x;

                [Differentiable]
                public static double G(double x) => x * {|CS0103:y|};
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Not_reported_when_no_input_can_be_differentiated()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double Half(int n) => n / 2.0;

                [Differentiable]
                public static double Constant([NonDifferentiable] double c, int n) => c * n;

                [Differentiable]
                public static void Fill(int n, Span<double> y) { y[0] = n; }
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
