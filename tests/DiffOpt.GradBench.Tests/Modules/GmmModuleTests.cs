using System.Text.Json;
using DiffOpt.GradBench.Tests.Infrastructure;
using DiffOpt.GradBench.Tests.References;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class GmmModuleTests
{
    [Fact]
    public void RecordedEvalStreamMatchesTheDefinitionAndItsFiniteDifferences()
    {
        foreach (Evaluation e in Evaluation.FromStream("gmm.jsonl"))
        {
            GmmReference model = Parse(e.Input);
            if (e.Function == "objective")
            {
                double expected = model.LogPosterior();
                Assert.True(Math.Abs(expected - e.Output.GetDouble()) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {e.Output.GetDouble()}");
            }
            else
            {
                Assert.Equal("jacobian", e.Function);
                AssertGradient(model, e.Output);
            }
        }
    }

    [Fact]
    public void JacobianHasTheEvalsShape()
    {
        IReadOnlyList<Evaluation> evaluations = Evaluation.FromStream("gmm.jsonl");
        Evaluation jacobian = evaluations.First(e => e.Function == "jacobian");
        int d = jacobian.Input.GetProperty("d").GetInt32();
        int k = jacobian.Input.GetProperty("k").GetInt32();
        JsonElement output = jacobian.Output;
        Assert.Equal(["alpha", "l", "mu", "q"], output.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(k, output.GetProperty("alpha").GetArrayLength());
        foreach (var (name, columns) in new[] { ("mu", d), ("q", d), ("l", d * (d - 1) / 2) })
        {
            Assert.Equal(k, output.GetProperty(name).GetArrayLength());
            Assert.All(output.GetProperty(name).EnumerateArray(), row => Assert.Equal(columns, row.GetArrayLength()));
        }
    }

    private static void AssertGradient(GmmReference model, JsonElement output)
    {
        // Central differences of the definition, one independent variable at a time.
        FiniteDifferences.AssertClose(FiniteDifferences.Gradient(v => (model with { Alpha = v }).LogPosterior(), model.Alpha), Replay.ToArray(output.GetProperty("alpha")), 1e-5);
        AssertRows(model.Mu, output.GetProperty("mu"), (k, row) => model with { Mu = Replace(model.Mu, k, row) }, model);
        AssertRows(model.Q, output.GetProperty("q"), (k, row) => model with { Q = Replace(model.Q, k, row) }, model);
        AssertRows(model.L, output.GetProperty("l"), (k, row) => model with { L = Replace(model.L, k, row) }, model);
    }

    private static void AssertRows(double[][] rows, JsonElement actual, Func<int, double[], GmmReference> with, GmmReference model)
    {
        for (int k = 0; k < rows.Length; k++)
        {
            int component = k;
            double[] expected = FiniteDifferences.Gradient(v => with(component, v).LogPosterior(), rows[k]);
            FiniteDifferences.AssertClose(expected, Replay.ToArray(actual[k]), 1e-5);
        }
    }

    private static double[][] Replace(double[][] rows, int k, double[] row)
    {
        double[][] copy = (double[][])rows.Clone();
        copy[k] = row;
        return copy;
    }

    private static GmmReference Parse(JsonElement input)
    {
        double[][] Rows(string name) => input.GetProperty(name).EnumerateArray().Select(Replay.ToArray).ToArray();
        return new GmmReference(
            input.GetProperty("d").GetInt32(),
            input.GetProperty("k").GetInt32(),
            input.GetProperty("n").GetInt32(),
            Rows("x"),
            input.GetProperty("m").GetInt32(),
            input.GetProperty("gamma").GetDouble(),
            Replay.ToArray(input.GetProperty("alpha")),
            Rows("mu"),
            Rows("q"),
            Rows("l"));
    }
}
