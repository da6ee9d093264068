// Compares DiffOpt's smooth solvers on one L2-regularised logistic regression, printing progress while they run,
// and writes a convergence plot (gradient norm against iterations, log scale) to a PNG.
//
//   dotnet run -c Release --project samples/Solvers [output.png]
using System.Globalization;
using DiffOpt.Solvers;
using ScottPlot;
using Solvers;

string output = args.Length > 0 ? args[0] : "solvers-convergence.png";
var problem = new LogisticRegression(samples: 2000, features: 50, seed: 42);
Console.WriteLine($"L2 logistic regression: {problem.Samples} samples, {problem.Features} features.");

double[] start = new double[problem.Features];
var runs = new List<(string Name, OptimizationResult Result, List<SolverProgress> History)>();
void Run(string name, int printEvery, Func<SolverOptions, OptimizationResult> solve)
{
    Console.WriteLine($"{name}:");
    var progress = new ConsoleProgress(printEvery);
    OptimizationResult result = solve(new SolverOptions { Tolerance = 1e-10, MaxIterations = 3000, Progress = progress });
    Console.WriteLine($"  -> {result}");
    runs.Add((name, result, progress.History));
}

Run("L-BFGS", 10, o => Minimize.Lbfgs(problem.ValueAndGradient, start, o));
Run("Newton-CG", 2, o => Minimize.NewtonCg(problem.ValueAndGradient, problem.HessianVectorProduct, start, o));
Run("FISTA (g = 0)", 100, o => Minimize.ProximalGradient(problem.ValueAndGradient, Proximal.Zero(), start, o));
Run("Gradient descent", 250, o => Minimize.GradientDescent(problem.ValueAndGradient, start, o));

var plot = new Plot();
foreach (var (name, result, history) in runs)
{
    double[] xs = history.Select(p => (double)p.Iteration).ToArray();
    // The optimality measure each solver tests: ‖∇f‖₂ (for FISTA with g = 0, the gradient mapping is ∇f at the
    // extrapolated point). Unlike f − f*, it keeps falling after f has stopped changing in double precision.
    double[] ys = history.Select(p => Math.Log10(p.Residual)).ToArray();
    var line = plot.Add.ScatterLine(xs, ys);
    line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{name} ({result.Iterations} it, {result.FunctionEvaluations} evals)");
    line.LineWidth = 2;
}

var ticks = new ScottPlot.TickGenerators.NumericAutomatic
{
    IntegerTicksOnly = true,
    MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
    LabelFormatter = y => string.Create(CultureInfo.InvariantCulture, $"1e{y:0}"),
};
plot.Axes.Left.TickGenerator = ticks;
plot.Axes.Bottom.Label.Text = "iteration";
plot.Axes.Left.Label.Text = "‖∇f(x)‖₂";
plot.Axes.Title.Label.Text = string.Create(
    CultureInfo.InvariantCulture, $"L2 logistic regression, n = {problem.Samples}, d = {problem.Features}");
plot.Axes.SetLimitsX(0, runs.Max(r => r.Result.Iterations) * 1.02);
plot.Legend.Alignment = Alignment.UpperRight;
plot.SavePng(output, 900, 560);
Console.WriteLine($"Wrote {Path.GetFullPath(output)}");
