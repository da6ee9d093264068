using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.Gmm;

/// <summary>
/// The <c>gmm</c> module: <c>objective</c> → the log posterior, <c>jacobian</c> → its gradient as
/// <c>{alpha, mu, q, l}</c> (input <c>{d, k, n, x, m, gamma, alpha, mu, q, l}</c>).
/// </summary>
internal sealed class GmmModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "gmm";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } =
    [
        new("objective", WarmUp),
        new("jacobian", WarmUp),
    ];

    private const string WarmUp = """
        {"d":3,"k":2,"n":3,"m":1,"gamma":1.5,"alpha":[0.3,-0.2],
         "x":[[0.1,0.5,-0.3],[1.0,-0.7,0.2],[-0.4,0.3,0.9]],
         "mu":[[0.2,0.1,0.0],[-0.5,0.4,0.3]],"q":[[0.1,-0.2,0.3],[0.0,0.2,-0.1]],"l":[[0.5,-0.3,0.2],[0.1,0.4,-0.6]]}
        """;

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        int d = JsonInput.GetInt(input, "d");
        int k = JsonInput.GetInt(input, "k");
        int n = JsonInput.GetInt(input, "n");
        int m = JsonInput.GetInt(input, "m");
        double gamma = JsonInput.GetDouble(input, "gamma");
        double[] alpha = JsonInput.GetDoubleArray(input, "alpha");
        double[] x = GetMatrix(input, "x", n, d);
        double[] mu = GetMatrix(input, "mu", k, d);
        double[] q = GetMatrix(input, "q", k, d);
        int triangle = d * (d - 1) / 2;
        double[] l = GetMatrix(input, "l", k, triangle);
        if (alpha.Length != k || d < 1 || k < 1 || n < 1 || m < 0 || !(gamma > 0))
        {
            throw new GradBenchInputException($"need d, k, n ≥ 1, m ≥ 0, gamma > 0 and k alphas; got d = {d}, k = {k}, n = {n}, m = {m}, gamma = {gamma}, {alpha.Length} alphas");
        }

        double logGammaD = MultivariateGamma.Log(0.5 * (d + m + 1), d);
        switch (function)
        {
            case "objective":
                return PreparedFunction.Scalar(() => GaussianMixture.LogPosterior(alpha, mu, q, l, x, d, gamma, m, logGammaD));
            case "jacobian":
                double[] dAlpha = new double[k];
                double[] dMu = new double[k * d];
                double[] dQ = new double[k * d];
                double[] dL = new double[k * triangle];
                return PreparedFunction.Create(
                    () => GaussianMixture.LogPosteriorGradient(alpha, mu, q, l, x, d, gamma, m, logGammaD, dAlpha, dMu, dQ, dL),
                    w =>
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("alpha");
                        JsonOutput.WriteArray(w, dAlpha);
                        w.WritePropertyName("mu");
                        JsonOutput.WriteMatrix(w, dMu, k);
                        w.WritePropertyName("q");
                        JsonOutput.WriteMatrix(w, dQ, k);
                        w.WritePropertyName("l");
                        JsonOutput.WriteMatrix(w, dL, k);
                        w.WriteEndObject();
                    });
            default:
                throw GradBenchInputException.UnknownFunction(Name, function, "objective", "jacobian");
        }
    }

    private static double[] GetMatrix(JsonElement input, string name, int rows, int columns)
    {
        double[] values = JsonInput.GetMatrix(input, name, out int actualRows, out int actualColumns);
        if (actualRows != rows || (rows > 0 && actualColumns != columns))
        {
            throw new GradBenchInputException($"field '{name}' must be {rows} × {columns}, got {actualRows} × {actualColumns}");
        }

        return values;
    }
}
