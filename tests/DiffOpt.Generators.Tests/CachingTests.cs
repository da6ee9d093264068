extern alias GeneratorAssembly;

using System.Collections;
using System.Reflection;
using DiffOpt.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrackingNames = GeneratorAssembly::DiffOpt.Generators.DiffOptGenerator.TrackingNames;

namespace DiffOpt.Generators.Tests;

/// <summary>
/// The generator is incremental: after an edit that does not touch differentiable code, every tracked step
/// reports its outputs as Cached or Unchanged (so no file is re-emitted), and its models hold no Roslyn objects
/// (which would pin old compilations in memory and defeat the equality checks).
/// </summary>
public sealed class CachingTests
{
    private static readonly string[] TrackedSteps =
    [
        TrackingNames.DifferentiableMethods,
        TrackingNames.GradientDeclarations,
        TrackingNames.JvpDeclarations,
        TrackingNames.OptimizeDeclarations,
        TrackingNames.ImplicitDiffSolvers,
        TrackingNames.SolverDerivativeDeclarations,
        TrackingNames.ValidModels,
    ];

    private const string Model = """
        using System;
        using DiffOpt;

        namespace Caching;

        public static partial class Model
        {
            [Differentiable]
            public static double Helper(double u, double v) => Math.Tanh(u * v) + Math.Pow(u, 2.0);

            [Differentiable]
            public static double Loss(double a, double b, ReadOnlySpan<double> w)
            {
                double s = a * w[0] + Math.Sin(b * w[1]);
                if (s > 1.0) { return Math.Exp(-s) + a; }
                double t = s > 0.0 ? Math.Log(1.0 + s) : -s;
                t += Helper(t, a);
                return t * a / b;
            }

            [Gradient(nameof(Loss))]
            public static partial double LossGradient(double a, double b, ReadOnlySpan<double> w, out double da, Span<double> dw);

            [Jvp(nameof(Loss))]
            public static partial double LossJvp(double a, double b, ReadOnlySpan<double> w, double da, ReadOnlySpan<double> dw, out double dResult);

            [Differentiable]
            public static double Quadratic(ReadOnlySpan<double> x, double c, double[] t)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++) { s += 0.5 * c * (x[i] - t[i]) * (x[i] - t[i]); }
                return s;
            }

            [Optimize(nameof(Quadratic))]
            [ImplicitDiff]
            public static partial double[] Fit(ReadOnlySpan<double> x0, double c, double[] t);

            [Vjp(nameof(Fit))]
            public static partial void FitVjp(ReadOnlySpan<double> x0, double c, double[] t, Span<double> dt, ReadOnlySpan<double> dx);

            public static int Unrelated() => 1;
        }
        """;

    private const string Other = """
        namespace Caching;

        public static class Other
        {
            public static string Describe() => "other";
        }
        """;

    public static TheoryData<string> UnrelatedEdits => new() { "add a file", "edit an unrelated method", "edit another file" };

    [Theory]
    [MemberData(nameof(UnrelatedEdits))]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged(string edit)
    {
        var compilation = SnapshotHarness.CreateCompilation(Model, Other);
        var driver = CreateTrackingDriver().RunGenerators(compilation);
        AssertEveryStepRan(driver);

        var edited = edit switch
        {
            "add a file" => compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Caching; public static class Added { public static int Two() => 2; }", SnapshotHarness.ParseOptions, path: "Added.cs")),
            "edit an unrelated method" => Replace(compilation, 0, "public static int Unrelated() => 1;", "public static int Unrelated() => 1 + 41; // edited"),
            _ => Replace(compilation, 1, "\"other\"", "\"edited\""),
        };
        driver = driver.RunGenerators(edited);

        var result = driver.GetRunResult().Results.Single();
        foreach (var name in TrackedSteps)
        {
            foreach (var (value, reason) in result.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    "Step " + name + " re-produced " + (value?.GetType().Name ?? "null") + " as " + reason + " after the edit '" + edit + "'");
            }
        }

