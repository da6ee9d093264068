extern alias GeneratorAssembly;

using DiffOpt.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>Runs a solver code fix with the generator in the pipeline; the fixed code must compile.</summary>
internal static class SolverFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Applies the fix with <paramref name="equivalenceKey"/> once and compares with <paramref name="fixedSource"/> (markup
    /// allowed: the stub is [Differentiable], so it carries the hidden DOPT0012). With <paramref name="ignoreMissingImplementation"/>,
    /// CS8795 on an <c>[Optimize]</c> declaration is not counted: implementing it is the generator's business.
    /// </summary>
    public static Task VerifyAsync(string source, string fixedSource, string equivalenceKey, bool ignoreMissingImplementation = false)
    {
        var test = new Test(ignoreMissingImplementation)
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck;
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    private sealed class Test : CSharpCodeFixTest<DiffOptAnalyzer, TCodeFix, DefaultVerifier>
    {
        private readonly bool ignoreMissingImplementation;

        public Test(bool ignoreMissingImplementation)
        {
            this.ignoreMissingImplementation = ignoreMissingImplementation;
            ReferenceAssemblies = TestReferences.NoPackages;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator)];

        protected override bool IsCompilerDiagnosticIncluded(Diagnostic diagnostic, CompilerDiagnostics compilerDiagnostics) =>
            !(ignoreMissingImplementation && diagnostic.Id == "CS8795") && base.IsCompilerDiagnosticIncluded(diagnostic, compilerDiagnostics);
    }
}
