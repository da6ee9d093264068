using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Settings shared by the linear solvers of <see cref="LinearSolve"/>. Every setting has a default; use
/// <c>new LinearSolveOptions { Tolerance = 1e-8, Restart = 50 }</c> to change some.
/// </summary>
/// <remarks>
/// Invalid values throw <see cref="ArgumentOutOfRangeException"/> naming the property when the options are built;
/// settings that must match the system's size (<see cref="InitialGuess"/>, <see cref="JacobiDiagonal"/>) are
/// checked by the solver and reported as an <see cref="ArgumentException"/> naming <c>options</c>.
/// </remarks>
public sealed record LinearSolveOptions
{
    private double _tolerance = 1e-10;
    private int? _maxIterations;
    private int _restart = 30;
    private double _ridge;

    /// <summary>The default settings.</summary>
    public static LinearSolveOptions Default { get; } = new();

    /// <summary>
    /// Relative residual at which an iterative solve stops: converged when
    /// ‖b − (A + ridge·I)x‖ / ‖b‖ ≤ Tolerance, with the residual recomputed from x. Default 1e-10. Must be
    /// positive and finite. Not used by the dense solvers.
    /// </summary>
    public double Tolerance
    {
        get => _tolerance;
        init => _tolerance = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Tolerance), value, "The tolerance must be positive and finite.");
    }

    /// <summary>
    /// Iteration limit (see <see cref="LinearSolveResult.Iterations"/> for what counts as one), or
    /// <see langword="null"/> for the default max(100, 10·n) where n is the system's size. Must be at least 1.
    /// </summary>
    public int? MaxIterations
    {
        get => _maxIterations;
        init => _maxIterations = value is null or >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, "The iteration limit must be at least 1.");
    }

    /// <summary>
    /// GMRES restart length m: the Krylov basis is rebuilt from the current residual every m iterations, so GMRES
    /// stores m + 1 vectors. Capped at n. Default 30. Must be at least 1. Used only by <see cref="LinearSolve.Gmres"/>.
    /// </summary>
    public int Restart
    {
        get => _restart;
        init => _restart = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Restart), value, "The GMRES restart length must be at least 1.");
    }

    /// <summary>
    /// Ridge (Tikhonov) term ρ: the solvers solve (A + ρ·I)x = b. Default 0. Must be non-negative and finite.
    /// </summary>
    public double Ridge
    {
        get => _ridge;
        init => _ridge = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Ridge), value, "The ridge term must be non-negative and finite.");
    }

    /// <summary>
    /// Diagonal of A for Jacobi preconditioning (the solver divides by diag(A) + ridge), or <see langword="null"/>
    /// for none. Conjugate gradients needs every entry of diag(A) + ridge positive; GMRES and BiCGStab need them
    /// nonzero. For <see cref="LinearSolve.NormalCg"/> give instead the diagonal of the normal matrix
    /// (A + ρI)ᵀ(A + ρI) — the squared column norms of A + ρI — which is used as given. Ignored by the dense
    /// solvers. Cannot be combined with <see cref="Preconditioner"/>.
    /// </summary>
    public double[]? JacobiDiagonal { get; init; }

    /// <summary>
    /// A general preconditioner: writes M⁻¹·v into result, for an M that approximates A (for
    /// <see cref="LinearSolve.NormalCg"/>: approximates the normal matrix). CG and normal-equation CG need M
    /// symmetric positive definite. GMRES and BiCGStab apply it on the right, so the residual that the tolerance
    /// tests is always the true, unpreconditioned one. Ignored by the dense solvers. Cannot be combined with
    /// <see cref="JacobiDiagonal"/>.
    /// </summary>
    public MatVec? Preconditioner { get; init; }

    /// <summary>Starting point x₀ of an iterative solve, or <see langword="null"/> for zero. Ignored by the dense solvers.</summary>
    public double[]? InitialGuess { get; init; }

    internal int ResolveMaxIterations(int n) => _maxIterations ?? (int)Math.Min(int.MaxValue, Math.Max(100L, 10L * n));
}
