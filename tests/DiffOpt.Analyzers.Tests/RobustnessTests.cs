using DiffOpt.Analyzers.Tests.Infrastructure;

namespace DiffOpt.Analyzers.Tests;

/// <summary>
/// The analyzer never throws (an exception, AD0001, would disable it for the whole compilation) and never reports
/// its own failure, whatever half-typed code the IDE hands it.
/// </summary>
public sealed class RobustnessTests
{
    public static TheoryData<string, string> MalformedSources() => new()
    {
        { "missing expression body", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => ; }" },
        { "unterminated body", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) { return x +" },
        { "unresolved names", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => Missing(x) + y; }" },
        { "recursion", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => F(x); }" },
        { "unknown types", "using DiffOpt; public static partial class M { [Differentiable] public static Unknown F(Unknown x) => x; }" },
        { "attribute without argument", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Gradient] public static partial double G(double x, out double dx); }" },
        { "null target", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Gradient(null)] public static partial double G(double x, out double dx); }" },
        { "non-string target", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Gradient(42)] public static partial double G(double x, out double dx); }" },
        { "gradient and jvp on one declaration", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Gradient(nameof(F)), Jvp(nameof(F))] public static partial double G(double x, out double dx); }" },
        { "overloaded primal", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Differentiable] public static double F(double x, double y) => x * y; [Gradient(nameof(F))] public static partial double G(double x, double y, out double dy); }" },
        { "user-implemented declaration", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Gradient(nameof(F))] public static partial double G(double x, out double dx); public static partial double G(double x, out double dx) { dx = 1; return x; } }" },
        { "interface members", "using DiffOpt; public partial interface I { [Differentiable] static double F(double x) => x * x; [Differentiable] double G(double x); }" },
        { "generic type", "using DiffOpt; public static partial class M<T> { [Differentiable] public static double F(double x) => x * x; }" },
        { "attribute on a local function", "using DiffOpt; public static partial class M { public static double H(double x) { [Differentiable] double L(double t) => t; return L(x); } }" },
        { "patterns", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x switch { > 0 => x, _ => -x }; [Differentiable] public static double G(double[] w) => w is { Length: > 0 } ? w[0] : 0; }" },
        { "ref local", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) { double y = x; ref double r = ref y; return default; } }" },
        { "attribute on a type", "using DiffOpt; [Differentiable] public static partial class M { }" },
        { "vjp, hvp and derivative-of without arguments", "using DiffOpt; public static partial class M { [Differentiable] public static void F(System.ReadOnlySpan<double> x, System.Span<double> y) { y[0] = x[0]; } [Vjp] public static partial void G(System.ReadOnlySpan<double> x, System.Span<double> y); [Hvp(null, null)] public static partial void H(double x); [DerivativeOf] public static double D(double x) => x; [DerivativeOf(null)] public static double E(double x) => x; }" },
        { "hvp naming an input of an overload", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x * x; [Differentiable] public static double F(double x, double y) => x * y; [Hvp(nameof(F), \"y\")] public static partial void H(double x, double v, out double hv); }" },
        { "derivative-of itself and of a property", "using DiffOpt; public static partial class M { public static double P => 1; [DerivativeOf(nameof(D))] public static double D(double x, out double dx) { dx = 1; return x; } [DerivativeOf(nameof(P))] public static double Q(double x, out double dx) { dx = 1; return x; } }" },
        { "derivative-of a method with unsupported parameters, called", "using DiffOpt; public static partial class M { public static double S(string s, double x) => x; [DerivativeOf(nameof(S))] public static double D(string s, double x, out double dx) { dx = 1; return x; } [Differentiable] public static double F(double x) => S(\"a\", x); }" },
        { "loop edge cases", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x, int n) { for (;;) { if (x > n) break; x *= 2; } for (int i = 0, j = 1; i < n; i++, j++) { continue; } while (true) { return x; } } }" },
        { "local arrays misused", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double[] w) { double[] a = new double[w.Length], b = new double[2]; a = w; double[] c = a; a[^1] = 1; return a[0] + c[0] + b[w.Length]; } }" },
        { "matrix misuse", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double[,] m, int k) { m[0, 0] = 1; return m.GetLength(k) + m[0] + m.Rank; } }" },
        { "attributes on local functions and lambdas", "using DiffOpt; public static partial class M { public static double F(double x) { [Differentiable] [Gradient(\"q\")] static double L(double t) => t; System.Func<double, double> f = [Differentiable] (t) => t; return L(x) + f(x); } }" },
        { "checked, sizeof, typeof, nameof, is", "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => checked(x * 2) + sizeof(int) + typeof(M).Name.Length + nameof(x).Length + (x is double ? 1 : 0) + (default(double) + x); }" },
    };

    [Theory]
    [InlineData("using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => ; }")]
    [InlineData("using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) { return x +")]
    [InlineData("using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => Missing(x) + y; }")]
    public async Task Code_the_compiler_already_rejects_gets_no_DiffOpt_error_on_top(string source)
    {
        // Syntax errors and unresolved names are the compiler's to report; a DiffOpt error there would only repeat it.
        // (A parameter of an unresolved type still gets DOPT0002 as well; see /work/bugs/wt-i3analyzers.md.)
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(source);

        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("DOPT", StringComparison.Ordinal) && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }

    [Theory]
    [MemberData(nameof(MalformedSources))]
    public async Task Malformed_or_unusual_code_never_makes_the_analyzer_throw(string label, string source)
    {
        Assert.False(string.IsNullOrEmpty(label));
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(source);

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.DoesNotContain(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("failed", StringComparison.Ordinal));
    }
}
