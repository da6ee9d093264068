using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>DOPT0002: values of a type the differentiable subset does not have, reported where the type is written or used.</summary>
public sealed class UnsupportedTypeTests
{
    private const string ParameterTypes = "supported parameter types are double, int, bool, double[] and ReadOnlySpan<double>";

    private static DiagnosticResult UnsupportedType(int location, string what, string type, string reason) =>
        new DiagnosticResult(DiagnosticDescriptors.UnsupportedType).WithLocation(location).WithArguments(what, type, reason);

    [Fact]
    public Task Parameters_of_unsupported_types_are_reported_on_each_parameter()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(string {|#0:s|}, float {|#1:f|}, double[,] {|#2:m|}, double x) => x;
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            UnsupportedType(0, "Parameter 's'", "string", ParameterTypes),
            UnsupportedType(1, "Parameter 'f'", "float", ParameterTypes),
            UnsupportedType(2, "Parameter 'm'", "double[*,*]", ParameterTypes));
    }

    [Fact]
    public Task Return_type_other_than_double_is_reported_on_the_return_type()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static {|#0:float|} F(double x) => ({|#1:float|})x;
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            UnsupportedType(0, "The return value", "float", "a differentiable method returns double"),
            UnsupportedType(1, "This cast", "float", "casts convert between double and int"));
    }

    [Fact]
    public Task Local_of_an_unsupported_type_is_reported_on_the_declared_type()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|#0:decimal|} scale = 2m;
                    return x * (double){|#1:scale|};
                }
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            UnsupportedType(0, "Local 'scale'", "decimal", "locals are double, int or bool"),
            // A follow-on report: the local was not lowered, so reading it is reported too (see the bug note).
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedConstruct).WithLocation(1).WithArguments("'scale'", "only parameters, locals, constants, fields and properties can be read"));
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
    public Task Lambda_stored_in_a_local_is_reported_on_the_delegate_type_and_its_call()
    {
        // The front end reports the delegate-typed local and the delegate call; see /work/bugs note on lambdas.
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|#0:Func<double, double>|} square = t => t * t;
                    return {|#1:square|}(x);
                }
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            UnsupportedType(0, "Local 'square'", "System.Func<double, double>", "locals are double, int or bool"),
            new DiagnosticResult(DiagnosticDescriptors.CallWithoutDerivative).WithLocation(1).WithArguments("Func<double, double>.Invoke(double)"));
    }
}
