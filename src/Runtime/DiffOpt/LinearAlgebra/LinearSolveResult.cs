using System;
using System.Globalization;

namespace DiffOpt.Solvers;

/// <summary>
/// The outcome of a linear solve: the solution, how it was reached, and whether it can be trusted.
/// </summary>
/// <remarks>
/// A failed solve is never silent: <see cref="Converged"/> is <see langword="false"/>, <see cref="Status"/> says
/// why and <see cref="Message"/> gives the details. Iterative solvers then return their last iterate (with its
/// honest residual); dense solvers, which have no meaningful partial answer, return a solution filled with NaN.
/// </remarks>
public sealed class LinearSolveResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="method">The solver that produced it, e.g. <c>"ConjugateGradient"</c>.</param>
    /// <param name="solution">The solution vector (owned by the result from now on).</param>
    /// <param name="iterations">Iterations performed (0 for direct solvers).</param>
    /// <param name="residual">Final relative residual ‖b − (A + ridge·I)x‖ / ‖b‖, recomputed from the solution.</param>
    /// <param name="status">Why the solve stopped.</param>
    /// <param name="message">A human-readable explanation.</param>
    public LinearSolveResult(string method, double[] solution, int iterations, double residual, LinearSolveStatus status, string message)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        Method = method;
        Solution = solution;
        Iterations = iterations;
        Residual = residual;
        Status = status;
        Message = message;
    }

    /// <summary>The solver that produced this result, e.g. <c>"Gmres"</c>.</summary>
    public string Method { get; }

    /// <summary>
    /// The solution x. After a failed iterative solve this is the last iterate; after a failed dense solve every
    /// entry is NaN.
    /// </summary>
    public double[] Solution { get; }

    /// <summary>
    /// Iterations performed: one per operator application in CG and GMRES, one per two-product step in BiCGStab,
    /// one per A/Aᵀ pair in normal-equation CG; 0 for the dense solvers.
    /// </summary>
    public int Iterations { get; }

    /// <summary>
    /// The final relative residual ‖b − (A + ridge·I)x‖ / ‖b‖, recomputed from <see cref="Solution"/> with one
    /// extra product rather than taken from the recurrence (0 when b = 0, NaN when it cannot be computed).
    /// </summary>
    public double Residual { get; }

    /// <summary>Why the solve stopped.</summary>
    public LinearSolveStatus Status { get; }

    /// <summary><see langword="true"/> exactly when <see cref="Status"/> is <see cref="LinearSolveStatus.Converged"/>.</summary>
    public bool Converged => Status == LinearSolveStatus.Converged;

    /// <summary>A human-readable explanation of the outcome.</summary>
    public string Message { get; }

    /// <summary>A one-line summary, formatted culture-invariantly.</summary>
    /// <returns>For example <c>ConjugateGradient: Converged after 17 iterations, relative residual 4.2E-011. …</c></returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Method}: {Status} after {Iterations} iteration{(Iterations == 1 ? "" : "s")}, relative residual {Residual:E2}. {Message}");
}
