using CsCheck;
using DiffOpt.Generators.Tests.Infrastructure;
using DiffOpt.Generators.Tests.PropertyBased;
using Microsoft.CodeAnalysis.CSharp;

namespace DiffOpt.Generators.Tests.Robustness;

/// <summary>
/// Property: whatever text the user is typing — random token soup in a [Differentiable] body, valid functions
/// with random token edits anywhere in the file (attributes and derivative declarations included), files cut
/// off at a random point — the generator does not throw (no exception in the run result, no CS8785) and does
/// not fail to emit (no #error in generated files). Many files share one compilation, each in its own tree.
/// </summary>
public sealed class MalformedSourceFuzzTests
{
    private const int FilesPerCompilation = 25;
    private const int Compilations = 8;

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

    private static readonly Gen<string> TruncatedFile =
        from body in RandomPrograms.Body
        from cut in Gen.Double[0, 1]
        let file = Wrap(body)
        select file.Substring(0, (int)(cut * file.Length));

    [Fact]
    public void Generator_never_throws_on_malformed_source()
    {
        PropertyRuns.Sample(
            Gen.Frequency((1, SoupFile), (2, EditedFile), (1, TruncatedFile)).Array[FilesPerCompilation],
            files =>
            {
                var compilation = InMemoryGeneratorHarness.CreateCompilation(
                    files.Select(f => f.Replace("FuzzNamespace", "Fuzz" + Interlocked.Increment(ref fileCounter), StringComparison.Ordinal)).ToArray());
                InMemoryGeneratorHarness.RunGenerator(compilation).AssertGeneratorDidNotFail();
            },
            Compilations,
            files => string.Join("\n\n", files));
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
