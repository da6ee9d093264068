using CsCheck;
using DiffOpt.Generators.Tests.Infrastructure;
using DiffOpt.Generators.Tests.PropertyBased;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace DiffOpt.Generators.Tests.Robustness;

/// <summary>
/// Property: whatever text the user is typing — random token soup in a [Differentiable] body, valid functions
/// with random token edits anywhere in the file (attributes and derivative declarations included), files cut
/// off at a random point — the generator does not throw (no exception in the run result, no CS8785); where the
/// edited file is still valid C#, the code generated for it compiles and holds no #error from a failed emission. Many files share one compilation, each in its own tree and namespace.
/// </summary>
public sealed class MalformedSourceFuzzTests(ITestOutputHelper output)
{
    private const int FilesPerCompilation = 25;
    private const int Compilations = 6;

    private static readonly string[] Vocabulary =
    [
        "x0", "x1", "x2", "w", "n", "F", "H", "t0", "Math", "Sin", "Exp", "Pow", "Log", "Max", "Differentiable", "Gradient", "Jvp",
        "nameof", "double", "int", "var", "bool", "float", "string", "Span", "ReadOnlySpan", "return", "if", "else", "for", "while",
        "new", "out", "ref", "in", "this", "base", "static", "partial", "public", "class", "namespace", "using", "true", "false",
        "null", "default", "typeof", "sizeof", "stackalloc", "await", "yield", "goto", "case", "switch", "throw", "try", "catch",
        "lock", "checked", "(", ")", "{", "}", "[", "]", ";", ",", ".", "?", ":", "=>", "=", "+=", "-=", "*=", "/=", "==", "!=",
        "<", ">", "<=", ">=", "&&", "||", "!", "+", "-", "*", "/", "%", "++", "--", "^", "..", "??", "@", "\"s\"", "'c'", "0", "1",
        "2.5", "1e308", "0.0", "#if", "$\"", "/*", "//", "\\",
    ];

    private static readonly Gen<string> TokenSoup =
        Gen.OneOfConst(Vocabulary).Array[0, 40].Select(tokens => string.Join(" ", tokens));

    private static readonly Gen<(int Kind, double Position, string Token)> Edit =
        Gen.Select(Gen.Int[0, 4], Gen.Double[0, 1], Gen.OneOfConst(Vocabulary));

    private static readonly Gen<string> SoupFile =
        from soup in TokenSoup
        from shape in Gen.Int[0, 2]
        select Wrap(shape switch { 0 => "{ " + soup + " }", 1 => "=> " + soup + ";", _ => soup });

    // Each file gets its own namespace: duplicate members across files are a separate case (UnsupportedCodeCases).
    private static int fileCounter;

    private static readonly Gen<string> EditedFile =
        from body in RandomPrograms.Body
        from edits in Edit.Array[1, 5]
        select ApplyEdits(Wrap(body), edits);

    // Classes of interchangeable tokens: replacing within a class usually keeps the file valid C#, so these
    // edits reach the transforms and the emitter with shapes the random-program generator does not make.
    private static readonly string[][] TokenClasses =
    [
        ["x0", "x1", "x2", "t0", "t1"],
        ["+", "-", "*", "/"],
        ["<", "<=", ">", ">=", "==", "!="],
        ["&&", "||"],
        ["+=", "-=", "*=", "/=", "="],
        ["0.5", "2.0", "1.5", "3.0", "0.25", "1e-3", "0", "1", "-1"],
        ["Sin", "Cos", "Tan", "Atan", "Tanh", "Sinh", "Cosh", "Exp", "Sqrt", "Log", "Abs", "Floor", "Ceiling", "Round", "Truncate", "Cbrt", "Asinh", "Acosh", "Atanh", "Asin", "Acos", "Log10", "Log2"],
        ["Max", "Min", "Pow", "Atan2", "Log", "H"],
    ];

    private static readonly Gen<string> ValidLookingFile =
        from body in RandomPrograms.Body
        from edits in Gen.Select(Gen.Double[0, 1], Gen.Int[0, 100]).Array[1, 4]
        select ReplaceWithinClasses(Wrap(body), edits);

    private static readonly Gen<string> TruncatedFile =
        from body in RandomPrograms.Body
        from cut in Gen.Double[0, 1]
        let file = Wrap(body)
        select file.Substring(0, (int)(cut * file.Length));

    [Fact]
    public void Generator_never_throws_on_malformed_source()
    {
        var validFiles = 0;
        var allFiles = 0;
        PropertyRuns.Sample(
            Gen.Frequency((1, SoupFile), (2, EditedFile), (3, ValidLookingFile), (1, TruncatedFile)).Array[FilesPerCompilation],
            files =>
            {
                var namespaces = files.Select(_ => "Fuzz" + Interlocked.Increment(ref fileCounter)).ToArray();
                var compilation = InMemoryGeneratorHarness.CreateCompilation(
                    files.Select((f, i) => f.Replace("FuzzNamespace", namespaces[i], StringComparison.Ordinal)).ToArray());
                var run = InMemoryGeneratorHarness.RunGenerator(compilation);
                run.AssertGeneratorDidNotThrow();
                Interlocked.Add(ref validFiles, AssertGeneratedCodeCompilesForValidFiles(run, compilation, namespaces));
                Interlocked.Add(ref allFiles, files.Length);
            },
            Compilations,
            files => string.Join("\n\n", files));
        output.WriteLine($"{allFiles} files, {validFiles} of them valid C# with generated code");
    }

