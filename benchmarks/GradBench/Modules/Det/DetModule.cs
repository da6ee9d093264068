using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.Det;

/// <summary>The <c>det</c> module: <c>primal</c> → det A, <c>gradient</c> → ∂ det A / ∂A row-major (input <c>{A, ell}</c>).</summary>
internal sealed class DetModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "det";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } =
    [
        new("primal", """{"A":[2,1,0,0.5, 1,3,1,0, 0,1,4,1, 0.5,0,1,5],"ell":4}"""),
        new("gradient", """{"A":[2,1,0,0.5, 1,3,1,0, 0,1,4,1, 0.5,0,1,5],"ell":4}"""),
    ];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        double[] a = JsonInput.GetDoubleArray(input, "A");
        int ell = JsonInput.GetInt(input, "ell");
        if (ell < 1 || ell > 30 || a.Length != ell * ell)
        {
            throw new GradBenchInputException($"field 'A' must hold ell² elements with 1 ≤ ell ≤ 30; got ell = {ell} and {a.Length} elements");
        }

        switch (function)
        {
            case "primal":
                return PreparedFunction.Scalar(() => DeterminantByMinors.Determinant(a, ell));
            case "gradient":
                double[] da = new double[a.Length];
                return PreparedFunction.Create(() => DeterminantByMinors.DeterminantGradient(a, ell, da), w => JsonOutput.WriteArray(w, da));
            default:
                throw GradBenchInputException.UnknownFunction(Name, function, "primal", "gradient");
        }
    }
}
