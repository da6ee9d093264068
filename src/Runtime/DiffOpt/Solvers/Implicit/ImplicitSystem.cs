using System;
using System.Buffers;

namespace DiffOpt.Solvers;

/// <summary>
/// The linear system of the implicit function theorem for a solver marked <see cref="ImplicitDiffAttribute">[ImplicitDiff]</see>:
/// at a root x* of F(x, θ) = 0 it solves (∂F/∂x)·u = b (forward mode) or (∂F/∂x)ᵀ·u = b (reverse mode), matrix-free,
/// with the products of the Jacobian that generated code supplies. What generated derivative code calls.
/// </summary>
/// <remarks>
/// <para>
/// A failed solve throws <see cref="ImplicitDifferentiationException"/> with the linear solver's report: an implicit
/// derivative is never a silent zero or NaN (Blondel et al. 2022, "Efficient and Modular Implicit Differentiation", §2).
/// </para>
/// <para>
/// The dense solvers build the n×n matrix from n products with the unit vectors (n products, O(n²) memory), then
/// factor it; the Krylov solvers use only products. <see cref="LinearSolver.ConjugateGradient"/> and
/// <see cref="LinearSolver.DenseCholesky"/> assume a symmetric positive definite Jacobian (the Hessian of a strictly
/// convex objective); the others accept any nonsingular one.
/// </para>
/// </remarks>
public sealed class ImplicitSystem
{
    /// <summary>Creates the settings of the implicit linear solves of one solver.</summary>
    /// <param name="solver">The differentiated solver's name, for error messages.</param>
    /// <param name="linearSolver">The linear solver; <see cref="LinearSolver.Automatic"/> picks from <paramref name="symmetric"/>.</param>
    /// <param name="symmetric">Whether ∂F/∂x is symmetric (the gradient condition of an <c>[Optimize]</c> solver): then
    /// <see cref="LinearSolver.Automatic"/> means conjugate gradient, otherwise GMRES.</param>
    /// <param name="tolerance">Relative residual tolerance of the Krylov solvers; positive and finite.</param>
    /// <param name="maxIterations">Iteration limit of the Krylov solvers; 0 for the solver's default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="solver"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="linearSolver"/> is not a defined value,
    /// <paramref name="tolerance"/> is not positive and finite, or <paramref name="maxIterations"/> is negative.</exception>
    public ImplicitSystem(string solver, LinearSolver linearSolver, bool symmetric, double tolerance, int maxIterations)
    {
        ArgumentNullException.ThrowIfNull(solver);
        if (linearSolver is < LinearSolver.Automatic or > LinearSolver.DenseCholesky)
        {
            throw new ArgumentOutOfRangeException(nameof(linearSolver), linearSolver, "Not a LinearSolver value.");
        }

        if (!(tolerance > 0) || !double.IsFinite(tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        Solver = solver;
        LinearSolver = linearSolver == LinearSolver.Automatic
            ? (symmetric ? LinearSolver.ConjugateGradient : LinearSolver.Gmres)
            : linearSolver;
        Options = new LinearSolveOptions { Tolerance = tolerance, MaxIterations = maxIterations == 0 ? null : maxIterations };
    }

    /// <summary>The differentiated solver's name.</summary>
    public string Solver { get; }

    /// <summary>The linear solver used (never <see cref="LinearSolver.Automatic"/>).</summary>
    public LinearSolver LinearSolver { get; }

    /// <summary>Tolerance and iteration limit passed to the linear solver.</summary>
    public LinearSolveOptions Options { get; }

    /// <summary>Solves (∂F/∂x)·u = b: the tangent of the solution in forward mode, with b = −(∂F/∂θ)·θ̇.</summary>
    /// <param name="jacobian">Writes (∂F/∂x)·v.</param>
    /// <param name="jacobianTransposed">Writes (∂F/∂x)ᵀ·v (used by <see cref="LinearSolver.NormalCg"/> only; may be the
    /// same delegate when the Jacobian is symmetric).</param>
    /// <param name="b">The right-hand side.</param>
    /// <param name="u">Receives the solution; same length as <paramref name="b"/>.</param>
    /// <exception cref="ArgumentNullException">An operator is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="u"/> has another length than <paramref name="b"/>, or
    /// <paramref name="b"/> is not finite.</exception>
    /// <exception cref="ImplicitDifferentiationException">The linear solve failed; carries its report.</exception>
    public void Solve(MatVec jacobian, MatVec jacobianTransposed, ReadOnlySpan<double> b, Span<double> u) =>
        Run(jacobian, jacobianTransposed, b, u);

    /// <summary>Solves (∂F/∂x)ᵀ·u = b: reverse mode, with b the cotangent of the solution; then θ̄ = −(∂F/∂θ)ᵀ·u.</summary>
    /// <param name="jacobian">Writes (∂F/∂x)·v (used by <see cref="LinearSolver.NormalCg"/> only).</param>
    /// <param name="jacobianTransposed">Writes (∂F/∂x)ᵀ·v.</param>
    /// <param name="b">The right-hand side.</param>
    /// <param name="u">Receives the solution; same length as <paramref name="b"/>.</param>
    /// <exception cref="ArgumentNullException">An operator is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="u"/> has another length than <paramref name="b"/>, or
    /// <paramref name="b"/> is not finite.</exception>
    /// <exception cref="ImplicitDifferentiationException">The linear solve failed; carries its report.</exception>
    public void SolveTransposed(MatVec jacobian, MatVec jacobianTransposed, ReadOnlySpan<double> b, Span<double> u) =>
        Run(jacobianTransposed, jacobian, b, u);

    private void Run(MatVec operatorA, MatVec operatorTransposed, ReadOnlySpan<double> b, Span<double> u)
    {
        ArgumentNullException.ThrowIfNull(operatorA);
        ArgumentNullException.ThrowIfNull(operatorTransposed);
        if (u.Length != b.Length)
        {
            throw new ArgumentException(FormattableString.Invariant($"u has length {u.Length} but b has length {b.Length}."), nameof(u));
        }

        var report = LinearSolver switch
        {
            LinearSolver.ConjugateGradient => LinearSolve.ConjugateGradient(operatorA, b, Options),
            LinearSolver.NormalCg => LinearSolve.NormalCg(operatorA, operatorTransposed, b, Options),
            LinearSolver.BiCgStab => LinearSolve.BiCgStab(operatorA, b, Options),
            LinearSolver.DenseLu => Dense(operatorA, b, cholesky: false),
            LinearSolver.DenseCholesky => Dense(operatorA, b, cholesky: true),
            _ => LinearSolve.Gmres(operatorA, b, Options),
        };
        if (!report.Converged)
        {
            throw new ImplicitDifferentiationException(Solver, report);
        }

        report.Solution.AsSpan().CopyTo(u);
    }

    /// <summary>Materialises A column by column from products with the unit vectors, then factors it.</summary>
    private static LinearSolveResult Dense(MatVec operatorA, ReadOnlySpan<double> b, bool cholesky)
    {
        var n = b.Length;
        var matrix = ArrayPool<double>.Shared.Rent(Math.Max(1, checked(n * n)));
        var unit = ArrayPool<double>.Shared.Rent(Math.Max(1, n));
        var column = ArrayPool<double>.Shared.Rent(Math.Max(1, n));
        try
        {
            Array.Clear(unit, 0, n);
            for (var j = 0; j < n; j++)
            {
                unit[j] = 1;
                operatorA(unit.AsSpan(0, n), column.AsSpan(0, n));
                unit[j] = 0;
                for (var i = 0; i < n; i++)
                {
                    matrix[(i * n) + j] = column[i];
                }
            }

            var a = matrix.AsSpan(0, n * n);
            foreach (var value in a)
            {
                if (!double.IsFinite(value))
                {
                    var nan = new double[n];
                    nan.AsSpan().Fill(double.NaN);
                    return new LinearSolveResult(cholesky ? nameof(LinearSolve.DenseCholesky) : nameof(LinearSolve.DenseLu), nan, 0, double.NaN, LinearSolveStatus.NonFinite,
                        "A Jacobian-vector product produced NaN or infinity while the matrix was built.");
                }
            }

            return cholesky ? LinearSolve.DenseCholesky(a, b) : LinearSolve.DenseLu(a, b);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(matrix);
            ArrayPool<double>.Shared.Return(unit);
            ArrayPool<double>.Shared.Return(column);
        }
    }
}
