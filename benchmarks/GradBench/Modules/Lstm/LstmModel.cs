using DiffOpt;

namespace DiffOpt.GradBench.Modules.Lstm;

/// <summary>
/// The loss of GradBench's <c>lstm</c> eval (ADBench's LSTM with diagonal weight matrices): a stack of LSTM
/// layers reads a character sequence one bit vector at a time and predicts the next one; the loss is the mean
/// negative log-likelihood of the sequence. Plain differentiable C#; the gradient is DiffOpt-generated.
/// </summary>
/// <remarks>
/// Hochreiter and Schmidhuber, "Long Short-Term Memory", 1997, with ADBench's simplifications: every weight
/// matrix is diagonal (one weight per hidden unit), the forget and output gates read the layer input, the input
/// gate and the candidate read the previous hidden state, and the log-sum-exp of the prediction adds 2 to its sum.
/// Layouts (row-major, as the eval's nested arrays flattened): <paramref name="mainParams"/> is
/// <c>2·layers × 4·b</c> (per layer a weight row then a bias row, each the forget, input, output and change
/// blocks of length <c>b</c>); <c>extraParams</c> is <c>3 × b</c> (input weight, output weight, output bias);
/// <c>state</c> is <c>2·layers × b</c> (per layer the hidden then the cell state); <c>sequence</c> is
/// <c>charCount × b</c>.
/// </remarks>
internal static partial class LstmModel
{
    /// <summary>The logistic function.</summary>
    /// <param name="x">The argument.</param>
    /// <returns><c>1 / (1 + e^−x)</c>.</returns>
    [Differentiable]
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>The mean negative log-likelihood of predicting each character of the sequence from the ones before.</summary>
    /// <param name="mainParams">The layers' weights and biases, <c>2·layers × 4·b</c>.</param>
    /// <param name="extraParams">The input weight, output weight and output bias, <c>3 × b</c>.</param>
    /// <param name="state">The initial hidden and cell state of every layer, <c>2·layers × b</c> (data).</param>
    /// <param name="sequence">The characters as bit vectors, <c>charCount × b</c> (data).</param>
    /// <param name="layerCount">The number of layers.</param>
    /// <param name="charCount">The number of characters.</param>
    /// <returns>The loss.</returns>
    [Differentiable]
    public static double Objective(
        ReadOnlySpan<double> mainParams,
        ReadOnlySpan<double> extraParams,
        [NonDifferentiable] ReadOnlySpan<double> state,
        [NonDifferentiable] ReadOnlySpan<double> sequence,
        int layerCount,
        int charCount)
    {
        int b = extraParams.Length / 3;

        // The state evolves: work on a copy (per layer the hidden state, then the cell state).
        double[] hiddenAndCell = new double[state.Length];
        for (int k = 0; k < state.Length; k++)
        {
            hiddenAndCell[k] = state[k];
        }

        double[] prediction = new double[b];
        double total = 0;
        for (int t = 0; t < charCount - 1; t++)
        {
            // Scale the current character into the first layer's input.
            for (int i = 0; i < b; i++)
            {
                prediction[i] = sequence[t * b + i] * extraParams[i];
            }

            for (int layer = 0; layer < layerCount; layer++)
            {
                int weights = 8 * b * layer;
                int biases = weights + 4 * b;
                int hiddenStart = 2 * b * layer;
                int cellStart = hiddenStart + b;
                for (int i = 0; i < b; i++)
                {
                    // Layer 0 reads the scaled character, every other layer the new hidden state of the layer below.
                    double input = layer == 0 ? prediction[i] : hiddenAndCell[hiddenStart - 2 * b + i];
                    double hidden = hiddenAndCell[hiddenStart + i];
                    double forget = Sigmoid(input * mainParams[weights + i] + mainParams[biases + i]);
                    double ingate = Sigmoid(hidden * mainParams[weights + b + i] + mainParams[biases + b + i]);
                    double outgate = Sigmoid(input * mainParams[weights + 2 * b + i] + mainParams[biases + 2 * b + i]);
                    double change = Math.Tanh(hidden * mainParams[weights + 3 * b + i] + mainParams[biases + 3 * b + i]);
                    double cell = hiddenAndCell[cellStart + i] * forget + ingate * change;
                    hiddenAndCell[cellStart + i] = cell;
                    hiddenAndCell[hiddenStart + i] = outgate * Math.Tanh(cell);
                }
            }

            // The prediction for the next character, normalised by a log-sum-exp.
            int lastHidden = 2 * b * (layerCount - 1);
            double sum = 0;
            for (int i = 0; i < b; i++)
            {
                prediction[i] = hiddenAndCell[lastHidden + i] * extraParams[b + i] + extraParams[2 * b + i];
                sum += Math.Exp(prediction[i]);
            }

            double logSumExp = Math.Log(sum + 2);
            for (int i = 0; i < b; i++)
            {
                total += sequence[(t + 1) * b + i] * (prediction[i] - logSumExp);
            }
        }

        return -total / ((charCount - 1) * b);
    }

    /// <summary>The loss and its gradient in the main and extra parameters.</summary>
    /// <param name="mainParams">The layers' weights and biases.</param>
    /// <param name="extraParams">The input weight, output weight and output bias.</param>
    /// <param name="state">The initial state.</param>
    /// <param name="sequence">The characters as bit vectors.</param>
    /// <param name="layerCount">The number of layers.</param>
    /// <param name="charCount">The number of characters.</param>
    /// <param name="dMainParams">Receives the gradient in <paramref name="mainParams"/>.</param>
    /// <param name="dExtraParams">Receives the gradient in <paramref name="extraParams"/>.</param>
    /// <returns>The loss.</returns>
    [Gradient(nameof(Objective))]
    public static partial double ObjectiveGradient(
        ReadOnlySpan<double> mainParams,
        ReadOnlySpan<double> extraParams,
        ReadOnlySpan<double> state,
        ReadOnlySpan<double> sequence,
        int layerCount,
        int charCount,
        Span<double> dMainParams,
        Span<double> dExtraParams);
}
