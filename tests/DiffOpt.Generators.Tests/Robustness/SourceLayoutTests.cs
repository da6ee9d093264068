using DiffOpt.Generators.Tests.Infrastructure;

namespace DiffOpt.Generators.Tests.Robustness;

/// <summary>
/// How the user lays out source does not change what is generated: namespaces (global, block-scoped, nested),
/// same-named types and methods, nested types, partial types split over files, and the ways to spell a Math call.
/// </summary>
public sealed class SourceLayoutTests
{
    /// <summary>
    /// Same-named types and methods in different namespaces and nesting levels, the global namespace and
    /// block-scoped nested namespaces: every generated file gets a distinct hint name and compiles, and each
    /// gradient is the right one.
    /// </summary>
    [Fact]
    public void Namespaces_and_nesting_keep_generated_code_apart()
    {
        const string source = """
            using System;
            using DiffOpt;

            public static partial class Model
            {
                [Differentiable] public static double F(double x) => x * x;
                [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);

                public static partial class Model2
                {
                    [Differentiable] public static double F(double x) => 3 * x * x;
                    [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);
                }
            }

            namespace A.B
            {
                public static partial class Model
                {
                    [Differentiable] public static double F(double x) => 5 * x * x;
                    [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);
                }

                namespace C
                {
                    public static partial class Model
                    {
                        [Differentiable] public static double F(double x) => global::Model.F(x) + A.B.Model.F(x);
                        [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);
                    }
                }
            }

            namespace A
            {
                public static partial class B2
                {
                    [Differentiable] public static double F(double x) => B.C.Model.F(x) * 7;
                    [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);
                }
            }
            """;
        var run = InMemoryGeneratorHarness.RunGenerator(InMemoryGeneratorHarness.CreateCompilation(source));
        run.AssertGeneratorDidNotFail();
        using var loaded = InMemoryGeneratorHarness.EmitAndLoad(run);

        // f = k·x² (k = 1, 3, 5, 1 + 5, 7·6): f'(x) = 2kx.
        foreach (var (type, k) in new[] { ("Model", 1.0), ("Model+Model2", 3.0), ("A.B.Model", 5.0), ("A.B.C.Model", 6.0), ("A.B2", 42.0) })
        {
            var gradient = loaded.StaticMethod<ScalarGradient>(type, "FGradient");
            var value = gradient(1.5, out var dx);
            Assert.Equal(k * 2.25, value, 12);
            Assert.Equal(2 * k * 1.5, dx, 12);
        }
    }

    private delegate double ScalarGradient(double x, out double dx);

    /// <summary>Math members spelled through <c>using static</c>, an alias, or fully qualified, and a type split over two files.</summary>
    [Fact]
    public void Math_spellings_and_partial_types_split_over_files()
    {
        const string first = """
            using System;
            using DiffOpt;
            using static System.Math;
            using M = System.Math;

            namespace Split;

            public static partial class Model
            {
                [Differentiable]
                public static double F(double x) => Sin(x) + M.Exp(x) * System.Math.Cos(x) + global::System.Math.Sqrt(1 + x * x) + Helper(x) + PI * x;
            }
            """;
        const string second = """
            using System;
            using DiffOpt;

            namespace Split;

            public static partial class Model
            {
                [Differentiable]
                private static double Helper(double x) => Math.Tanh(x);

                [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);
            }
            """;
        var run = InMemoryGeneratorHarness.RunGenerator(InMemoryGeneratorHarness.CreateCompilation(first, second));
        run.AssertGeneratorDidNotFail();
        using var loaded = InMemoryGeneratorHarness.EmitAndLoad(run);
        var gradient = loaded.StaticMethod<ScalarGradient>("Split.Model", "FGradient");

        foreach (var x in new[] { -1.3, 0.2, 0.9 })
        {
            gradient(x, out var dx);

            // d/dx [sin x + eˣ cos x + √(1 + x²) + tanh x + πx]
            var expected = Math.Cos(x) + Math.Exp(x) * (Math.Cos(x) - Math.Sin(x)) + x / Math.Sqrt(1 + x * x) + (1 - Math.Tanh(x) * Math.Tanh(x)) + Math.PI;
            Assert.Equal(expected, dx, 12);
        }
    }
}
