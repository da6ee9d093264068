using DiffOpt.Analyzers.Tests.Infrastructure;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>Calls <see cref="SolverDeclarationRules.Check"/> directly, as the generator does (on the compilation without generated code).</summary>
internal static class SolverRulesRunner
{
    public static Task<SolverDeclaration> CheckAsync(string source, string typeMetadataName, string method)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Test0.cs");
        var compilation = CSharpCompilation.Create("Test", [tree], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var type = compilation.GetTypeByMetadataName(typeMetadataName) ?? throw new InvalidOperationException(typeMetadataName + " not found");
        var solver = type.GetMembers(method).OfType<IMethodSymbol>().Single();
        var declaration = SolverDeclarationRules.Check(solver, CancellationToken.None) ?? throw new InvalidOperationException(method + " is not a solver declaration");
        return Task.FromResult(declaration);
    }
}
