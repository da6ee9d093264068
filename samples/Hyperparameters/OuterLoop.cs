using DiffOpt.Solvers;

namespace Hyperparameters;

/// <summary>One outer iteration: the hyperparameter, the validation loss there and the hypergradient in its logarithm.</summary>
internal readonly record struct OuterStep(int Iteration, double Value, double Loss, double Gradient);

/// <summary>A finished outer loop, with a derivative-free grid check of where it ended.</summary>
internal sealed record OuterRun(string Name, string Symbol, IReadOnlyList<OuterStep> History, OuterStep Final, (double Value, double Loss) GridBest);

/// <summary>Adam on the logarithm of a regularisation strength, driven by implicit hypergradients.</summary>
internal static class OuterLoop
{
    /// <summary>Runs <paramref name="steps"/> Adam steps on log h, printing each, then a grid check.</summary>
    /// <param name="learningRate">Adam's initial learning rate (per step, in log h).</param>
    /// <param name="beta1">Adam's momentum; below the usual 0.9, so that it overshoots the minimum less.</param>
    /// <param name="solve">The inner solve at log h from a warm start (no derivative).</param>
    /// <param name="hypergradient">(validation loss, d loss / d log h) at log h, warm-started at the given point.</param>
    public static OuterRun Run(
        string name, string symbol, double initialLog, double learningRate, double beta1, int steps,
        Func<double, double[], double[]> solve, Func<double, double[], (double Loss, double Gradient)> hypergradient, int d)
    {
        Console.WriteLine();
        Console.WriteLine($"{name}: Adam on log {symbol}, β1 = {beta1}, learning rate {learningRate} decaying to 0 (cosine) over {steps} steps, from {symbol} = {Math.Exp(initialLog):G4}");
        Console.WriteLine($"  step  {symbol,-12} validation loss   d loss / d log {symbol}");
        // A cosine decay lets the momentum settle at the minimum instead of oscillating around it.
        var adam = new Adam(new CosineSchedule(learningRate, steps), beta1);
        double[] logValue = { initialLog };
        double[] gradient = new double[1];
        double[] warmStart = new double[d];
        var history = new List<OuterStep>();
        for (int step = 0; step <= steps; step++)
        {
            // Solve once from the previous solution; the differentiated call then starts at the answer and only pays for
            // the implicit linear solve.
            warmStart = solve(logValue[0], warmStart);
            (double loss, double g) = hypergradient(logValue[0], warmStart);
            var record = new OuterStep(step, Math.Exp(logValue[0]), loss, g);
            history.Add(record);
            Console.WriteLine($"  {step,4}  {record.Value,-12:G6} {loss,-17:F8} {g,12:E3}");
            if (step < steps)
            {
                gradient[0] = g;
                adam.Step(logValue, gradient);
            }
        }

        OuterStep final = history[^1];
        (double Value, double Loss) best = (double.NaN, double.PositiveInfinity);
        double[] start = new double[d];
        for (int k = -8; k <= 8; k++)
        {
            double value = final.Value * Math.Pow(2, k / 4.0);
            (double loss, _) = hypergradient(Math.Log(value), solve(Math.Log(value), start));
            if (loss < best.Loss)
            {
                best = (value, loss);
            }
        }

        return new OuterRun(name, symbol, history, final, best);
    }
}
