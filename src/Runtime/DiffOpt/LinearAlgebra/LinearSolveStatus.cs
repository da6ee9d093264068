namespace DiffOpt.Solvers;

/// <summary>
/// Why a linear solve stopped. Only <see cref="Converged"/> means the returned solution satisfies the system to
/// the requested tolerance; every other value comes with <see cref="LinearSolveResult.Converged"/> equal to
/// <see langword="false"/>.
/// </summary>
public enum LinearSolveStatus
{
    /// <summary>
    /// The solve succeeded: for the iterative solvers the recomputed relative residual
    /// ‖b − (A + ridge·I)x‖ / ‖b‖ is at most <see cref="LinearSolveOptions.Tolerance"/>; for the dense solvers the
    /// factorization completed without a (numerically) zero pivot.
    /// </summary>
    Converged,

    /// <summary>The iteration limit (<see cref="LinearSolveOptions.MaxIterations"/>) was reached first.</summary>
    MaxIterations,

    /// <summary>
    /// The method cannot continue: a Krylov recurrence divided by (nearly) zero, for example BiCGStab on a
    /// skew-symmetric matrix, GMRES or normal-equation CG on a singular operator, or a preconditioner that is not
    /// positive definite in conjugate gradients.
    /// </summary>
    Breakdown,

    /// <summary>
    /// The true residual stopped decreasing above the tolerance: rounding limits the attainable accuracy, usually
    /// because the system is too ill-conditioned for the requested tolerance.
    /// </summary>
    Stagnation,

    /// <summary>Conjugate gradients found a direction p with pᵀAp ≤ 0: the operator is not positive definite.</summary>
    IndefiniteMatrix,

    /// <summary>
    /// Dense Cholesky met a non-positive (or numerically zero) pivot, or the matrix is not symmetric: it is not
    /// symmetric positive definite.
    /// </summary>
    NotPositiveDefinite,

    /// <summary>Dense LU met a zero pivot, or one that is negligible next to the matrix's largest entry.</summary>
    Singular,

    /// <summary>A matrix-vector product or preconditioner produced NaN or infinity.</summary>
    NonFinite,
}
