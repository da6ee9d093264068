using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.Hello;

/// <summary>The <c>hello</c> module: its input is a bare number, not an object with <c>min_runs</c>.</summary>
internal sealed class HelloModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "hello";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } = [new("square", "1.5"), new("double", "1.5")];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        double x = JsonInput.AsDouble(input, "input");
        return function switch
        {
            "square" => PreparedFunction.Scalar(() => Hello.Square(x)),
            "double" => PreparedFunction.Scalar(() =>
            {
                Hello.SquareGradient(x, out double dx);
                return dx;
            }),
            _ => throw GradBenchInputException.UnknownFunction(Name, function, "square", "double"),
        };
    }
}
