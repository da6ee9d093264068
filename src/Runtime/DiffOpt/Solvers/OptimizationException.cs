using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Thrown when a solve that must succeed did not converge (by <see cref="OptimizationResult.EnsureConverged"/> and
/// by generated solvers); carries the full <see cref="OptimizationResult"/>.
/// </summary>
public sealed class OptimizationException : Exception
{
    /// <summary>Creates the exception from a failed result; the message is the result's summary.</summary>
    /// <param name="result">The result of the failed solve.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public OptimizationException(OptimizationResult result)
        : this(result, (result ?? throw new ArgumentNullException(nameof(result))).ToString())
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    /// <param name="result">The result of the failed solve.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public OptimizationException(OptimizationResult result, string message)
        : this(result, message, null)
    {
    }

    /// <summary>Creates the exception with a custom message and an inner exception.</summary>
    /// <param name="result">The result of the failed solve.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public OptimizationException(OptimizationResult result, string message, Exception? innerException)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(result);
        Result = result;
    }

    /// <summary>The result of the solve that failed.</summary>
    public OptimizationResult Result { get; }

    /// <summary>Shortcut for <c>Result.Status</c>.</summary>
    public OptimizationStatus Status => Result.Status;
}
