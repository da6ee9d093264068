extern alias GeneratorAssembly;

using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests.Infrastructure;

/// <summary>Runs <see cref="DiffOptAnalyzer"/> on a source with diagnostic markup; the DiffOpt generator runs too.</summary>
internal static class AnalyzerVerifier
{
    /// <summary>
    /// Verifies that the analyzer reports exactly the diagnostics in the markup of <paramref name="source"/>
    /// (<c>{|DOPT0001:span|}</c>) plus <paramref name="expected"/>, and that the compiler reports no error beyond them.
    /// </summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The analyzer test, with hermetic references and the generator in the pipeline.</summary>
    internal sealed class Test : CSharpAnalyzerTest<DiffOptAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.NoPackages;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator)];
    }
}
