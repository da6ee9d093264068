namespace DiffOpt.Solvers;

/// <summary>
/// Why a solver stopped. <see cref="OptimizationResult.Converged"/> is <see langword="true"/> only for
/// <see cref="Converged"/> and <see cref="SmallValueChange"/>.
/// </summary>
public enum OptimizationStatus
{
    /// <summary>
    /// The optimality measure (gradient norm, gradient-mapping norm, fixed-point residual or ‖Jᵀr‖) fell below
    /// <see cref="SolverOptions.Tolerance"/> relative to its starting value.
    /// </summary>
    Converged = 0,

    /// <summary>
    /// The objective decreased by less than <see cref="SolverOptions.ValueTolerance"/> (relative) in one
    /// iteration; only possible when that option is set above zero.
    /// </summary>
    SmallValueChange = 1,

    /// <summary><see cref="SolverOptions.MaxIterations"/> iterations ran without meeting the tolerance.</summary>
    MaxIterationsReached = 2,

    /// <summary>
    /// No step along the search direction satisfied the line-search conditions within
    /// <see cref="SolverOptions.MaxLineSearchSteps"/> trials, even after falling back to steepest descent.
    /// Often a sign of a gradient that does not match the objective, or of a tolerance below round-off.
    /// </summary>
    LineSearchFailed = 3,

    /// <summary>The search direction was not a descent direction (gᵀd ≥ 0) and no fallback was possible.</summary>
    NotDescentDirection = 4,

    /// <summary>The objective, its gradient, a residual or a map value was NaN or infinite.</summary>
    NonFiniteValue = 5,

    /// <summary>
    /// Levenberg–Marquardt raised its damping to the limit without finding a step that reduces the residual.
    /// </summary>
    DampingLimitReached = 6,
}
