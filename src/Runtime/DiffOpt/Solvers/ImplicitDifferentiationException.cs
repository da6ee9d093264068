using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Thrown when the derivative of an <see cref="ImplicitDiffAttribute">[ImplicitDiff]</see> solver cannot be computed:
/// the linear solve of the implicit-function-theorem system did not converge (the condition's Jacobian is singular or
/// badly conditioned at the solution, or the solution is not a root of the condition). Carries the linear solver's
/// report, so a failed derivative is never a silent zero or NaN.
/// </summary>
public sealed class ImplicitDifferentiationException : Exception
{
    /// <summary>Creates the exception from a failed linear solve.</summary>
    /// <param name="solver">The differentiated solver's name, for the message.</param>
    /// <param name="report">The linear solver's report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ImplicitDifferentiationException(string solver, LinearSolveResult report)
        : base(Describe(solver, report))
    {
        Solver = solver;
        Report = report;
    }

    /// <summary>The name of the solver whose derivative failed.</summary>
    public string Solver { get; }

    /// <summary>The linear solver's report: method, iterations, final relative residual, status and message.</summary>
    public LinearSolveResult Report { get; }

    private static string Describe(string solver, LinearSolveResult report)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(report);
        return "The implicit derivative of '" + solver + "' could not be computed: the linear solve of the implicit-function-theorem system failed. "
            + report + " Check that the solver converged to a root of its optimality condition and that the condition's Jacobian is nonsingular there "
            + "(for [Optimize], that the objective is strictly convex near the solution), or choose another LinearSolver.";
    }
}
