using System.Globalization;
using DiffOpt.Solvers;

namespace Solvers;

/// <summary>
/// Receives the solver's per-iteration reports synchronously: prints every <c>printEvery</c>-th one and keeps all of
/// them for the plot. (System.Progress&lt;T&gt; would post reports to the thread pool, out of order in a console app.)
/// </summary>
internal sealed class ConsoleProgress(int printEvery) : IProgress<SolverProgress>
{
    public List<SolverProgress> History { get; } = new();

    public void Report(SolverProgress value)
    {
        History.Add(value);
        if (value.Iteration % printEvery == 0)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {value.Method,-16} iter {value.Iteration,5}  f = {value.Value,20:F12}  optimality = {value.Residual:E2}  evaluations = {value.FunctionEvaluations}"));
        }
    }
}