        // And since nothing was re-emitted, the generated files are the very same.
        Assert.Equal(CreateTrackingDriver().RunGenerators(edited).GetRunResult().GeneratedTrees.Select(t => t.ToString()), result.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void Editing_a_differentiable_body_modifies_its_models_and_output()
    {
        var compilation = SnapshotHarness.CreateCompilation(Model, Other);
        var driver = CreateTrackingDriver().RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        driver = driver.RunGenerators(Replace(compilation, 0, "return t * a / b;", "return t * a / (b * b);"));
        var result = driver.GetRunResult().Results.Single();

        // Loss changed, so its helpers, its gradient and its JVP are new models; Helper is unchanged.
        Assert.Contains(result.TrackedSteps[TrackingNames.DifferentiableMethods].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedSteps[TrackingNames.GradientDeclarations].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedSteps[TrackingNames.JvpDeclarations].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);

        var after = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        var changed = before.Keys.Where(k => before[k] != after[k]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, changed.Count);
        Assert.All(changed, hint => Assert.Contains(".Loss", hint, StringComparison.Ordinal));
    }

    [Fact]
    public void Editing_a_primal_in_another_file_updates_the_derivative_declared_elsewhere()
    {
        // The declaration's syntax tree does not change, but its implementation depends on the primal's body.
        const string primal = """
            using DiffOpt;
            namespace Caching;
            public static partial class Split
            {
                [Differentiable]
                public static double Square(double x) => x * x;
            }
            """;
        const string declaration = """
            using DiffOpt;
            namespace Caching;
            public static partial class Split
            {
                [Gradient(nameof(Square))]
                public static partial double SquareGradient(double x, out double dx);
            }
            """;
        var compilation = SnapshotHarness.CreateCompilation(primal, declaration);
        var driver = CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(Replace(compilation, 0, "x * x", "x * x * x"));
        var result = driver.GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.GradientDeclarations].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        var gradient = result.GeneratedSources.Single(s => s.HintName.Contains("SquareGradient", StringComparison.Ordinal)).SourceText.ToString();
        var fresh = CreateTrackingDriver().RunGenerators(Replace(compilation, 0, "x * x", "x * x * x")).GetRunResult().Results.Single()
            .GeneratedSources.Single(s => s.HintName.Contains("SquareGradient", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Equal(fresh, gradient);
    }

    [Fact]
    public void Tracked_models_hold_no_roslyn_objects()
    {
        var driver = CreateTrackingDriver().RunGenerators(SnapshotHarness.CreateCompilation(Model, Other));
        var result = driver.GetRunResult().Results.Single();

        var models = TrackedSteps.SelectMany(name => result.TrackedSteps[name]).SelectMany(s => s.Outputs).Select(o => o.Value).Where(v => v is not null).ToList();
        Assert.NotEmpty(models);
        var visited = new List<Type>();
        foreach (var model in models)
        {
            Assert.StartsWith("DiffOpt.Generators.Model.", model!.GetType().FullName, StringComparison.Ordinal);
            var path = FindRoslynObject(model, visited);
            Assert.True(path is null, "A pipeline model reaches a Roslyn object: " + path);
        }

        // The walk went deep: through the IR, not just the model's top level.
        Assert.Contains(visited, t => t.Namespace == "DiffOpt.Generators.Ir");
    }

    [Fact]
    public void The_object_graph_walk_finds_a_buried_roslyn_object()
    {
        // Guards the test above: a Location three levels down, inside an array and a record, is found.
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        var buried = new Holder("outer", new object[] { 1, new Holder("inner", tree.GetRoot().GetLocation()) });
        Assert.NotNull(FindRoslynObject(buried, new List<Type>()));
        Assert.Null(FindRoslynObject(new Holder("clean", new object[] { "text", 2.0 }), new List<Type>()));
    }

    private sealed record Holder(string Name, object Content);

    private static GeneratorDriver CreateTrackingDriver() =>
        SnapshotHarness.CreateDriver(new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static void AssertEveryStepRan(GeneratorDriver driver)
    {
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        foreach (var name in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), "No step is tracked as " + name);
            Assert.Contains(result.TrackedSteps[name].SelectMany(s => s.Outputs), o => o.Value is not null);
        }
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int treeIndex, string oldText, string newText)
    {
        var tree = compilation.SyntaxTrees.ElementAt(treeIndex);
        var text = tree.ToString();
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(oldText, newText, StringComparison.Ordinal))));
    }

    /// <summary>
    /// Walks every field of <paramref name="root"/>, transitively, and returns the path to the first symbol, syntax
    /// node or token, syntax tree, compilation, semantic model or location it reaches; null when there is none.
    /// </summary>
    private static string? FindRoslynObject(object root, List<Type> visitedTypes)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((root, root.GetType().Name));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            var type = value.GetType();
            if (IsRoslynType(type))
            {
                return path + " (" + type.FullName + ")";
            }

            if (type.IsPrimitive || type.IsEnum || value is string || value is Pointer || !seen.Add(value))
            {
                continue;
            }

            visitedTypes.Add(type);
            if (value is Array array)
            {
                var index = 0;
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        pending.Push((item, path + "[" + index + "]"));
                    }

                    index++;
                }

                continue;
            }

            for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            {
                foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (IsRoslynType(field.FieldType))
                    {
                        return path + "." + field.Name + " (field of type " + field.FieldType.FullName + ")";
                    }

                    if (field.GetValue(value) is { } child)
                    {
                        pending.Push((child, path + "." + field.Name));
                    }
                }
            }
        }

        return null;
    }

    private static bool IsRoslynType(Type type) =>
        typeof(ISymbol).IsAssignableFrom(type)
        || typeof(SyntaxNode).IsAssignableFrom(type)
        || type == typeof(SyntaxToken)
        || type == typeof(SyntaxTrivia)
        || typeof(SyntaxTree).IsAssignableFrom(type)
        || typeof(Compilation).IsAssignableFrom(type)
        || typeof(SemanticModel).IsAssignableFrom(type)
        || typeof(Location).IsAssignableFrom(type)
        || typeof(IOperation).IsAssignableFrom(type);
}
