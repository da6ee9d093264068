// Tunes the regularisation of ridge regression (λ) and of the lasso (α) on the diabetes data by gradient descent on the
// validation loss. Each hypergradient d(validation loss)/d(log λ) is exact: DiffOpt differentiates through the inner
// solver with the implicit function theorem (ridge: a generated [Optimize] solver; lasso: a hand-written FISTA solver
// with its proximal fixed point). An outer Adam loop updates log λ; progress is printed at every step, and a PNG shows the
// validation loss and the hyperparameter over the outer iterations.
//
//   dotnet run -c Release --project samples/Hyperparameters [output.png]
using System.Globalization;
using DiffOpt.Solvers;
using Hyperparameters;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string output = args.Length > 0 ? args[0] : "hyperparameters.png";
DiabetesData data = DiabetesData.Load(Path.Combine(AppContext.BaseDirectory, "diabetes.csv"));
int d = data.Features;
Console.WriteLine($"Diabetes with degree-2 features: {data.Y.Length} training rows, {data.ValidationY.Length} validation rows, {d} features.");

OuterRun ridge = OuterLoop.Run(
    "ridge", "λ", initialLog: Math.Log(10), learningRate: 0.6, beta1: 0.7, steps: 50,
    solve: (logLambda, start) => RidgeModel.Fit(start, Math.Exp(logLambda), data.X, data.Y, d),
    hypergradient: (logLambda, start) =>
    {
        double loss = RidgeModel.ValidationLossGradient(logLambda, start, data.X, data.Y, data.ValidationX, data.ValidationY, d, out double g);
        return (loss, g);
    },
    d);

OuterRun lasso = OuterLoop.Run(
    "lasso", "α", initialLog: Math.Log(0.3), learningRate: 0.4, beta1: 0.8, steps: 50,
    solve: (logAlpha, start) => LassoModel.Fit(start, Math.Exp(logAlpha), data.X, data.Y, d),
    hypergradient: (logAlpha, start) =>
    {
        double loss = LassoModel.ValidationLossGradient(logAlpha, start, data.X, data.Y, data.ValidationX, data.ValidationY, d, out double g);
        return (loss, g);
    },
    d);

// A check that does not use any derivative: the validation loss on a grid of the hyperparameter around each answer.
foreach (OuterRun run in new[] { ridge, lasso })
{
    Console.WriteLine($"{run.Name}: Adam ended at {run.Symbol} = {run.Final.Value:G4} (validation loss {run.Final.Loss:F6}); "
        + $"grid check over {run.Symbol} × 2^(k/4), k = −8..8: best {run.Symbol} = {run.GridBest.Value:G4} (validation loss {run.GridBest.Loss:F6}).");
}

ConvergencePlot.Write(output, ridge, lasso);
Console.WriteLine($"Wrote {Path.GetFullPath(output)}");
