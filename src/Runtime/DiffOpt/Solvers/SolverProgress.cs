using System.Globalization;

namespace DiffOpt.Solvers;

/// <summary>
/// One progress report, sent to <see cref="SolverOptions.Progress"/> after every iteration (and once for the
/// starting point, as iteration 0).
/// </summary>
/// <param name="Method">The solver's name, e.g. <c>"L-BFGS"</c>.</param>
/// <param name="Iteration">Iterations completed so far.</param>
/// <param name="Value">The objective at the current point (for fixed-point methods: the residual norm).</param>
/// <param name="Residual">The optimality measure the solver tests against its tolerance (see <see cref="OptimizationResult.Residual"/>).</param>
/// <param name="StepSize">The step length accepted in this iteration (0 at iteration 0).</param>
/// <param name="FunctionEvaluations">Calls of the objective (or map, or residual function) so far.</param>
/// <remarks>A value type, so reporting allocates nothing unless the receiver does.</remarks>
public readonly record struct SolverProgress(
    string Method,
    int Iteration,
    double Value,
    double Residual,
    double StepSize,
    int FunctionEvaluations)
{
    /// <summary>A one-line, culture-invariant summary.</summary>
    /// <returns>For example <c>L-BFGS iter 12: value 1.2345678901e-01, residual 3.2e-07, step 1</c>.</returns>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0} iter {1}: value {2:E10}, residual {3:E2}, step {4:G4}, evaluations {5}",
        Method, Iteration, Value, Residual, StepSize, FunctionEvaluations);
}
