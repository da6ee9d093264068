using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.Lse;

/// <summary>The <c>lse</c> module: <c>primal</c> → LSE(x), <c>gradient</c> → ∇LSE(x) (input <c>{x}</c>).</summary>
internal sealed class LseModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "lse";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } =
    [
        new("primal", """{"x":[0.5,-1.25,3.0,0.75,2.5,-0.5,1.0,0.0]}"""),
        new("gradient", """{"x":[0.5,-1.25,3.0,0.75,2.5,-0.5,1.0,0.0]}"""),
    ];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        double[] x = JsonInput.GetDoubleArray(input, "x");
        if (x.Length == 0)
        {
            throw new GradBenchInputException("field 'x' must not be empty");
        }

        switch (function)
        {
            case "primal":
                return PreparedFunction.Scalar(() => LogSumExp.Value(x));
            case "gradient":
                double[] dx = new double[x.Length];
                return PreparedFunction.Create(() => LogSumExp.ValueGradient(x, dx), w => JsonOutput.WriteArray(w, dx));
            default:
                throw GradBenchInputException.UnknownFunction(Name, function, "primal", "gradient");
        }
    }
}
