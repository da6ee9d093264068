using DiffOpt.Analyzers.Tests.Infrastructure;

namespace DiffOpt.Analyzers.Tests;

/// <summary>
/// The analyzer never throws (an exception, AD0001, would disable it for the whole compilation) and never reports
/// its own failure, whatever half-typed code the IDE hands it.
/// </summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> MalformedSources() =>
    [
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => ; }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) { return x +",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => Missing(x) + y; }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => F(x); }",
        "using DiffOpt; public static partial class M { [Differentiable] public static Unknown F(Unknown x) => x; }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Gradient] public static partial double G(double x, out double dx); }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Gradient(null)] public static partial double G(double x, out double dx); }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Gradient(42)] public static partial double G(double x, out double dx); }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Gradient(nameof(F)), Jvp(nameof(F))] public static partial double G(double x, out double dx); }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Differentiable] public static double F(double x, double y) => x * y; [Gradient(nameof(F))] public static partial double G(double x, double y, out double dy); }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x; [Gradient(nameof(F))] public static partial double G(double x, out double dx); public static partial double G(double x, out double dx) { dx = 1; return x; } }",
        "using DiffOpt; public partial interface I { [Differentiable] static double F(double x) => x * x; [Differentiable] double G(double x); }",
        "using DiffOpt; public static partial class M<T> { [Differentiable] public static double F(double x) => x * x; }",
        "using DiffOpt; public static partial class M { public static double H(double x) { [Differentiable] double L(double t) => t; return L(x); } }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => x switch { > 0 => x, _ => -x }; [Differentiable] public static double G(double[] w) => w is { Length: > 0 } ? w[0] : 0; }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) { double y = x; ref double r = ref y; return default; } }",
        "using DiffOpt; [Differentiable] public static partial class M { }",
        "using DiffOpt; public static partial class M { [Differentiable] public static double F(double x) => checked(x * 2) + sizeof(int) + typeof(M).Name.Length + nameof(x).Length + (x is double ? 1 : 0) + (default(double) + x); }",
    ];

    [Theory]
    [MemberData(nameof(MalformedSources))]
    public async Task Malformed_or_unusual_code_never_makes_the_analyzer_throw(string source)
    {
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(source);

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.DoesNotContain(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("failed", StringComparison.Ordinal));
    }
}
