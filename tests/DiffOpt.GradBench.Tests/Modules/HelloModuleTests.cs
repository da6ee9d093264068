using DiffOpt.GradBench.Tests.Infrastructure;

namespace DiffOpt.GradBench.Tests.Modules;

public sealed class HelloModuleTests
{
    [Theory]
    [InlineData(3.5)]
    [InlineData(-0.25)]
    public void SquareAndDoubleMatchClosedForms(double x)
    {
        string input = x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(x * x, Replay.Output(Replay.Evaluate("hello", "square", input)).GetDouble());
        Assert.Equal(2 * x, Replay.Output(Replay.Evaluate("hello", "double", input)).GetDouble());
    }

    [Fact]
    public void RecordedHelloStreamIsAnsweredAndCorrect()
    {
        var (messages, responses) = Replay.RunFile("hello.jsonl");
        for (int i = 0; i < messages.Count; i++)
        {
            if (messages[i].GetProperty("kind").GetString() != "evaluate")
            {
                continue;
            }

            double x = messages[i].GetProperty("input").GetDouble();
            double expected = messages[i].GetProperty("function").GetString() == "square" ? x * x : 2 * x;
            Assert.Equal(expected, Replay.Output(responses[i]).GetDouble());
            Assert.Single(responses[i].GetProperty("timings").EnumerateArray(), t => t.GetProperty("name").GetString() == "evaluate");
        }
    }
}
