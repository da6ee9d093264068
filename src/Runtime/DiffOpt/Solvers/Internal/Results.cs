using System;
using System.Globalization;

namespace DiffOpt.Solvers.Internal;

/// <summary>Builds <see cref="OptimizationResult"/>s with a standard message per status.</summary>
internal static class Results
{
    public static OptimizationResult Create(
        string method,
        double[] solution,
        double value,
        double residual,
        double threshold,
        int iterations,
        int evaluations,
        int innerIterations,
        OptimizationStatus status,
        string? detail = null)
    {
        string message = status switch
        {
            OptimizationStatus.Converged => string.Create(
                CultureInfo.InvariantCulture, $"Optimality measure {residual:E3} is within the tolerance threshold {threshold:E3}."),
            OptimizationStatus.SmallValueChange => "The objective changed by less than ValueTolerance in the last iteration.",
            OptimizationStatus.MaxIterationsReached => string.Create(
                CultureInfo.InvariantCulture, $"Stopped at the iteration limit; optimality measure {residual:E3} is above the threshold {threshold:E3}."),
            OptimizationStatus.LineSearchFailed => "The line search found no step that decreases the objective enough; check that the gradient matches the objective, or loosen the tolerance.",
            OptimizationStatus.NotDescentDirection => "The search direction is not a descent direction.",
            OptimizationStatus.NonFiniteValue => "The objective, a gradient or a residual returned NaN or infinity; the solution is the last point with finite values.",
            OptimizationStatus.DampingLimitReached => "The damping grew to its limit without any step reducing the residual.",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };
        if (detail is not null)
        {
            message = message + " " + detail;
        }

        return new OptimizationResult(method, solution, value, residual, iterations, evaluations, innerIterations, status, message);
    }
}
