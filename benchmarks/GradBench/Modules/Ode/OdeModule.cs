using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.Ode;

/// <summary>The <c>ode</c> module: <c>primal</c> → y(2), <c>gradient</c> → ∇ₓ y_{n−1}(2) (input <c>{x, s}</c>).</summary>
internal sealed class OdeModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "ode";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } =
    [
        new("primal", """{"x":[0.5,0.25,0.125,0.3,0.9],"s":3}"""),
        new("gradient", """{"x":[0.5,0.25,0.125,0.3,0.9],"s":3}"""),
    ];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        double[] x = JsonInput.GetDoubleArray(input, "x");
        int s = JsonInput.GetInt(input, "s");
        if (x.Length == 0 || s < 1)
        {
            throw new GradBenchInputException($"field 'x' must not be empty and 's' must be at least 1; got {x.Length} elements and s = {s}");
        }

        double[] result = new double[x.Length];
        return function switch
        {
            "primal" => PreparedFunction.Create(() => RungeKuttaOde.Solve(x, s, result), w => JsonOutput.WriteArray(w, result)),
            "gradient" => PreparedFunction.Create(() => RungeKuttaOde.LastComponentGradient(x, s, result), w => JsonOutput.WriteArray(w, result)),
            _ => throw GradBenchInputException.UnknownFunction(Name, function, "primal", "gradient"),
        };
    }
}
