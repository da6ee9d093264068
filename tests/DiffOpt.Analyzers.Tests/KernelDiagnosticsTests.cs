extern alias GeneratorAssembly;

using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests;

/// <summary>
/// DOPT0020–DOPT0024: why a [Kernel] class gets no ILGPU kernels, on the exact syntax. The generator runs in the same
/// test (with DiffOpt.Ilgpu and ILGPU referenced), so a clean case also proves that the generated kernels compile.
/// </summary>
public sealed class KernelDiagnosticsTests
{
    private static Task VerifyAsync(string members, params DiagnosticResult[] expected) => VerifyAsync(members, withRuntime: true, expected);

    private static Task VerifyAsync(string members, bool withRuntime, params DiagnosticResult[] expected)
    {
        var test = new KernelTest(withRuntime) { TestCode = Sources.InStaticClass(members) };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task A_kernelisable_method_gets_no_diagnostic_and_its_kernels_compile() => VerifyAsync("""
            [Differentiable]
            public static double F(double x, ReadOnlySpan<double> w, ReadOnlySpan<double> v, int n)
            {
                double s = 0;
                for (var i = 0; i < w.Length; i++) { s += w[i] * v[i]; }
                return Math.Exp(s * x) * n;
            }

            [Kernel(nameof(F), Shared = new[] { "w" })]
            public static partial class FSumKernels;

            [Differentiable]
            public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

            [Kernel(nameof(Rosenbrock))]
            public static partial class RosenbrockKernels;
        """);

    [Fact]
    public Task A_local_array_of_run_time_size_is_reported_on_its_creation() => VerifyAsync("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x)
            {
                var a = {|#0:new double[x.Length]|};
                a[0] = x[0];
                return a[0] * a[0];
            }

            [Kernel(nameof(F))]
            public static partial class FKernels;
        """,
        new DiagnosticResult(DiagnosticDescriptors.KernelRuntimeSizedArray).WithLocation(0).WithArguments("F", "a", "kernels allocate local arrays in registers or local memory, whose size must be a compile-time constant"));

    [Fact]
    public Task A_loop_whose_reverse_mode_needs_the_tape_is_reported_on_its_keyword() => VerifyAsync("""
            [Differentiable]
            public static double F(double x, int n)
            {
                double p = x;
                {|#0:for|} (var i = 0; i < n; i++) { p = Math.Sin(p) * x; }
                return p;
            }

            [Kernel(nameof(F))]
            public static partial class FKernels;
        """,
        new DiagnosticResult(DiagnosticDescriptors.KernelLoopNeedsTape).WithLocation(0).WithArguments("F", "reverse mode must save values this loop overwrites on the tape, which a kernel cannot allocate (a value it overwrites is read again by the derivative, or a loop is nested in this one); compute the derivative on the CPU, or restructure the loop so that it only accumulates"));

    [Fact]
    public Task Calls_without_a_kernel_form_are_reported_on_the_called_expression() => VerifyAsync("""
            [Differentiable]
            public static double G(double x) => x * x;

            [Differentiable]
            public static double F(double x) => {|#0:Math.Cbrt|}(x) + {|#1:G|}(x);

            [Kernel(nameof(F))]
            public static partial class FKernels;
        """,
        new DiagnosticResult(DiagnosticDescriptors.KernelCallWithoutKernelForm).WithLocation(0).WithArguments("F", "Math.Cbrt", "ILGPU has no kernel implementation of it"),
        new DiagnosticResult(DiagnosticDescriptors.KernelCallWithoutKernelForm).WithLocation(1).WithArguments("F", "G", "the derivatives of other methods are generated as Span/ref helpers, which kernels cannot call; inline the call"));

    [Fact]
    public Task Unsupported_parameters_are_reported_on_the_parameter() => VerifyAsync("""
            [Differentiable]
            public static double F({|#0:double[,] m|}, double x) => m[0, 0] * x;

            [Kernel(nameof(F))]
            public static partial class FKernels;
        """,
        new DiagnosticResult(DiagnosticDescriptors.KernelUnsupportedParameter).WithLocation(0).WithArguments("F", "m", "two-dimensional arrays have no kernel layout; pass the matrix as a flattened span"));

    [Fact]
    public Task Invalid_declarations_are_reported_on_the_class_or_the_attribute_argument() => VerifyAsync("""
            [Differentiable]
            public static double F(double x, double y) => x * y;

            public static double Plain(double x) => x;

            [Kernel(nameof(F))]
            public partial class {|#0:NotStatic|} { }

            [Kernel({|#1:nameof(Plain)|})]
            public static partial class PlainKernels;

            [Kernel(nameof(F), {|#2:Shared = new[] { "z" }|})]
            public static partial class UnknownShared;
        """,
        new DiagnosticResult(DiagnosticDescriptors.KernelInvalidDeclaration).WithLocation(0).WithArguments("NotStatic", "'NotStatic' must be a static class: ILGPU kernels are static methods"),
        new DiagnosticResult(DiagnosticDescriptors.KernelInvalidDeclaration).WithLocation(1).WithArguments("PlainKernels", "'Plain' is not marked [Differentiable]"),
        new DiagnosticResult(DiagnosticDescriptors.KernelInvalidDeclaration).WithLocation(2).WithArguments("UnknownShared", "'z' in Shared names no parameter of 'F'"));

    [Fact]
    public Task Without_the_DiffOpt_Ilgpu_package_the_attribute_is_reported() => VerifyAsync("""
            [Differentiable]
            public static double F(double x, double y) => x * y;

            [{|#0:Kernel(nameof(F))|}]
            public static partial class FKernels;
        """,
        withRuntime: false,
        new DiagnosticResult(DiagnosticDescriptors.KernelInvalidDeclaration).WithLocation(0).WithArguments("FKernels", "the project does not reference the DiffOpt.Ilgpu package, which runs the kernels; without it none are generated"));

    [Fact]
    public void Kernel_ids_are_DOPT0020_to_DOPT0024_with_pages_and_release_entries()
    {
        var analyzer = new KernelAnalyzer();
        Assert.Equal(["DOPT0020", "DOPT0021", "DOPT0022", "DOPT0023", "DOPT0024"], analyzer.SupportedDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray());
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "DiffOpt.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var releases = File.ReadAllText(Path.Combine(root, "src", "Analyzers", "DiffOpt.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var index = File.ReadAllText(Path.Combine(root, "docs", "diagnostics", "README.md"));
        foreach (var descriptor in analyzer.SupportedDiagnostics)
        {
            var page = File.ReadAllText(Path.Combine(root, "docs", "diagnostics", descriptor.Id + ".md")).ReplaceLineEndings("\n");
            Assert.StartsWith("# " + descriptor.Id + ": " + descriptor.Title + "\n", page, StringComparison.Ordinal);
            Assert.Contains("## Bad", page, StringComparison.Ordinal);
            Assert.Contains("## Good", page, StringComparison.Ordinal);
            Assert.Contains(descriptor.Id + " | DiffOpt | Error | " + descriptor.Title, releases, StringComparison.Ordinal);
            Assert.Contains("| [" + descriptor.Id + "](" + descriptor.Id + ".md) | Error | " + descriptor.Title + " |", index, StringComparison.Ordinal);
        }
    }

    /// <summary>The kernel analyzer with the generator in the pipeline and the ILGPU runtime referenced.</summary>
    private sealed class KernelTest : CSharpAnalyzerTest<KernelAnalyzer, DefaultVerifier>
    {
        public KernelTest(bool withRuntime)
        {
            ReferenceAssemblies = TestReferences.NoPackages;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            if (withRuntime)
            {
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(DiffOpt.Ilgpu.IlgpuDevice).Assembly.Location));
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(ILGPU.ArrayView<double>).Assembly.Location));
            }

            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator)];
    }
}
