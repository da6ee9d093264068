using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>DOPT0002: values of a type the differentiable subset does not have, reported where the type is written or used.</summary>
public sealed class UnsupportedTypeTests
{
    internal const string ParameterTypes = "supported parameter types are double, float, int, bool, double[], double[,], ReadOnlySpan<double> (and their float forms), int[] and ReadOnlySpan<int> (index arrays) and (outputs of void methods) Span<double>";

    private const string LocalTypes = "locals are double, int, bool or double[] created with new double[n]";

    private static DiagnosticResult UnsupportedType(int location, string what, string type, string reason) =>
        new DiagnosticResult(DiagnosticDescriptors.UnsupportedType).WithLocation(location).WithArguments(what, type, reason);

    [Fact]
    public Task Parameters_of_unsupported_types_are_reported_on_each_parameter_and_not_again_where_they_are_read()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(string {|#0:s|}, long {|#1:k|}, double[][] {|#2:m|}, dynamic {|#3:d|}, double x) => x * k + d;
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            UnsupportedType(0, "Parameter 's'", "string", ParameterTypes),
            UnsupportedType(1, "Parameter 'k'", "long", ParameterTypes),
            UnsupportedType(2, "Parameter 'm'", "double[][]", ParameterTypes),
            UnsupportedType(3, "Parameter 'd'", "dynamic", ParameterTypes));
    }

    [Fact]
    public Task Dynamic_local_is_reported_on_its_type_and_not_again_where_it_is_used()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|#0:dynamic|} d = x;
                    return x * d;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, UnsupportedType(0, "Local 'd'", "dynamic", LocalTypes));
    }

    [Fact]
    public Task Return_type_other_than_double_is_reported_on_the_return_type()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static {|#0:decimal|} F(double x) => ({|#1:decimal|})x;

                [Differentiable]
                public static {|#2:void|} G(double x, double[] y) { }
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            UnsupportedType(0, "The return value", "decimal", "a differentiable method returns double, or is void and writes Span<double> outputs"),
            UnsupportedType(1, "This cast", "decimal", "casts convert between double and int"),
            UnsupportedType(2, "The return value", "void", "a void differentiable method writes its results into Span<double> parameters, and this one has none"));
    }

    [Fact]
    public Task Local_of_an_unsupported_type_is_reported_on_the_declared_type_and_not_again_where_it_is_read()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|#0:decimal|} scale = 2m;
                    return x * (double)scale;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, UnsupportedType(0, "Local 'scale'", "decimal", LocalTypes));
    }

    [Fact]
    public Task Casts_to_types_other_than_double_and_int_are_reported_on_the_target_type()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x) => ({|#0:long|})x + (int)x;
            """);
        return AnalyzerVerifier.VerifyAsync(source, UnsupportedType(0, "This cast", "long", "casts convert between double and int"));
    }

    [Fact]
    public Task Literals_of_other_types_are_reported_on_the_literal()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x) => x + {|#0:'a'|} + {|#1:2L|};
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            UnsupportedType(0, "This literal", "char", "use double, int or bool values"),
            UnsupportedType(1, "This literal", "long", "use double, int or bool values"));
    }

    [Fact]
    public Task Field_of_an_unsupported_type_is_reported_where_it_is_read()
    {
        var source = Sources.InStaticClass("""
                private static readonly decimal Rate = 0.5m;

                [Differentiable]
                public static double F(double x) => x * (double){|#0:Rate|};
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            UnsupportedType(0, "Member 'Rate'", "decimal", "fields and properties read in a differentiable method must be double, int or bool"));
    }

    [Fact]
    public Task Unsupported_expressions_in_conditions_are_reported_once_not_again_as_a_bool_of_the_wrong_type()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double[] w) => {|#0:w is { Length: > 0 }|} ? w[0] : 0;
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedConstruct).WithLocation(0).WithArguments("This expression (is pattern expression)", "see docs/supported-csharp.md for the supported subset"));
    }
}
