using System.Text.Json;
using DiffOpt.GradBench.Tests.Infrastructure;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class LstmModuleTests
{
    [Theory]
    [InlineData(1, 3, 2)]
    [InlineData(2, 4, 5)]
    [InlineData(3, 2, 7)]
    public void ObjectiveMatchesAnIndependentTranscription(int layers, int b, int charCount)
    {
        Case input = RandomCase(layers, b, charCount, seed: layers + (10 * b));

        double actual = Replay.Output(Replay.Evaluate("lstm", "objective", input.Json)).GetDouble();

        Assert.Equal(Reference(input, input.Main, input.Extra), actual, 12);
    }

    [Theory]
    [InlineData(1, 3, 4)]
    [InlineData(2, 4, 6)]
    public void GradientMatchesCentralDifferences(int layers, int b, int charCount)
    {
        Case input = RandomCase(layers, b, charCount, seed: 100 + layers);

        double[] actual = Replay.ToArray(Replay.Output(Replay.Evaluate("lstm", "jacobian", input.Json)));

        // The eval's layout: d(main_params) row after row, then d(extra_params) row after row.
        int mainLength = input.Main.Length;
        Assert.Equal(mainLength + input.Extra.Length, actual.Length);
        double[] expected = FiniteDifferences.Gradient(
            p => Reference(input, p[..mainLength], p[mainLength..]),
            [.. input.Main, .. input.Extra]);
        FiniteDifferences.AssertClose(expected, actual, 1e-7);
    }

    [Fact]
    public void RecordedEvalStreamIsAnsweredWithCheckedOutputs()
    {
        // GradBench's lstm eval at l = 2, c = 1024 (b = 7 bits per character), as recorded by gradbench_runner.py.
        foreach (Evaluation evaluation in Evaluation.FromStream("lstm.jsonl"))
        {
            Case input = Parse(evaluation.Input);
            if (evaluation.Function == "objective")
            {
                Assert.Equal(Reference(input, input.Main, input.Extra), evaluation.Output.GetDouble(), 12);
                continue;
            }

            double[] expected = FiniteDifferences.Gradient(p => Reference(input, p[..input.Main.Length], p[input.Main.Length..]), [.. input.Main, .. input.Extra]);
            FiniteDifferences.AssertClose(expected, Replay.ToArray(evaluation.Output), 1e-7);
        }
    }

    [Fact]
    public void InconsistentShapesFailWithAMessage()
    {
        Case input = RandomCase(2, 3, 4, seed: 1);
        string bad = input.Json.Replace("\"state\":[[", "\"state\":[[0.5],[", StringComparison.Ordinal);
        var responses = Replay.Run(
        [
            """{"id":0,"kind":"start"}""",
            """{"id":1,"kind":"define","module":"lstm"}""",
            $$"""{"id":2,"kind":"evaluate","module":"lstm","function":"objective","input":{{bad}}}""",
        ]);
        Assert.False(responses[2].GetProperty("success").GetBoolean());
        Assert.Contains("state", responses[2].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private sealed record Case(int Layers, int B, int CharCount, double[] Main, double[] Extra, double[] State, double[] Sequence, string Json);

    private static Case RandomCase(int layers, int b, int charCount, int seed)
    {
        var random = new Random(seed);
        double[][] rows(int count, int length) => Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, length).Select(_ => random.NextDouble()).ToArray()).ToArray();
        double[][] main = rows(2 * layers, 4 * b);
        double[][] extra = rows(3, b);
        double[][] state = rows(2 * layers, b);
        double[][] sequence = Enumerable.Range(0, charCount).Select(_ => Enumerable.Range(0, b).Select(_ => (double)random.Next(2)).ToArray()).ToArray();
        string json = JsonSerializer.Serialize(new { main_params = main, extra_params = extra, state, sequence, min_runs = 1, min_seconds = 0 });
        return new Case(layers, b, charCount, [.. main.SelectMany(r => r)], [.. extra.SelectMany(r => r)], [.. state.SelectMany(r => r)], [.. sequence.SelectMany(r => r)], json);
    }

    private static Case Parse(JsonElement input)
    {
        double[][] read(string name) => input.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        double[][] main = read("main_params");
        double[][] sequence = read("sequence");
        return new Case(main.Length / 2, main[0].Length / 4, sequence.Length, [.. main.SelectMany(r => r)], [.. read("extra_params").SelectMany(r => r)], [.. read("state").SelectMany(r => r)], [.. sequence.SelectMany(r => r)], input.GetRawText());
    }

    /// <summary>
    /// ADBench's LSTM loss written out again with per-layer hidden and cell vectors and named gate parameters,
    /// independently of LstmModel: gates f = σ(x·wf + bf), i = σ(h·wi + bi), o = σ(x·wo + bo), g = tanh(h·wg + bg),
    /// c ← c·f + i·g, h ← o·tanh c; prediction y = h_last·w_out + b_out; loss = −mean over steps and bits of
    /// next·(y − log(Σ e^y + 2)).
    /// </summary>
    private static double Reference(Case input, double[] main, double[] extra)
    {
        int b = input.B;
        double[][] hidden = new double[input.Layers][];
        double[][] cell = new double[input.Layers][];
        for (int l = 0; l < input.Layers; l++)
        {
            hidden[l] = input.State.AsSpan(2 * b * l, b).ToArray();
            cell[l] = input.State.AsSpan((2 * b * l) + b, b).ToArray();
        }

        double sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        double parameter(int layer, bool bias, int gate, int i) => main[(8 * b * layer) + (bias ? 4 * b : 0) + (gate * b) + i];
        double total = 0;
        for (int t = 0; t + 1 < input.CharCount; t++)
        {
            double[] x = Enumerable.Range(0, b).Select(i => input.Sequence[(t * b) + i] * extra[i]).ToArray();
            for (int l = 0; l < input.Layers; l++)
            {
                for (int i = 0; i < b; i++)
                {
                    double f = sigmoid((x[i] * parameter(l, false, 0, i)) + parameter(l, true, 0, i));
                    double ig = sigmoid((hidden[l][i] * parameter(l, false, 1, i)) + parameter(l, true, 1, i));
                    double o = sigmoid((x[i] * parameter(l, false, 2, i)) + parameter(l, true, 2, i));
                    double g = Math.Tanh((hidden[l][i] * parameter(l, false, 3, i)) + parameter(l, true, 3, i));
                    cell[l][i] = (cell[l][i] * f) + (ig * g);
                    hidden[l][i] = o * Math.Tanh(cell[l][i]);
                }

                x = hidden[l];
            }

            double[] y = Enumerable.Range(0, b).Select(i => (x[i] * extra[b + i]) + extra[(2 * b) + i]).ToArray();
            double logSum = Math.Log(y.Sum(Math.Exp) + 2);
            for (int i = 0; i < b; i++)
            {
                total += input.Sequence[((t + 1) * b) + i] * (y[i] - logSum);
            }
        }

        return -total / ((input.CharCount - 1) * b);
    }
}
