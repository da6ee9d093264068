extern alias GeneratorAssembly;

using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DiffOpt.Generators.Tests.Infrastructure;

/// <summary>
/// Runs the DiffOpt generator in memory on C# source and compares what it generates with committed expected files
/// (the snapshots under <c>Snapshots/</c>). Setting <c>DIFFOPT_UPDATE_SNAPSHOTS=1</c> rewrites the expected files
/// in the source tree instead of failing.
/// </summary>
internal static class SnapshotHarness
{
    /// <summary>The environment variable that turns snapshot comparison into snapshot rewriting.</summary>
    public const string UpdateVariable = "DIFFOPT_UPDATE_SNAPSHOTS";

    /// <summary>The name of a case's input file inside its snapshot folder.</summary>
    public const string InputFileName = "Input.cs";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The .NET 10 reference assemblies plus the DiffOpt runtime (attributes and generated-code support).</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DiffOpt.DifferentiableAttribute).Assembly.Location))
            .ToImmutableArray();

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The committed snapshot folder in the source tree (not a copy in bin/), found from this file's compile-time path.</summary>
    public static string SnapshotRoot { get; } = FindSnapshotRoot();

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "SnapshotInput",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Input" + i.ToString(CultureInfo.InvariantCulture) + ".cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    public static GeneratorDriver CreateDriver(GeneratorDriverOptions? options = null) => CSharpGeneratorDriver.Create(
        new[] { new GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: options ?? default);

    /// <summary>Runs the generator once on a fresh driver.</summary>
    public static GeneratorOutput Run(CSharpCompilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator threw: " + result.Exception);
        }

        var files = result.GeneratedSources
            .Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString()))
            .OrderBy(f => f.HintName, StringComparer.Ordinal)
            .ToList();
        return new GeneratorOutput(files, driverDiagnostics.AddRange(result.Diagnostics), output);
    }

    /// <summary>Runs <paramref name="action"/> with <paramref name="cultureName"/> as the current (UI) culture.</summary>
    public static T WithCulture<T>(string cultureName, Func<T> action)
    {
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(cultureName);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(cultureName);
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    /// <summary>
    /// Compares the generated files of one case with its snapshot folder: the same file names, and each file's
    /// text identical. With <see cref="UpdateVariable"/>=1 it rewrites the folder instead.
    /// </summary>
    public static void Verify(string caseName, IReadOnlyList<GeneratedFile> files)
    {
        var directory = Path.Combine(SnapshotRoot, caseName);
        var expectedPaths = Directory.EnumerateFiles(directory, "*.g.cs").OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (UpdateRequested)
        {
            foreach (var stale in expectedPaths.Where(p => files.All(f => f.HintName != Path.GetFileName(p))))
            {
                File.Delete(stale);
            }

            foreach (var file in files)
            {
                File.WriteAllText(Path.Combine(directory, file.HintName), file.Text);
            }

            return;
        }

        var hint = " (to accept the generator's current output, run the tests with " + UpdateVariable + "=1 and review the diff)";
        var expectedNames = expectedPaths.Select(p => Path.GetFileName(p)!).ToList();
        var actualNames = files.Select(f => f.HintName).ToList();
        if (!expectedNames.SequenceEqual(actualNames, StringComparer.Ordinal))
        {
            Assert.Fail(
                "Case " + caseName + ": the generator produced files [" + string.Join(", ", actualNames) + "] but the snapshot folder holds ["
                + string.Join(", ", expectedNames) + "]" + hint);
        }

        foreach (var file in files)
        {
            // Only a checkout's line-ending conversion is forgiven; the generator itself writes '\n'.
            var expected = File.ReadAllText(Path.Combine(directory, file.HintName)).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (expected != file.Text)
            {
                Assert.Fail("Case " + caseName + ", " + file.HintName + ": " + DescribeFirstDifference(expected, file.Text) + hint);
            }
        }
    }

    /// <summary>Asserts that two runs generated the same files with the same text, naming the first differing line.</summary>
    public static void AssertSameFiles(IReadOnlyList<GeneratedFile> expected, IReadOnlyList<GeneratedFile> actual, string what)
    {
        Assert.True(
            expected.Select(f => f.HintName).SequenceEqual(actual.Select(f => f.HintName), StringComparer.Ordinal),
            what + ": the runs generated different files: [" + string.Join(", ", expected.Select(f => f.HintName)) + "] vs [" + string.Join(", ", actual.Select(f => f.HintName)) + "]");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Text == actual[i].Text, what + ", " + expected[i].HintName + ": " + DescribeFirstDifference(expected[i].Text, actual[i].Text));
        }
    }

    /// <summary>A readable account of where two texts first differ: the line number and both versions of that line.</summary>
    public static string DescribeFirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : null;
            var a = i < actualLines.Length ? actualLines[i] : null;
            if (e != a)
            {
                return "first difference at line " + (i + 1).ToString(CultureInfo.InvariantCulture) + "\n"
                    + "  expected: " + (e is null ? "<end of file>" : Visible(e)) + "\n"
                    + "  actual:   " + (a is null ? "<end of file>" : Visible(a)) + "\n"
                    + "actual file:\n" + actual;
            }
        }

        return "the texts are equal";
    }

    /// <summary>Emits <paramref name="compilation"/> and loads it into a collectible context; fails on any compile error.</summary>
    public static Assembly EmitAndLoad(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, "The generated code does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new AssemblyLoadContext("snapshot-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }

    private static string Visible(string line) => "\"" + line.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";

    private static string FindSnapshotRoot([CallerFilePath] string thisFile = "")
    {
        var fromSource = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Snapshots"));
        if (Directory.Exists(fromSource))
        {
            return fromSource;
        }

        // A build with a path map (e.g. ContinuousIntegrationBuild) hides the real path: look above the test binaries.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "DiffOpt.Generators.Tests", "Snapshots");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The Snapshots folder was found neither next to " + thisFile + " nor above " + AppContext.BaseDirectory);
    }
}

/// <summary>One generated source file.</summary>
internal sealed record GeneratedFile(string HintName, string Text);

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorOutput(IReadOnlyList<GeneratedFile> Files, ImmutableArray<Diagnostic> Diagnostics, Compilation OutputCompilation);
