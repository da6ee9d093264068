using System.Text.RegularExpressions;
using DiffOpt.CodeFixes;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Analyzers.Tests;

/// <summary>The IDs are stable and documented: every descriptor has its help page, its release-file entry and its README row.</summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly DiffOptAnalyzer Analyzer = new();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Analyzer.SupportedDiagnostics)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void Ids_are_DOPT0001_to_DOPT0019_and_the_TorchSharp_block_DOPT0025_to_DOPT0029_without_gaps()
    {
        // DOPT0020–DOPT0024 (ILGPU kernels) belong to the kernel analyzer.
        var ids = Analyzer.SupportedDiagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToArray();
        var expected = Enumerable.Range(1, 19).Concat(Enumerable.Range(25, 5)).Select(i => "DOPT" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected, ids);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_points_at_a_page_that_explains_the_rule(string id)
    {
        var descriptor = Analyzer.SupportedDiagnostics.Single(d => d.Id == id);
        Assert.Equal("https://github.com/diffopt/diffopt/blob/main/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri);

        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics", id + ".md"));
        Assert.StartsWith("# " + id + ": " + descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", page.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\| Severity \| " + descriptor.DefaultSeverity + @"\b"), page);
        Assert.Contains("## What triggers it", page, StringComparison.Ordinal);
        Assert.Contains("```csharp", page, StringComparison.Ordinal);
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            Assert.Contains("## Bad", page, StringComparison.Ordinal);
            Assert.Contains("## Good", page, StringComparison.Ordinal);
            Assert.Contains("## How to fix", page, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Listed_in_the_diagnostics_index(string id)
    {
        var descriptor = Analyzer.SupportedDiagnostics.Single(d => d.Id == id);
        var index = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics", "README.md"));
        Assert.Contains("| [" + id + "](" + id + ".md) | " + descriptor.DefaultSeverity + " | " + descriptor.Title + " |", index, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Tracked_in_the_release_files_with_its_severity(string id)
    {
        var descriptor = Analyzer.SupportedDiagnostics.Single(d => d.Id == id);
        var folder = Path.Combine(RepositoryRoot(), "src", "Analyzers", "DiffOpt.Analyzers");
        var releases = File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Shipped.md")) + File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Unshipped.md"));
        Assert.Matches(new Regex("^" + id + @" \| DiffOpt \| " + descriptor.DefaultSeverity + @" \|", RegexOptions.Multiline), releases);
    }

    [Fact]
    public void Every_code_fix_targets_an_ID_the_analyzer_reports()
    {
        var supported = Analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var fixes = new Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider[]
        {
            new AddDerivativeDeclarationCodeFixProvider(),
            new FixDerivativeParameterCodeFixProvider(),
            new MakeTypePartialCodeFixProvider(),
            new AddOptimalityConditionCodeFixProvider(),
            new AddConstraintOperatorCodeFixProvider(),
        };

        Assert.All(fixes.SelectMany(f => f.FixableDiagnosticIds), id => Assert.Contains(id, supported));
        Assert.Equal(["DOPT0012"], fixes[0].FixableDiagnosticIds.ToArray());
        Assert.Equal(["DOPT0008"], fixes[1].FixableDiagnosticIds.ToArray());
        Assert.Equal(["DOPT0011"], fixes[2].FixableDiagnosticIds.ToArray());
        Assert.Equal(["DOPT0016"], fixes[3].FixableDiagnosticIds.ToArray());
        Assert.Equal(["DOPT0017"], fixes[4].FixableDiagnosticIds.ToArray());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DiffOpt.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DiffOpt.sln not found above " + AppContext.BaseDirectory);
    }
}