    /// <summary>
    /// Where an edit left a file valid C# (its only errors are CS8795 for declarations the generator declined),
    /// the files generated for its namespace must compile and hold no #error from a failed emission: the
    /// generator implements a declaration fully or not at all, even for code it has never seen. (For invalid
    /// files an internal failure is a separate, dedicated case in UnsupportedCodeCases.)
    /// </summary>
    /// <returns>The number of valid files that got generated code.</returns>
    private static int AssertGeneratedCodeCompilesForValidFiles(GeneratorRun run, Microsoft.CodeAnalysis.Compilation input, string[] namespaces)
    {
        var generated = run.GeneratedSources.ToDictionary(s => s.SyntaxTree, s => s.HintName);
        var errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        var brokenUserTrees = errors
            .Where(d => d.Id != "CS8795" && d.Location.SourceTree is { } tree && !generated.ContainsKey(tree))
            .Select(d => d.Location.SourceTree!)
            .ToHashSet();
        var trees = input.SyntaxTrees.ToList();
        foreach (var failure in run.EmissionFailures)
        {
            var file = Array.FindIndex(namespaces, ns => failure.HintName.StartsWith(ns + ".", StringComparison.Ordinal));
            if (file >= 0 && !brokenUserTrees.Contains(trees[file]))
            {
                Assert.Fail($"The generator failed to emit for valid file {namespaces[file]}:\n{failure.SourceText}\n\n{trees[file]}");
            }
        }

        foreach (var error in errors.Where(d => d.Location.SourceTree is { } tree && generated.ContainsKey(tree)))
        {
            var hint = generated[error.Location.SourceTree!];
            var file = Array.FindIndex(namespaces, ns => hint.StartsWith(ns + ".", StringComparison.Ordinal));
            if (file >= 0 && !brokenUserTrees.Contains(trees[file]))
            {
                Assert.Fail($"Valid file {namespaces[file]} got generated code with an error:\n{error}\n\n{trees[file]}\n\n{run.GeneratedSourceText([error])}");
            }
        }

        return Enumerable.Range(0, namespaces.Length)
            .Count(i => !brokenUserTrees.Contains(trees[i]) && generated.Values.Any(h => h.StartsWith(namespaces[i] + ".", StringComparison.Ordinal)));
    }

    /// <summary>A complete file around one [Differentiable] function with a [Gradient] and a [Jvp].</summary>
    private static string Wrap(string body) => $$"""
        using System;
        using DiffOpt;
        namespace FuzzNamespace;
        public static partial class C
        {
            {{RandomPrograms.HelperSource}}
            [Differentiable] public static double F(double x0, double x1, double x2, double[] w, int n) {{body}}
            [Gradient(nameof(F))] public static partial double FGradient(double x0, double x1, double x2, double[] w, int n, out double dx0, out double dx1, out double dx2, Span<double> dw);
            [Jvp(nameof(F))] public static partial double FJvp(double x0, double x1, double x2, double[] w, int n, double dx0, double dx1, double dx2, ReadOnlySpan<double> dw, out double dResult);
        }
        """;

    /// <summary>For each edit, replaces the first token at or after the position that is in a token class by another member of that class.</summary>
    private static string ReplaceWithinClasses(string source, (double Position, int Choice)[] edits)
    {
        var tokens = SyntaxFactory.ParseTokens(source).Select(t => t.Text).Where(t => t.Length > 0).ToList();
        var bodyStart = tokens.IndexOf("F");
        foreach (var (position, choice) in edits)
        {
            for (var i = bodyStart + (int)(position * (tokens.Count - bodyStart)); i < tokens.Count; i++)
            {
                var tokenClass = Array.Find(TokenClasses, c => c.Contains(tokens[i]));
                if (tokenClass is not null)
                {
                    tokens[i] = tokenClass[choice % tokenClass.Length];
                    break;
                }
            }
        }

        return string.Join(" ", tokens);
    }

    /// <summary>Deletes, duplicates, replaces, swaps or inserts tokens at the given relative positions.</summary>
    private static string ApplyEdits(string source, (int Kind, double Position, string Token)[] edits)
    {
        var tokens = SyntaxFactory.ParseTokens(source).Select(t => t.Text).Where(t => t.Length > 0).ToList();
        foreach (var (kind, position, token) in edits)
        {
            var i = Math.Min((int)(position * tokens.Count), tokens.Count - 1);
            switch (kind)
            {
                case 0: tokens.RemoveAt(i); break;
                case 1: tokens.Insert(i, tokens[i]); break;
                case 2: tokens[i] = token; break;
                case 3 when i + 1 < tokens.Count: (tokens[i], tokens[i + 1]) = (tokens[i + 1], tokens[i]); break;
                default: tokens.Insert(i, token); break;
            }
        }

        return string.Join(" ", tokens);
    }
}
