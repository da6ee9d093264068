// A consumer of RidgeLib: fits ridge regression and tunes λ with the library's generated hypergradient. This project has
// no reference to DiffOpt's generator (see App.csproj); everything generated was compiled into RidgeLib.dll.
//
//   dotnet run -c Release --project samples/ShippingLibrary/App
using System.Globalization;
using DiffOpt.Solvers;
using RidgeLib;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int n = 60, m = 200, d = 30;
(double[] x, double[] y) = Synthetic(n, d, seed: 1);
(double[] validationX, double[] validationY) = Synthetic(m, d, seed: 2);

double[] w = RidgeRegression.Fit(new double[d], 1.0, x, y, d);
Console.WriteLine($"Fit at λ = 1: ‖w‖ = {Math.Sqrt(w.Sum(v => v * v)):F6}, training objective {RidgeRegression.Objective(w, 1.0, x, y, d):F6}");

// The hypergradient, checked here against a central difference of two full re-solves.
double logLambda = 0;
double loss = RidgeRegression.ValidationLossGradient(logLambda, x, y, validationX, validationY, d, out double dLogLambda);
const double h = 1e-4;
var tight = new SolverOptions { Tolerance = 1e-12 };
double Validation(double t) => RidgeRegression.HalfMeanSquaredError(RidgeRegression.Fit(new double[d], Math.Exp(t), x, y, d, tight), validationX, validationY, d);
double central = (Validation(logLambda + h) - Validation(logLambda - h)) / (2 * h);
Console.WriteLine($"Validation loss {loss:F8}, d/dlog λ = {dLogLambda:E10} (central difference of re-solves: {central:E10})");

// Tune log λ with the runtime's Adam.
var adam = new Adam(learningRate: 0.1);
double[] parameter = { logLambda };
double[] gradient = new double[1];
for (int step = 1; step <= 60; step++)
{
    loss = RidgeRegression.ValidationLossGradient(parameter[0], x, y, validationX, validationY, d, out gradient[0]);
    adam.Step(parameter, gradient);
    if (step % 10 == 0)
    {
        Console.WriteLine($"  step {step,2}: λ = {Math.Exp(parameter[0]):G5}, validation loss {loss:F8}, d/dlog λ = {gradient[0]:E2}");
    }
}

// Synthetic linear data: X ~ uniform[−1, 1), y = X w_true + noise, from a fixed linear congruential stream.
static (double[] X, double[] Y) Synthetic(int rows, int columns, ulong seed)
{
    ulong state = seed * 6364136223846793005UL + 1442695040888963407UL;
    double Next()
    {
        state = state * 6364136223846793005UL + 1442695040888963407UL;
        return (state >> 11) * (1.0 / (1UL << 53));
    }

    double[] x = new double[rows * columns], y = new double[rows];
    for (int i = 0; i < x.Length; i++)
    {
        x[i] = 2 * Next() - 1;
    }

    for (int i = 0; i < rows; i++)
    {
        double s = 0;
        for (int j = 0; j < columns; j++)
        {
            s += x[i * columns + j] * Math.Cos(j);   // w_true[j] = cos j, the same for both splits
        }

        y[i] = s + 1.5 * (2 * Next() - 1);
    }

    return (x, y);
}
