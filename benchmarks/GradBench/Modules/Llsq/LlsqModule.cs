using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.Llsq;

/// <summary>The <c>llsq</c> module: <c>primal</c> → y(x), <c>gradient</c> → ∇y(x) (input <c>{x, n}</c>).</summary>
internal sealed class LlsqModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "llsq";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } =
    [
        new("primal", """{"x":[0.5,0.25,0.125,0.3],"n":16}"""),
        new("gradient", """{"x":[0.5,0.25,0.125,0.3],"n":16}"""),
    ];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        double[] x = JsonInput.GetDoubleArray(input, "x");
        int n = JsonInput.GetInt(input, "n");
        if (n < 2)
        {
            throw new GradBenchInputException($"field 'n' must be at least 2 (tᵢ divides by n − 1), got {n}");
        }

        switch (function)
        {
            case "primal":
                return PreparedFunction.Scalar(() => Llsq.Objective(x, n));
            case "gradient":
                double[] dx = new double[x.Length];
                return PreparedFunction.Create(() => Llsq.ObjectiveGradient(x, n, dx), w => JsonOutput.WriteArray(w, dx));
            default:
                throw GradBenchInputException.UnknownFunction(Name, function, "primal", "gradient");
        }
    }
}
