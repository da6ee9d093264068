using DiffOpt.Analyzers.Tests.Infrastructure;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>Half-typed or odd solver declarations never make the analyzer (or the shared rules) throw.</summary>
public sealed class SolverRobustnessTests
{
    public static TheoryData<string, string> MalformedSources() => new()
    {
        { "attributes without arguments", "using DiffOpt; public static partial class M { [Optimize] [ImplicitDiff] public static partial double[] F(double[] x0); }" },
        { "null and non-string names", "using DiffOpt; public static partial class M { [Optimize(null, Projection = null, Prox = null)] public static partial double[] F(double[] x0); [Optimize(42)] public static partial double[] G(double[] x0); [ImplicitDiff(null, FixedPoint = null)] public static double[] H(double[] x0) => x0; }" },
        { "solver naming itself", "using DiffOpt; public static partial class M { [Optimize(nameof(F), Projection = nameof(F))] [ImplicitDiff(nameof(F))] public static partial double[] F(double[] x0); }" },
        { "objective is a property", "using DiffOpt; public static partial class M { public static double P => 1; [Optimize(nameof(P))] public static partial double[] F(double[] x0); }" },
        { "objective without parameters, condition without parameters", "using DiffOpt; public static partial class M { [Differentiable] public static double O() => 1; [Differentiable] public static void C() { } [Optimize(nameof(O))] [ImplicitDiff(nameof(C))] public static partial double[] F(double[] x0); }" },
        { "unknown types everywhere", "using DiffOpt; public static partial class M { [Differentiable] public static double O(Unknown w, Other c) => 1; [Optimize(nameof(O))] public static partial Result F(Unknown x0, Other c, Options o); }" },
        { "no parameters at all", "using DiffOpt; public static partial class M { [ImplicitDiff(nameof(M.F))] public static double[] F() => new double[1]; [Optimize(\"\")] public static partial void G(); }" },
        { "generic type and interface", "using DiffOpt; public static partial class M<T> { [Differentiable] public static double O(System.ReadOnlySpan<double> w) => w[0]; [Optimize(nameof(O))] public static partial double[] F(double[] x0); } public partial interface I { [ImplicitDiff] double[] S(double[] x0); }" },
        { "only options", "using DiffOpt; using DiffOpt.Solvers; public static partial class M { [Differentiable] public static double O(System.ReadOnlySpan<double> w) => w[0]; [Optimize(nameof(O))] public static partial double[] F(SolverOptions? options); }" },
        { "attributes on a local function", "using DiffOpt; public static partial class M { public static void H() { [Optimize(\"O\")] [ImplicitDiff] static double[] L(double[] x0) => x0; L(new double[1]); } }" },
        { "unterminated attribute", "using DiffOpt; public static partial class M { [Optimize(nameof(O), Projection = ] public static partial double[] F(double[] x0" },
    };

    [Theory]
    [MemberData(nameof(MalformedSources))]
    public async Task Malformed_solver_declarations_never_make_the_analyzer_throw(string label, string source)
    {
        Assert.False(string.IsNullOrEmpty(label));
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(source);

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.DoesNotContain(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("analyzer failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Optimize_on_a_local_function_is_reported_as_ignored()
    {
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync("using DiffOpt; public static partial class M { public static void H() { [Optimize(\"O\")] static double[] L(double[] x0) => x0; L(new double[1]); } }");

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "DOPT0001");
        Assert.Equal("[Optimize] on a local function is not supported in a [Differentiable] method: DiffOpt generates code for methods of a partial type only; make 'L' a method of the type", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
