extern alias GeneratorAssembly;

using DiffOpt.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>Runs the analyzer (and the generator) on solver declarations.</summary>
internal static class SolverVerifier
{
    /// <summary>
    /// Verifies exactly the diagnostics in the markup plus <paramref name="expected"/>. A declaration with an error gets no
    /// implementation from the generator, so its CS8795 ("partial method must have an implementation") belongs in the markup.
    /// </summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerVerifier.Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// Verifies a declaration the rules accept: only the markup's diagnostics, and no compiler error except CS8795 on
    /// <c>[Optimize]</c> declarations, whose implementation is the generator's business (tested with the generator).
    /// </summary>
    public static Task VerifyValidAsync(string source) => new ValidTest { TestCode = source }.RunAsync();

    private sealed class ValidTest : CSharpAnalyzerTest<DiffOptAnalyzer, DefaultVerifier>
    {
        public ValidTest()
        {
            ReferenceAssemblies = TestReferences.NoPackages;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator)];

        protected override bool IsCompilerDiagnosticIncluded(Diagnostic diagnostic, CompilerDiagnostics compilerDiagnostics) =>
            diagnostic.Id != "CS8795" && base.IsCompilerDiagnosticIncluded(diagnostic, compilerDiagnostics);
    }
}
