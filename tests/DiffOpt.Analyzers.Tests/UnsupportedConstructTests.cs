using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>DOPT0001: each construct outside the differentiable subset, reported on the exact syntax the front end names.</summary>
public sealed class UnsupportedConstructTests
{
    private static DiagnosticResult Unsupported(int location, string construct) =>
        new DiagnosticResult(DiagnosticDescriptors.UnsupportedConstruct).WithLocation(location).WithMessageFormat("{0} is not supported in a [Differentiable] method: {1}").WithArguments(construct, Reason(construct));

    // The reasons are part of the message the user reads; each construct has its own.
    private static string Reason(string construct) => construct switch
    {
        "A loop" => "this version differentiates straight-line code and branches; loops come next",
        "'try'" or "'throw'" => "exceptions cannot be differentiated; validate inputs before calling the differentiable method",
        "A throw expression" => "exceptions cannot be differentiated",
        "'goto' and labels" => "only structured control flow can be differentiated",
        "'switch'" => "use if/else",
        "Writing an array element" or "Assigning a field or property" => "a differentiable method assigns only its locals and scalar parameters",
        "Creating an object" => "this version supports scalar locals only",
        "A local function" => "move it to a [Differentiable] method of the type",
        "A generic method" => "differentiable methods work on double; remove the type parameters",
        "An assignment inside an expression" => "write the assignment as its own statement",
        "A 'using' declaration" => "resources cannot be differentiated",
        "'%' on double" => "the remainder of doubles has no derivative rule; use Math.IEEERemainder-free code or int operands",
        "Index-from-end and ranges" => "index with an int expression such as x[x.Length - 1]",
        "A virtual call" => "the generator must know which body runs; make the method non-virtual",
        "A call on another object" => "instance calls are supported on 'this' only; virtual and interface dispatch cannot be differentiated",
        "Named, ref, out or in arguments" => "pass arguments by position and by value",
        "An omitted optional argument" => "pass every argument of a differentiable call explicitly",
        "Reading a member of another object" => "read members of this object or static members, or pass the value as a parameter",
        "A method without a body" => "the generator differentiates the body it can read",
        _ => throw new ArgumentOutOfRangeException(nameof(construct), construct, "no reason recorded for this construct"),
    };

