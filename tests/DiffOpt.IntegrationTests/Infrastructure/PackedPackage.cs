using System.Reflection;
using System.Text.RegularExpressions;

namespace DiffOpt.IntegrationTests.Infrastructure;

/// <summary>
/// Packs DiffOpt once per test class, the way the README says (<c>dotnet pack src/Runtime/DiffOpt -c Release -o DIR</c>),
/// from a copy of the repository without any bin/ or obj/ folder, so it proves that a fresh clone packs the
/// generator and analyzer DLLs (their project references must build them first), and so that packing never
/// touches the build outputs of the repository the tests run from.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        RepoRoot = typeof(PackedPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        Root = Path.Combine(Path.GetTempPath(), "diffopt-integration-" + Guid.NewGuid().ToString("N"));
        var clone = Path.Combine(Root, "repo");
        Feed = Path.Combine(Root, "feed");
        CopySources(RepoRoot, clone);

        PackResult = DotnetCli.Run(clone, null, DotnetCli.DefaultTimeout, "pack", "src/Runtime/DiffOpt/DiffOpt.csproj", "-c", "Release", "-o", Feed, "-nodeReuse:false", "-p:UseSharedCompilation=false");
        PackagePath = Directory.Exists(Feed) ? Directory.EnumerateFiles(Feed, "DiffOpt.*.nupkg").SingleOrDefault() : null;
        var match = PackagePath is null ? null : Regex.Match(Path.GetFileName(PackagePath), @"^DiffOpt\.(?<version>\d+\.\d+\.\d+.*)\.nupkg$");
        Version = match is { Success: true } ? match.Groups["version"].Value : null;
        MachineSources = ReadMachineSources(RepoRoot);
    }

    /// <summary>The repository the tests were built from.</summary>
    public string RepoRoot { get; }

    /// <summary>A temporary folder holding the source copy, the feed and the consumers; deleted afterwards.</summary>
    public string Root { get; }

    /// <summary>The local feed the package was packed into.</summary>
    public string Feed { get; }

    public CommandResult PackResult { get; }

    /// <summary>The .nupkg, or null when packing failed.</summary>
    public string? PackagePath { get; }

    public string? Version { get; }

    /// <summary>The enabled package sources configured on this machine (name, URL or folder), for everything except DiffOpt.</summary>
    public IReadOnlyList<(string Name, string Source)> MachineSources { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Copies what a clone holds that packing needs: the files at the root, eng/ and src/, without bin/ and obj/.</summary>
    private static void CopySources(string repoRoot, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(repoRoot))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var folder in new[] { "eng", "src" })
        {
            CopyTree(Path.Combine(repoRoot, folder), Path.Combine(destination, folder));
        }
    }

    private static void CopyTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(folder);
            if (name is "bin" or "obj" || name.StartsWith('.'))
            {
                continue;
            }

            CopyTree(folder, Path.Combine(destination, name));
        }
    }

    /// <summary>
    /// The sources <c>dotnet nuget list source</c> reports as enabled, with their names (so any credentials
    /// configured for them still apply); nuget.org when it reports none.
    /// </summary>
    private static IReadOnlyList<(string Name, string Source)> ReadMachineSources(string workingDirectory)
    {
        var listing = DotnetCli.Run(workingDirectory, null, TimeSpan.FromMinutes(2), "nuget", "list", "source");
        var sources = new List<(string, string)>();
        var lines = listing.Output.Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            var header = Regex.Match(lines[i], @"^\d+\.\s+(?<name>.+?)\s+\[(?<state>Enabled|Disabled)\]$");
            if (header.Success && header.Groups["state"].Value == "Enabled" && lines[i + 1].Length > 0)
            {
                sources.Add((header.Groups["name"].Value, lines[i + 1]));
            }
        }

        return sources.Count > 0 ? sources : new List<(string, string)> { ("nuget.org", "https://api.nuget.org/v3/index.json") };
    }
}
