using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
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
        "'try'" or "'throw'" => "exceptions cannot be differentiated; validate inputs before calling the differentiable method",
        "A throw expression" => "exceptions cannot be differentiated",
        "'goto'" or "A label" => "only structured control flow can be differentiated; use loops with break/continue",
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
        "An extern method" => "the body must be ordinary C# the generator can read",
        "A 'ref' parameter" or "A 'in' parameter" => "parameters are passed by value; write vector results into a Span<double> output",
        "Unsafe code" => "pointers cannot be differentiated",
        "A ref local" => "use an ordinary local",
        "A lambda" => "delegates cannot be differentiated; call a [Differentiable] method instead",
        "An array declared inside a loop or branch" => "declare local arrays at the start of the method body, outside loops and branches",
        "This array local" => "create local arrays as 'double[] a = new double[n];' (zero-filled) and fill them with element writes",
        "A Span<double> output in a method that returns a value" => "make the method void and write every result into its output spans",
        "Using the result of 'Residual'" => "it writes its results into Span<double> outputs; call it as a statement",
        "Discarding the result of 'Square'" => "use its value, or remove the call",
        "This output argument" => "an output span receives a local array or one of the caller's own Span<double> outputs",
        "This statement (lock statement)" or "This statement (expression statement)" => "supported statements are declarations, assignments, calls of differentiable void methods, if/else, for/while/do, break, continue and return",
        "[Differentiable] on a local function" => "DiffOpt generates code for methods of a partial type only; make 'Square' a method of the type",
        "[Gradient] on a local function" => "DiffOpt generates code for methods of a partial type only; make 'SquareGradient' a method of the type",
        "[Differentiable] on a lambda" => "DiffOpt generates code for methods of a partial type only; write it as a method of the type",
        _ => throw new ArgumentOutOfRangeException(nameof(construct), construct, "no reason recorded for this construct"),
    };

    [Fact]
    public Task Foreach_is_reported_on_its_keyword_with_the_indexed_loop_to_write_instead()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double[] w, double x)
                {
                    double s = 0;
                    {|#0:foreach|} (var v in w) { s += v * x; }
                    return s;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedConstruct).WithLocation(0).WithArguments("'foreach'", "iterate with an index: for (int i = 0; i < w.Length; i++)"));
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
    public Task Goto_is_reported_on_its_statement_and_the_label_on_the_label_alone()
    {
        // The label's statement ('return x;') is supported and is not part of the location.
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|#0:goto done;|}
                    {|#1:done:|} return x;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "'goto'"), Unsupported(1, "A label"));
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
    public Task Array_created_in_a_call_argument_is_reported_once()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double {|DOPT0012:First|}(double[] w) => w[0];

                [Differentiable]
                public static double F(double x) => First({|#0:new double[] { 1, 2 }|}) * x;
            """);
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
    public Task Ref_and_in_parameters_are_reported_once_on_the_parameter_not_again_where_they_are_read()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(ref double {|#0:x|}, in double {|#1:y|}) => x * y + x;
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "A 'ref' parameter"), Unsupported(1, "A 'in' parameter"));
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
    public Task Call_through_an_interface_marked_Differentiable_is_reported_on_the_callee()
    {
        var source = """
            using DiffOpt;

            public partial interface IShape
            {
                [Differentiable]
                double {|#1:Area|}(double x);
            }

            public partial class Model
            {
                private readonly IShape shape;

                public Model(IShape shape) => this.shape = shape;

                [Differentiable]
                public double F(double x) => {|#0:shape.Area|}(x);
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "A call on another object"), Unsupported(1, "A method without a body"));
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
                private static readonly Settings Defaults = new();

                [Differentiable]
                public static double F(double x) => x * {|#0:Defaults.Scale|};
            }
            """;
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "Reading a member of another object"));
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
    public Task Extern_method_is_reported_once_on_its_name()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static extern double {|#0:F|}(double x);
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "An extern method"));
    }

    [Fact]
    public Task Statements_outside_the_subset_are_reported_as_a_whole_with_their_kind()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    {|#0:lock (typeof(Model)) { }|}
                    {|#1:new System.Text.StringBuilder();|}
                    return x;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "This statement (lock statement)"), Unsupported(1, "This statement (expression statement)"));
    }

    [Fact]
    public Task Every_unsupported_construct_in_a_method_is_reported_not_only_the_first()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x, int k)
                {
                    double s = 0;
                    for (int i = 0; i < k; i++) { s += x; }
                    {|#0:switch|} (k) { case 0: s = 1; break; }
                    {|#1:try|} { s += 1; } catch { }
                    {|#2:goto end;|}
                    {|#3:end:|} return s;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "'switch'"), Unsupported(1, "'try'"), Unsupported(2, "'goto'"), Unsupported(3, "A label"));
    }

    [Fact]
    public Task Unsafe_block_is_reported_on_its_keyword()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static unsafe double F(double x)
                {
                    {|#0:unsafe|}
                    {
                        double* p = &x;
                        return *p;
                    }
                }
            """);
        var test = new AnalyzerVerifier.Test { TestCode = source };
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectCompilationOptions(projectId, ((CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)));
        test.ExpectedDiagnostics.Add(Unsupported(0, "Unsafe code"));
        return test.RunAsync();
    }

    [Fact]
    public Task Ref_local_is_reported_on_its_declarator()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    double y = x * x;
                    ref double {|#0:r = ref y|};
                    return y;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "A ref local"));
    }

    [Fact]
    public Task Lambda_in_a_local_is_reported_on_the_lambda()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    Func<double, double> square = {|#0:t => t * t|};
                    return x;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "A lambda"));
    }

    [Fact]
    public Task Array_declared_inside_a_loop_or_branch_is_reported_on_its_declarator()
    {
        // Local arrays live for the whole call (the reverse sweep reads them): declared at the top of the body.
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x, int n)
                {
                    double s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        double[] {|#0:a = new double[2]|};
                        s += x;
                    }

                    if (x > 0)
                    {
                        double[] {|#1:b = new double[n]|};
                    }

                    return s;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "An array declared inside a loop or branch"), Unsupported(1, "An array declared inside a loop or branch"));
    }

    [Fact]
    public Task Array_local_not_created_with_new_double_n_is_reported_on_its_declarator()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    double[] {|#0:a = new double[] { 1, 2 }|};
                    return x;
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "This array local"));
    }

    [Fact]
    public Task Span_output_in_a_method_that_returns_a_value_is_reported_on_the_output()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, Span<double> {|#0:y|})
                {
                    y[0] = x[0];
                    return x[0];
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "A Span<double> output in a method that returns a value"));
    }

    [Fact]
    public Task Calls_that_ignore_how_a_callee_returns_its_results_are_reported_on_the_call()
    {
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static void {|DOPT0012:Residual|}(ReadOnlySpan<double> x, Span<double> r) { r[0] = x[0] * x[0]; }

                [Differentiable]
                public static double {|DOPT0012:Square|}(double x) => x * x;

                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double[] r = new double[1];
                    {|#0:Square(x[0])|};
                    return {|#1:{|CS0029:Residual(x, r)|}|};
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "Discarding the result of 'Square'"), Unsupported(1, "Using the result of 'Residual'"));
    }

    [Fact]
    public Task Output_argument_that_is_not_a_local_array_or_an_output_is_reported_on_the_argument()
    {
        // The callee writes into its output; the caller must own what it writes into.
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static void {|DOPT0012:Residual|}(ReadOnlySpan<double> x, Span<double> r) { r[0] = x[0] * x[0]; }

                [Differentiable]
                public static void F(ReadOnlySpan<double> x, double[] w, Span<double> y)
                {
                    Residual(x, {|#0:w|});
                    Residual(x, y);
                }
            """);
        return AnalyzerVerifier.VerifyAsync(source, Unsupported(0, "This output argument"));
    }

    [Fact]
    public Task DiffOpt_attributes_on_local_functions_and_lambdas_are_reported_on_the_attribute()
    {
        // The generator looks at methods of types only: each attribute would silently do nothing.
        var source = Sources.InStaticClass("""
                public static double F(double x)
                {
                    [{|#0:Differentiable|}]
                    double Square(double t) => t * t;

                    [{|#1:Gradient("Square")|}]
                    static double SquareGradient(double t, out double dt)
                    {
                        dt = 2 * t;
                        return t * t;
                    }

                    Func<double, double> cube = [{|#2:Differentiable|}] (t) => t * t * t;
                    return Square(x) + SquareGradient(x, out _) + cube(x);
                }
            """);
        return AnalyzerVerifier.VerifyAsync(
            source,
            Unsupported(0, "[Differentiable] on a local function"),
            Unsupported(1, "[Gradient] on a local function"),
            Unsupported(2, "[Differentiable] on a lambda"));
    }

    [Fact]
    public async Task Differentiable_local_function_inside_a_differentiable_method_is_reported_once_as_a_local_function()
    {
        // The front end reports the local function itself; the analyzer adds nothing about its attribute.
        var source = Sources.InStaticClass("""
                [Differentiable]
                public static double F(double x)
                {
                    [Differentiable]
                    double Square(double t) => t * t;
                    return x;
                }
            """);
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(source);

        var unsupported = Assert.Single(diagnostics, d => d.Id == "DOPT0001");
        Assert.Equal("Square", unsupported.Location.SourceTree!.GetText().ToString(unsupported.Location.SourceSpan));
        Assert.StartsWith("A local function", unsupported.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
