using System.Text.Json;
using DiffOpt.GradBench.Modules;
using DiffOpt.GradBench.Protocol;
using DiffOpt.GradBench.Tests.Infrastructure;

namespace DiffOpt.GradBench.Tests.Protocol;

public sealed class ProtocolTests
{
    [Fact]
    public void StartIsAnsweredWithTheToolName()
    {
        JsonElement response = Replay.Run(["""{"id":0,"kind":"start","eval":"llsq"}"""])[0];
        Assert.Equal("diffopt", response.GetProperty("tool").GetString());
        Assert.Equal(JsonValueKind.Object, response.GetProperty("config").ValueKind);
    }

    [Fact]
    public void DefineOfAnUnknownModuleFailsWithAMessage()
    {
        JsonElement response = Replay.Run(["""{"id":7,"kind":"define","module":"nope"}"""])[0];
        Assert.False(response.GetProperty("success").GetBoolean());
        Assert.Contains("nope", response.GetProperty("error").GetString());
    }

    [Fact]
    public void EveryRegisteredModuleDefinesAndItsWarmUpInputsRun()
    {
        string[] names = ModuleRegistry.CreateAll().Select(m => m.Name).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        IReadOnlyList<JsonElement> responses = Replay.Run(
            names.Select((name, i) => $$"""{"id":{{i}},"kind":"define","module":"{{name}}"}""").ToArray(),
            new ServerOptions(WarmUpSecondsPerInput: 1e-6, WarmUpMinRuns: 2));
        Assert.All(responses, r =>
        {
            Assert.True(r.GetProperty("success").GetBoolean(), r.ToString());
            Assert.Equal("warmup", Assert.Single(r.GetProperty("timings").EnumerateArray()).GetProperty("name").GetString());
        });
    }

    [Theory]
    [InlineData("""{"id":1,"kind":"evaluate","module":"nope","function":"primal","input":{}}""", "nope")]
    [InlineData("""{"id":1,"kind":"evaluate","module":"llsq","function":"hessian","input":{"x":[1],"n":4}}""", "hessian")]
    [InlineData("""{"id":1,"kind":"evaluate","module":"llsq","function":"primal","input":{"x":[1]}}""", "'n'")]
    [InlineData("""{"id":1,"kind":"evaluate","module":"llsq","function":"primal","input":{"x":"abc","n":4}}""", "'x'")]
    [InlineData("""{"id":1,"kind":"evaluate","module":"llsq","function":"primal","input":{"x":[1],"n":4,"min_runs":0}}""", "min_runs")]
    [InlineData("""{"id":1,"kind":"evaluate","module":"det","function":"primal","input":{"A":[1,2,3],"ell":2}}""", "ell")]
    [InlineData("""{"id":1,"kind":"evaluate","module":"kmeans","function":"cost","input":{"points":[[1,2],[3]],"centroids":[[1,2]]}}""", "row 1")]
    [InlineData("""{"id":1,"kind":"evaluate","module":"hello","function":"square","input":"x"}""", "number")]
    [InlineData("""{"id":1,"kind":"evaluate","module":"llsq","input":{"x":[1],"n":4}}""", "function")]
    public void BadEvaluateMessagesFailWithAMessageNamingTheProblem(string message, string mentioned)
    {
        JsonElement response = Replay.Run([message])[0];
        Assert.False(response.GetProperty("success").GetBoolean());
        Assert.Contains(mentioned, response.GetProperty("error").GetString());
        Assert.False(response.TryGetProperty("output", out _));
    }

    [Fact]
    public void ANonFiniteResultIsAFailureNotANumber()
    {
        // ½ (−1 − 1e200)² overflows to +∞, which JSON cannot carry.
        JsonElement response = Replay.Run(["""{"id":3,"kind":"evaluate","module":"llsq","function":"primal","input":{"x":[1e200],"n":4}}"""])[0];
        Assert.False(response.GetProperty("success").GetBoolean());
        Assert.Contains("Infinity", response.GetProperty("error").GetString());
    }

    [Fact]
    public void AnalysisAndUnknownKindsAreAcknowledgedByIdOnly()
    {
        IReadOnlyList<JsonElement> responses = Replay.Run(
        [
            """{"id":4,"kind":"analysis","of":3,"valid":false,"error":"wrong"}""",
            """{"id":5,"kind":"something-new"}""",
            """{"id":6}""",
        ]);
        Assert.All(responses, r => Assert.Equal("id", Assert.Single(r.EnumerateObject()).Name));
    }

    [Fact]
    public void ALineThatIsNotJsonIsAnsweredWithANullIdAndTheLoopContinues()
    {
        var output = new StringWriter();
        var server = new GradBenchServer(ModuleRegistry.CreateAll(), ServerOptions.NoWarmUp, TextWriter.Null);
        server.Run(new StringReader("{not json\n\n{\"id\":1,\"kind\":\"start\"}\n"), output);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        JsonElement first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(JsonValueKind.Null, first.GetProperty("id").ValueKind);
        Assert.False(first.GetProperty("success").GetBoolean());
        Assert.Equal(1, JsonDocument.Parse(lines[1]).RootElement.GetProperty("id").GetInt32());
    }

    [Fact]
    public void MinRunsGivesOneEvaluateTimingPerRunAndOnePrepareTiming()
    {
        JsonElement response = Replay.Run(["""{"id":2,"kind":"evaluate","module":"lse","function":"primal","input":{"x":[1,2,3],"min_runs":5,"min_seconds":0}}"""])[0];
        JsonElement[] timings = response.GetProperty("timings").EnumerateArray().ToArray();
        Assert.Equal("prepare", timings[0].GetProperty("name").GetString());
        Assert.Equal(5, timings.Count(t => t.GetProperty("name").GetString() == "evaluate"));
        Assert.Equal(6, timings.Length);
        Assert.All(timings, t => Assert.True(t.GetProperty("nanoseconds").GetInt64() >= 0));
    }

    [Fact]
    public void MinSecondsKeepsRunningUntilTheRunsTakeThatLong()
    {
        JsonElement response = Replay.Run(["""{"id":2,"kind":"evaluate","module":"lse","function":"gradient","input":{"x":[1,2,3],"min_runs":1,"min_seconds":0.05}}"""])[0];
        long[] runs = response.GetProperty("timings").EnumerateArray()
            .Where(t => t.GetProperty("name").GetString() == "evaluate")
            .Select(t => t.GetProperty("nanoseconds").GetInt64()).ToArray();
        Assert.True(runs.Sum() >= 50_000_000, $"{runs.Length} runs took {runs.Sum()} ns");
        Assert.True(runs.Length > 1);
    }

    [Fact]
    public void IdsAreEchoedAsSent()
    {
        IReadOnlyList<JsonElement> responses = Replay.Run(["""{"id":123456789012,"kind":"start"}""", """{"id":"seven","kind":"analysis"}"""]);
        Assert.Equal(123456789012, responses[0].GetProperty("id").GetInt64());
        Assert.Equal("seven", responses[1].GetProperty("id").GetString());
    }
}