    [Theory]
    [InlineData("for (int i = 0; i < 3; i++) { s += x; }", "for")]
    [InlineData("foreach (var v in new[] { 1.0, 2.0 }) { s += v * x; }", "foreach")]
    [InlineData("while (s < 3) { s += x; }", "while")]
    [InlineData("do { s += x; } while (s < 3);", "do")]
    public Task Loops_are_reported_on_their_keyword(string loop, string keyword)
    {
        var marked = "{|#0:" + keyword + "|}" + loop.Substring(keyword.Length);
        var source = Sources.InStaticClass($$"""
                [Differentiable]
                public static double F(double x)
                {
                    double s = 0;
                    {{marked}}
                    return s;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "A loop"));
    }

    [Fact]
    public Task Try_is_reported_on_its_keyword()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|#0:try|}
                    {
                        return x;
                    }
                    finally
                    {
                    }
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "'try'"));
    }

    [Fact]
    public Task Throw_statement_and_throw_expression_are_reported_where_they_stand()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    if (x < 0)
                    {
                        {|#0:throw new ArgumentOutOfRangeException(nameof(x));|}
                    }

                    return x < 10 ? x : {|#1:throw new ArgumentException("too large")|};
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "'throw'"), Unsupported(1, "A throw expression"));
    }

    [Fact]
    public Task Goto_and_its_label_are_both_reported()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|#0:goto done;|}
                    {|#1:done: return x;|}
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "'goto' and labels"), Unsupported(1, "'goto' and labels"));
    }

    [Fact]
    public Task Switch_statement_is_reported_on_its_keyword()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x, int k)
                {
                    {|#0:switch|} (k)
                    {
                        case 0: return x;
                        default: return 2 * x;
                    }
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "'switch'"));
    }

    [Fact]
    public Task Switch_expression_is_reported_as_a_whole()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x, int k) => {|DOPT0001:k switch { 0 => x, _ => 2 * x }|};
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Writing_an_array_element_is_reported_on_the_element()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double[] w, double x)
                {
                    {|#0:w[0]|} = x;
                    return x;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "Writing an array element"));
    }

    [Fact]
    public Task Assigning_a_field_is_reported_on_the_field()
    {
        var source = Sources.InStaticClass("""
                private static double scale = 2;

                [Differentiable]
                public static double F(double x)
                {
                    {|#0:scale|} = x;
                    return x * scale;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "Assigning a field or property"));
    }

    [Fact]
    public Task Creating_an_object_is_reported_on_the_creation()
    {
        var source = """
            using DiffOpt;

            public readonly struct Meters
            {
                public Meters(double value) => Value = value;

                public double Value { get; }

                public static implicit operator double(Meters m) => m.Value;
            }

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => x * {|#0:new Meters(2)|};
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "Creating an object"));
    }

    [Fact]
    public Task Local_function_is_reported_on_its_name_and_its_call_has_no_derivative()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    double {|#0:Square|}(double t) => t * t;
                    return {|DOPT0003:Square|}(x);
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "A local function"));
    }

    [Fact]
    public Task Ref_parameter_is_reported_on_the_parameter()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(ref double {|#0:x|}) => 2.0;
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedConstruct).WithLocation(0)
                .WithArguments("A 'ref' parameter", "parameters are passed by value (use a Span<double> output with a [Vjp] in a later version)"));
    }

    [Fact]
    public Task Generic_method_is_reported_on_its_type_parameter_list()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F{|#0:<T>|}(double x) => x;
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "A generic method"));
    }

    [Fact]
    public Task Assignment_and_increment_inside_an_expression_are_reported_on_themselves()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    double y;
                    double z = ({|#0:y = x|}) + 1;
                    int i = 0;
                    double q = {|DOPT0001:i++|} * x;
                    return z + q;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "An assignment inside an expression"));
    }

    [Fact]
    public Task Using_declaration_and_lock_are_reported_as_statements()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|#0:using var stream = new System.IO.MemoryStream();|}
                    {|DOPT0001:lock (stream) { }|}
                    return x;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "A 'using' declaration"));
    }

    [Fact]
    public Task Remainder_of_doubles_and_bitwise_operators_are_reported_on_the_operator()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x, int k)
                {
                    double y = x {|#0:%|} 2.0;
                    int r = k % 3;
                    double b = k {|DOPT0001:&|} 3;
                    return y + b + r + {|DOPT0001:~k|};
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "'%' on double"));
    }

    [Fact]
    public Task Index_from_end_is_reported_on_the_index()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double[] w) => w[{|#0:^1|}];
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "Index-from-end and ranges"));
    }

    [Fact]
    public Task Virtual_calls_are_reported_on_the_callee()
    {
        var source = """
            using DiffOpt;

            public partial class Shape
            {
                [Differentiable]
                public virtual double Area(double x) => x * x;

                [Differentiable]
                public double F(double x) => {|#0:Area|}(x) + {|#1:this.Area|}(x);
            }
            """;
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.DerivativeCanBeDeclared).WithSpan(6, 27, 6, 31).WithArguments("Area"),
            Unsupported(0, "A virtual call"),
            Unsupported(1, "A virtual call"));
    }

    [Fact]
    public Task Instance_call_on_another_object_is_reported_on_the_callee()
    {
        var source = """
            using DiffOpt;

            public partial class Layer
            {
                [Differentiable]
                public double Apply(double x) => 2 * x;
            }

            public partial class Network
            {
                private static readonly Layer Hidden = new();

                [Differentiable]
                public double F(double x) => {|#0:Hidden.Apply|}(x);
            }
            """;
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.DerivativeCanBeDeclared).WithSpan(6, 19, 6, 24).WithArguments("Apply"),
            Unsupported(0, "A call on another object"));
    }

    [Fact]
    public Task Named_arguments_are_reported_on_the_argument_list()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double {|DOPT0012:Difference|}(double a, double b) => a - b;

                [Differentiable]
                public static double F(double x) => Difference{|#0:(b: x, a: 1)|} + Math.Pow{|#1:(x, y: 2)|};
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "Named, ref, out or in arguments"), Unsupported(1, "Named, ref, out or in arguments"));
    }

    [Fact]
    public Task Omitted_optional_argument_is_reported_on_the_argument_list()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double {|DOPT0012:Shift|}(double a, double b = 1) => a - b;

                [Differentiable]
                public static double F(double x) => Shift{|#0:(x)|};
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "An omitted optional argument"));
    }

    [Fact]
    public Task Reading_a_member_of_another_object_is_reported_on_the_access()
    {
        var source = """
            using DiffOpt;

            public sealed class Settings
            {
                public double Scale = 1;
            }

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x, Settings settings) => x * {|#0:settings.Scale|};
            }
            """;
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedType).WithSpan(11, 47, 11, 55).WithArguments("Parameter 'settings'", "Settings", "supported parameter types are double, int, bool, double[] and ReadOnlySpan<double>"),
            Unsupported(0, "Reading a member of another object"));
    }

    [Fact]
    public Task Method_without_a_body_is_reported_on_its_name()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static partial double {|#0:{|CS8795:F|}|}(double x);
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "A method without a body"));
    }

    [Fact]
    public Task Expression_statement_is_reported_as_a_whole()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|DOPT0001:Console.WriteLine(x);|}
                    return x;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }

    [Fact]
    public Task Every_unsupported_construct_in_a_method_is_reported_not_only_the_first()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    double s = 0;
                    {|DOPT0001:while|} (s < 1) { s += x; }
                    {|DOPT0001:try|} { s += 1; } catch { }
                    {|DOPT0001:goto end;|}
                    {|DOPT0001:end: return s;|}
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source);
    }
}
