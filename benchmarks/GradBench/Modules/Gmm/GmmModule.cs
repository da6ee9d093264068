using System.Text.Json;

namespace DiffOpt.GradBench.Modules.Gmm;

/// <summary>The <c>gmm</c> module (in progress).</summary>
internal sealed class GmmModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "gmm";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } = [];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input) =>
        throw new GradBenchInputException("module 'gmm' is not implemented yet");
}
