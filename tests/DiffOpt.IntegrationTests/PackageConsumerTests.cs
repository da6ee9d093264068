using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DiffOpt.IntegrationTests.Infrastructure;

namespace DiffOpt.IntegrationTests;

/// <summary>
/// End to end, as a user gets DiffOpt: pack it, reference the package from a fresh project through a local feed,
/// and check that the generator (a correct gradient) and the analyzers (a diagnostic) come with it.
/// Takes a minute or two: it packs from a clean copy of the sources and restores into an empty package cache.
/// </summary>
public sealed class PackageConsumerTests : IClassFixture<PackedPackage>
{
    private const string GradientProgram = """
        using System;
        using System.Globalization;
        using DiffOpt;

        double x = 0.7;
        double[] w = { 1.3, -0.4 };
        double[] dw = new double[2];
        double value = Model.FGradient(x, w, out double dx, dw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"value={value:R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dx={dx:R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dw0={dw[0]:R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dw1={dw[1]:R}"));
        Model.FJvp(x, w, 0.25, new double[] { -1.0, 0.5 }, out double jvp);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"jvp={jvp:R}"));
        try
        {
            Model.FGradient(x, w, out _, new double[3]);
            Console.WriteLine("length-check=none");
        }
        catch (ArgumentException e)
        {
            Console.WriteLine("length-check=" + e.ParamName);
        }

        public static partial class Model
        {
            [Differentiable]
            public static double F(double x, ReadOnlySpan<double> w) => x * w[0] * w[0] + Math.Sin(x * w[1]);

            [Gradient(nameof(F))]
            public static partial double FGradient(double x, ReadOnlySpan<double> w, out double dx, Span<double> dw);

            [Jvp(nameof(F))]
            public static partial double FJvp(double x, ReadOnlySpan<double> w, double dx, ReadOnlySpan<double> dw, out double dResult);
        }
        """;

    private const string UnsupportedProgram = """
        using System;
        using DiffOpt;

        Console.WriteLine(Model.Checked(2.0));

        public static partial class Model
        {
            [Differentiable]
            public static double Checked(double x)
            {
                if (x < 0.0)
                {
                    throw new ArgumentOutOfRangeException(nameof(x));
                }

                return x * x;
            }
        }
        """;

    private readonly PackedPackage package;

    public PackageConsumerTests(PackedPackage package) => this.package = package;

    [Fact]
    public void Pack_puts_the_runtime_and_the_compiler_in_one_package()
    {
        AssertPacked();
        using var archive = ZipFile.OpenRead(package.PackagePath!);
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var listing = string.Join("\n", entries.Order(StringComparer.Ordinal));
        foreach (var expected in new[]
        {
            "lib/net8.0/DiffOpt.dll",
            "lib/net10.0/DiffOpt.dll",
            "analyzers/dotnet/cs/DiffOpt.Generators.dll",
            "analyzers/dotnet/cs/DiffOpt.Analyzers.dll",
            "analyzers/dotnet/cs/DiffOpt.CodeFixes.dll",
        })
        {
            Assert.True(entries.Contains(expected), expected + " is missing from the package:\n" + listing);
        }

        // The compiler pieces run inside the user's compiler: Roslyn itself must not be shipped next to them.
        Assert.Equal(3, entries.Count(e => e.StartsWith("analyzers/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_project_with_only_a_package_reference_gets_a_correct_generated_gradient_and_jvp()
    {
        AssertPacked();
        var consumer = new ConsumerProject(package, "GradientConsumer", GradientProgram);
        AssertSucceeded(consumer.Restore());
        AssertRestoredFromTheFeed(consumer);
        AssertSucceeded(consumer.Build());
        var run = consumer.RunProgram();
        AssertSucceeded(run);

        // f(x, w) = x·w0² + sin(x·w1): ∂f/∂x = w0² + w1·cos(x·w1), ∂f/∂w0 = 2·x·w0, ∂f/∂w1 = x·cos(x·w1).
        double x = 0.7, w0 = 1.3, w1 = -0.4;
        AssertPrinted(run, "value", (x * w0 * w0) + Math.Sin(x * w1));
        AssertPrinted(run, "dx", (w0 * w0) + (w1 * Math.Cos(x * w1)));
        AssertPrinted(run, "dw0", 2 * x * w0);
        AssertPrinted(run, "dw1", x * Math.Cos(x * w1));

        // The JVP along (dx, dw) = (0.25, -1, 0.5) is the gradient's dot product with that direction.
        AssertPrinted(run, "jvp", (0.25 * ((w0 * w0) + (w1 * Math.Cos(x * w1)))) + (-1.0 * 2 * x * w0) + (0.5 * x * Math.Cos(x * w1)));

        // The length check calls into the runtime library that came with the package.
        Assert.Contains("length-check=dw\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_with_an_unsupported_construct_fails_to_build_with_DOPT0001()
    {
        AssertPacked();
        var consumer = new ConsumerProject(package, "UnsupportedConsumer", UnsupportedProgram);
        AssertSucceeded(consumer.Restore());
        var build = consumer.Build();

        Assert.False(build.Succeeded, "The build should fail with DOPT0001 but succeeded:\n" + build);

        // Reported by the shipped analyzer, on the 'throw' statement of Program.cs.
        var throwLine = UnsupportedProgram.Split('\n').ToList().FindIndex(l => l.TrimStart().StartsWith("throw ", StringComparison.Ordinal)) + 1;
        var errors = Regex.Matches(build.Output, @"Program\.cs\((?<line>\d+),\d+\): error (?<id>[A-Z]+\d+)");
        Assert.True(
            errors.Any(e => e.Groups["id"].Value == "DOPT0001" && e.Groups["line"].Value == throwLine.ToString(CultureInfo.InvariantCulture)),
            "Expected error DOPT0001 at Program.cs line " + throwLine + ":\n" + build);
    }

    private void AssertPacked() =>
        Assert.True(package.PackResult.Succeeded && package.PackagePath is not null && package.Version is not null, "Packing DiffOpt failed:\n" + package.PackResult);

    private static void AssertSucceeded(CommandResult result) => Assert.True(result.Succeeded, result.ToString());

    /// <summary>The package in the consumer's cache is byte for byte the one just packed (NuGet records its SHA-512).</summary>
    private void AssertRestoredFromTheFeed(ConsumerProject consumer)
    {
        var version = package.Version!.ToLowerInvariant();
        var recorded = Path.Combine(consumer.PackagesFolder, "diffopt", version, "diffopt." + version + ".nupkg.sha512");
        Assert.True(File.Exists(recorded), "DiffOpt was not restored into the consumer's own cache " + consumer.PackagesFolder);
        using var stream = File.OpenRead(package.PackagePath!);
        Assert.Equal(Convert.ToBase64String(SHA512.HashData(stream)), File.ReadAllText(recorded).Trim());
    }

    private static void AssertPrinted(CommandResult run, string name, double expected)
    {
        var match = Regex.Match(run.Output, "^" + name + "=(?<value>\\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, name + " was not printed:\n" + run);
        var actual = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(actual - expected) <= 1e-13 * Math.Max(1.0, Math.Abs(expected)), name + " = " + actual.ToString("R", CultureInfo.InvariantCulture) + ", expected " + expected.ToString("R", CultureInfo.InvariantCulture) + "\n" + run);
    }
}
