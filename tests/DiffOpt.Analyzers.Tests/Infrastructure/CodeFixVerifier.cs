extern alias GeneratorAssembly;

using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests.Infrastructure;

/// <summary>Runs a DiffOpt code fix; the generator runs on both the source and the fixed code.</summary>
internal static class CodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Verifies the diagnostics in the markup of <paramref name="source"/>, applies the fix with
    /// <paramref name="equivalenceKey"/>, and checks the result is <paramref name="fixedSource"/> with the diagnostics in
    /// its markup (and no compiler error: the generator implements what the fix declared).
    /// </summary>
    public static Task VerifyAsync(string source, string fixedSource, string equivalenceKey, Action<Test>? configure = null)
    {
        var test = new Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        configure?.Invoke(test);
        return test.RunAsync();
    }

    /// <summary>The code-fix test, with hermetic references and the generator in the pipeline.</summary>
    internal sealed class Test : CSharpCodeFixTest<DiffOptAnalyzer, TCodeFix, DefaultVerifier>
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
