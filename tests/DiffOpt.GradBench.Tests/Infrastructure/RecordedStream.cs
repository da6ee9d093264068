using System.Text.Json;

namespace DiffOpt.GradBench.Tests.Infrastructure;

/// <summary>One evaluate message of a replayed stream and the tool's response to it.</summary>
internal sealed record Evaluation(string Function, JsonElement Input, JsonElement Response)
{
    /// <summary>The output of the (asserted successful) response.</summary>
    public JsonElement Output => Replay.Output(Response);

    /// <summary>Replays a recorded stream under <c>Streams/</c> and returns its evaluate messages with their responses.</summary>
    public static IReadOnlyList<Evaluation> FromStream(string file)
    {
        var (messages, responses) = Replay.RunFile(file);
        var result = new List<Evaluation>();
        for (int i = 0; i < messages.Count; i++)
        {
            string? kind = messages[i].GetProperty("kind").GetString();
            if (kind == "define")
            {
                Assert.True(responses[i].GetProperty("success").GetBoolean(), responses[i].ToString());
            }
            else if (kind == "evaluate")
            {
                result.Add(new Evaluation(messages[i].GetProperty("function").GetString()!, messages[i].GetProperty("input"), responses[i]));
            }
            else if (kind == "start")
            {
                Assert.Equal("diffopt", responses[i].GetProperty("tool").GetString());
            }
            else
            {
                // analysis (and anything else): acknowledged by id only.
                Assert.Equal(messages[i].GetProperty("id").GetRawText(), Assert.Single(responses[i].EnumerateObject()).Value.GetRawText());
            }
        }

        Assert.NotEmpty(result);
        return result;
    }

    /// <summary>A number array field of the input.</summary>
    public double[] InputArray(string name) => Replay.ToArray(Input.GetProperty(name));

    /// <summary>A <c>double[][]</c> field of the input, flattened row by row.</summary>
    public double[] InputMatrix(string name) => Replay.ToFlatMatrix(Input.GetProperty(name));
}
