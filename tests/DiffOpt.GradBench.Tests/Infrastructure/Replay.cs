using System.Text.Json;
using DiffOpt.GradBench.Modules;
using DiffOpt.GradBench.Protocol;

namespace DiffOpt.GradBench.Tests.Infrastructure;

/// <summary>Runs message lines through the tool's protocol loop in process and returns the parsed responses.</summary>
internal static class Replay
{
    /// <summary>
    /// Replays <paramref name="messages"/> (one JSON message each) and returns one response per message, checking
    /// that the tool wrote exactly one line per message, each with the message's id.
    /// </summary>
    public static IReadOnlyList<JsonElement> Run(IReadOnlyList<string> messages, ServerOptions? options = null)
    {
        var input = new StringReader(string.Join("\n", messages) + "\n");
        var output = new StringWriter { NewLine = "\n" };
        var log = new StringWriter();
        var server = new GradBenchServer(ModuleRegistry.CreateAll(), options ?? ServerOptions.NoWarmUp, log);
        server.Run(input, output);

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(messages.Count, lines.Length);
        var responses = new List<JsonElement>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            JsonElement response = JsonDocument.Parse(lines[i]).RootElement;
            using JsonDocument message = JsonDocument.Parse(messages[i]);
            Assert.Equal(message.RootElement.GetProperty("id").GetRawText(), response.GetProperty("id").GetRawText());
            responses.Add(response);
        }

        return responses;
    }

    /// <summary>Replays the messages of a recorded <c>.jsonl</c> file under <c>Streams/</c>.</summary>
    public static (IReadOnlyList<JsonElement> Messages, IReadOnlyList<JsonElement> Responses) RunFile(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Streams", name);
        string[] lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        IReadOnlyList<JsonElement> responses = Run(lines);
        return (lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray(), responses);
    }

    /// <summary>Replays start, define and one evaluate of <paramref name="module"/>, and returns the evaluate response (asserted successful).</summary>
    public static JsonElement Evaluate(string module, string function, string inputJson)
    {
        IReadOnlyList<JsonElement> responses = Run(
        [
            """{"id":0,"kind":"start","eval":"test"}""",
            $$"""{"id":1,"kind":"define","module":"{{module}}"}""",
            $$"""{"id":2,"kind":"evaluate","module":"{{module}}","function":"{{function}}","input":{{inputJson}}}""",
        ]);
        Assert.True(responses[1].GetProperty("success").GetBoolean());
        JsonElement result = responses[2];
        Assert.True(result.GetProperty("success").GetBoolean(), result.ToString());
        return result;
    }

    /// <summary>The output of a successful evaluate response.</summary>
    public static JsonElement Output(JsonElement response)
    {
        Assert.True(response.GetProperty("success").GetBoolean(), response.ToString());
        return response.GetProperty("output");
    }

    /// <summary>An output array as doubles.</summary>
    public static double[] ToArray(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>An output <c>double[][]</c> as a row-major array.</summary>
    public static double[] ToFlatMatrix(JsonElement matrix) =>
        matrix.EnumerateArray().SelectMany(row => row.EnumerateArray().Select(e => e.GetDouble())).ToArray();
}
