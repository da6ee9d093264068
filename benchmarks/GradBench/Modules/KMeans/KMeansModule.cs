using System.Text.Json;

namespace DiffOpt.GradBench.Modules.KMeans;

/// <summary>The <c>kmeans</c> module (in progress).</summary>
internal sealed class KMeansModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "kmeans";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } = [];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input) =>
        throw new GradBenchInputException("module 'kmeans' is not implemented yet");
}
