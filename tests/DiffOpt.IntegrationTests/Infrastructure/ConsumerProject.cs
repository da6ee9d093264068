using System.Security;

namespace DiffOpt.IntegrationTests.Infrastructure;

/// <summary>
/// A small net10.0 console project in a temporary folder whose only DiffOpt reference is
/// <c>&lt;PackageReference Include="DiffOpt" Version="…" /&gt;</c>, restored from the local feed. DiffOpt comes only
/// from that feed (package source mapping) into a package cache of its own, so a stale DiffOpt in the machine's
/// global cache or on another source can never be used; everything else comes from the machine's usual sources.
/// </summary>
internal sealed class ConsumerProject
{
    private readonly PackedPackage package;

    public ConsumerProject(PackedPackage package, string name, string program)
    {
        this.package = package;
        Directory = Path.Combine(package.Root, "consumers", name);
        PackagesFolder = Path.Combine(package.Root, "consumers", name + "-packages");
        System.IO.Directory.CreateDirectory(Directory);

        // Stop MSBuild from picking up props/targets from folders above the temporary folder.
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Directory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), NuGetConfig());
        File.WriteAllText(Path.Combine(Directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="DiffOpt" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Directory, "Program.cs"), program);
        AssemblyPath = Path.Combine(Directory, "bin", "Release", "net10.0", name + ".dll");
    }

    public string Directory { get; }

    /// <summary>This consumer's own NuGet package cache.</summary>
    public string PackagesFolder { get; }

    public string AssemblyPath { get; }

    public CommandResult Restore() => Dotnet("restore", "-nodeReuse:false");

    public CommandResult Build() => Dotnet("build", "--no-restore", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");

    public CommandResult RunProgram() => Dotnet(AssemblyPath);

    private CommandResult Dotnet(params string[] arguments) =>
        DotnetCli.Run(Directory, new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder }, DotnetCli.DefaultTimeout, arguments);

    private string NuGetConfig()
    {
        const string local = "diffopt-local-feed";
        var sources = string.Concat(package.MachineSources.Select(s => $"""    <add key="{Xml(s.Name)}" value="{Xml(s.Source)}" />""" + "\n"));
        var mappings = string.Concat(package.MachineSources.Select(s => $"""    <packageSource key="{Xml(s.Name)}"><package pattern="*" /></packageSource>""" + "\n"));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Xml(PackagesFolder)}" />
              </config>
              <packageSources>
                <clear />
                <add key="{local}" value="{Xml(package.Feed)}" />
            {sources}  </packageSources>
              <packageSourceMapping>
                <clear />
                <packageSource key="{local}"><package pattern="DiffOpt" /></packageSource>
            {mappings}  </packageSourceMapping>
            </configuration>
            """;
    }

    private static string Xml(string text) => SecurityElement.Escape(text);
}
