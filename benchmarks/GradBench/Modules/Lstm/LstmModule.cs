using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.Lstm;

/// <summary>
/// The <c>lstm</c> module: <c>objective</c> (the loss) and <c>jacobian</c> (its gradient in the main and extra
/// parameters, flattened row after row and concatenated, from the generated reverse-mode gradient), on
/// <c>{main_params, extra_params, state, sequence}</c>.
/// </summary>
internal sealed class LstmModule : IGradBenchModule
{
    private const string SmallInput =
        """
        {"main_params": [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], [0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1],
                         [0.2, 0.4, 0.6, 0.8, 0.1, 0.3, 0.5, 0.7], [0.7, 0.5, 0.3, 0.1, 0.8, 0.6, 0.4, 0.2]],
         "extra_params": [[0.3, 0.6], [0.9, 0.2], [0.5, 0.4]],
         "state": [[0.1, 0.9], [0.2, 0.8], [0.3, 0.7], [0.4, 0.6]],
         "sequence": [[1, 0], [0, 1], [1, 1], [0, 0], [1, 0]]}
        """;

    /// <inheritdoc/>
    public string Name => "lstm";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } = [new("objective", SmallInput), new("jacobian", SmallInput)];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        if (function is not ("objective" or "jacobian"))
        {
            throw GradBenchInputException.UnknownFunction(Name, function, "objective", "jacobian");
        }

        double[] mainParams = JsonInput.GetMatrix(input, "main_params", out int mainRows, out int mainColumns);
        double[] extraParams = JsonInput.GetMatrix(input, "extra_params", out int extraRows, out int b);
        double[] state = JsonInput.GetMatrix(input, "state", out int stateRows, out int stateColumns);
        double[] sequence = JsonInput.GetMatrix(input, "sequence", out int charCount, out int sequenceColumns);
        int layerCount = mainRows / 2;
        if (extraRows != 3 || b == 0)
        {
            throw new GradBenchInputException($"field 'extra_params' must be 3 non-empty rows, got {extraRows} × {b}");
        }

        if (mainRows == 0 || mainRows % 2 != 0 || mainColumns != 4 * b)
        {
            throw new GradBenchInputException($"field 'main_params' must be 2·layers rows of {4 * b}, got {mainRows} × {mainColumns}");
        }

        if (stateRows != mainRows || stateColumns != b)
        {
            throw new GradBenchInputException($"field 'state' must be {mainRows} rows of {b}, got {stateRows} × {stateColumns}");
        }

        if (charCount < 2 || sequenceColumns != b)
        {
            throw new GradBenchInputException($"field 'sequence' must be at least 2 rows of {b}, got {charCount} × {sequenceColumns}");
        }

        if (function == "objective")
        {
            return PreparedFunction.Scalar(() => LstmModel.Objective(mainParams, extraParams, state, sequence, layerCount, charCount));
        }

        double[] gradient = new double[mainParams.Length + extraParams.Length];
        return PreparedFunction.Create(
            () => LstmModel.ObjectiveGradient(
                mainParams, extraParams, state, sequence, layerCount, charCount,
                gradient.AsSpan(0, mainParams.Length), gradient.AsSpan(mainParams.Length)),
            w => JsonOutput.WriteArray(w, gradient));
    }
}
