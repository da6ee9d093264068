using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>DOPT0003: calls to methods that have no derivative, reported on the called expression.</summary>
public sealed class CallWithoutDerivativeTests
{
    private static DiagnosticResult NoDerivative(int location, string method) =>
        new DiagnosticResult(DiagnosticDescriptors.CallWithoutDerivative).WithLocation(location).WithArguments(method);

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
        return AnalyzerVerifier.VerifyAsync(source, NoDerivative(0, "Model.Helper(double)"));
    }

    [Fact]
    public Task Math_members_outside_the_table_are_reported()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x) => {|#0:Math.Round|}(x, 2) + {|#1:Math.BitIncrement|}(x) + Math.Sin(x) + Math.Round(x);
            """);
        return AnalyzerVerifier.VerifyAsync(source, NoDerivative(0, "Math.Round(double, int)"), NoDerivative(1, "Math.BitIncrement(double)"));
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
        return AnalyzerVerifier.VerifyAsync(source, NoDerivative(0, "IEnumerable<double>.Sum()"), NoDerivative(1, "IEnumerable<double>.Sum()"));
    }

    [Fact]
    public Task Call_to_a_differentiable_method_that_cannot_be_lowered_is_reported_at_the_call()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double Length(string {|DOPT0002:s|}) => {|#1:s.Length|};

                [Differentiable]
                public static double F(double x) => {|#0:Length|}("abc") * x;
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            NoDerivative(0, "Model.Length(string)"),
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedConstruct).WithLocation(1).WithArguments("Reading a member of another object", "read members of this object or static members, or pass the value as a parameter"));
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
        return AnalyzerVerifier.VerifyAsync(source, NoDerivative(0, "Helpers.Twice(double)"));
    }
}
