namespace DiffOpt.Solvers.Internal;

/// <summary>How a line search ended.</summary>
internal enum LineSearchOutcome
{
    /// <summary>The accepted step satisfies the strong Wolfe conditions (or the backtracking condition).</summary>
    Accepted,

    /// <summary>The curvature condition could not be met; the step satisfies sufficient decrease only.</summary>
    SufficientDecreaseOnly,

    /// <summary>No acceptable step was found.</summary>
    Failed,

    /// <summary>No acceptable step was found and every trial produced a non-finite value or gradient.</summary>
    NonFinite,
}
