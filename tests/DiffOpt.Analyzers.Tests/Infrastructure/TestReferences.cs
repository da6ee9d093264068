using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests.Infrastructure;

/// <summary>
/// Hermetic references for the test compilations: the .NET 10 reference assemblies embedded in
/// Basic.Reference.Assemblies plus the DiffOpt runtime built by this repository. The testing library's own
/// ReferenceAssemblies would download packages from NuGet at test time; a ReferenceAssemblies with no package
/// resolves to nothing without touching the network.
/// </summary>
internal static class TestReferences
{
    public static ReferenceAssemblies NoPackages { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> All { get; } =
        Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DiffOpt.DifferentiableAttribute).Assembly.Location))
            .ToImmutableArray();
}
