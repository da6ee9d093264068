using System;
using System.Globalization;

namespace DiffOpt.Solvers;

/// <summary>
/// What a solver returns: the point it stopped at, how good that point is, and why it stopped.
/// </summary>
/// <remarks>
/// A solver never reports <see cref="Converged"/> for a point it could not certify, and never returns NaN
/// silently: when the objective produced a non-finite value, <see cref="Solution"/> is the last finite point and
/// <see cref="Status"/> is <see cref="OptimizationStatus.NonFiniteValue"/>.
/// </remarks>
public sealed class OptimizationResult
{
    /// <summary>Creates a result; solvers call this, users normally only read results.</summary>
    /// <param name="method">The solver's name.</param>
    /// <param name="solution">The final point (the array is kept, not copied).</param>
    /// <param name="value">The objective at <paramref name="solution"/>.</param>
    /// <param name="residual">The optimality measure at <paramref name="solution"/>.</param>
    /// <param name="iterations">Iterations run.</param>
    /// <param name="functionEvaluations">Calls of the objective, map or residual function.</param>
    /// <param name="innerIterations">Inner conjugate-gradient iterations (0 for methods without them).</param>
    /// <param name="status">Why the solver stopped.</param>
    /// <param name="message">A human-readable explanation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="solution"/>, <paramref name="method"/> or <paramref name="message"/> is null.</exception>
    public OptimizationResult(
        string method,
        double[] solution,
        double value,
        double residual,
        int iterations,
        int functionEvaluations,
        int innerIterations,
        OptimizationStatus status,
        string message)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(message);
        Method = method;
        Solution = solution;
        Value = value;
        Residual = residual;
        Iterations = iterations;
        FunctionEvaluations = functionEvaluations;
        InnerIterations = innerIterations;
        Status = status;
        Message = message;
    }

    /// <summary>The solver that produced this result, e.g. <c>"L-BFGS"</c>.</summary>
    public string Method { get; }

    /// <summary>The final point.</summary>
    public double[] Solution { get; }

    /// <summary>
    /// The objective at <see cref="Solution"/>: f (smooth methods), f + g (proximal gradient), ½‖r‖₂² (least
    /// squares), or ‖T(x) − x‖₂ (fixed-point methods, which have no objective).
    /// </summary>
    public double Value { get; }

    /// <summary>
    /// The optimality measure at <see cref="Solution"/>, the quantity tested against the tolerance:
    /// ‖∇f‖₂ (L-BFGS, gradient descent, Newton-CG), ‖x − P(x − ∇f(x))‖₂ (projected gradient),
    /// ‖y − prox(y − t∇f(y))‖₂ / t at the last extrapolated point y (proximal gradient),
    /// ‖T(x) − x‖₂ (fixed point), ‖J(x)ᵀr(x)‖₂ (least squares).
    /// </summary>
    public double Residual { get; }

    /// <summary>Iterations run.</summary>
    public int Iterations { get; }

    /// <summary>Calls of the objective (or map, or residual function), line-search trials included.</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Inner conjugate-gradient iterations summed over the run (Newton-CG, Gauss–Newton, Levenberg–Marquardt).</summary>
    public int InnerIterations { get; }

    /// <summary>Why the solver stopped.</summary>
    public OptimizationStatus Status { get; }

    /// <summary>
    /// <see langword="true"/> when <see cref="Status"/> is <see cref="OptimizationStatus.Converged"/> or
    /// <see cref="OptimizationStatus.SmallValueChange"/>.
    /// </summary>
    public bool Converged => Status is OptimizationStatus.Converged or OptimizationStatus.SmallValueChange;

    /// <summary>A human-readable explanation of <see cref="Status"/>.</summary>
    public string Message { get; }

    /// <summary>Returns this result if it converged, otherwise throws.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="OptimizationException">The solver did not converge; the exception carries this result.</exception>
    public OptimizationResult EnsureConverged() => Converged ? this : throw new OptimizationException(this);

    /// <summary>A one-line, culture-invariant summary.</summary>
    /// <returns>For example <c>L-BFGS: Converged after 23 iterations (31 evaluations): value = 1.2e-01, residual = 3.2e-09. ...</c>.</returns>
    public override string ToString()
    {
        string inner = InnerIterations > 0
            ? string.Create(CultureInfo.InvariantCulture, $", {InnerIterations} inner CG iterations")
            : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Method}: {Status} after {Iterations} iterations ({FunctionEvaluations} evaluations{inner}): value = {Value:E10}, residual = {Residual:E3}, n = {Solution.Length}. {Message}");
    }
}
