using System;
using System.Numerics.Tensors;

namespace DiffOpt.Solvers;

public static partial class LinearSolve
{
    /// <summary>
    /// Solves (A + ridge·I)x = b for a square, possibly nonsymmetric A by conjugate gradients on the normal equations
    /// AᵀA x = Aᵀb (CGNR; Hestenes and Stiefel 1952, Saad, <i>Iterative Methods for Sparse Linear Systems</i>, 2nd ed.,
    /// Algorithm 8.4).
    /// </summary>
    /// <param name="matvec">Computes A·v.</param>
    /// <param name="transposedMatvec">Computes Aᵀ·v for the same A.</param>
    /// <param name="b">Right-hand side; every entry finite.</param>
    /// <param name="options">
    /// Tolerance, iteration limit, ridge, preconditioner and initial guess; <see langword="null"/> for the defaults.
    /// The preconditioner approximates the normal matrix (A + ρI)ᵀ(A + ρI) and must be symmetric positive definite:
    /// <see cref="LinearSolveOptions.JacobiDiagonal"/> is its diagonal (the squared column norms of A + ρI), used
    /// as given.
    /// </param>
    /// <returns>The solution and its convergence report; the residual is that of the original system, ‖b − (A + ρI)x‖ / ‖b‖.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matvec"/> or <paramref name="transposedMatvec"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> has NaN/infinity, or an option's length does not match b.</exception>
    /// <remarks>
    /// Works for any nonsingular A but converges with the square of A's condition number; prefer
    /// <see cref="Gmres"/> or <see cref="BiCgStab"/> when only A·v is cheap, this when Aᵀ·v is available and those
    /// stagnate. A singular A ends in <see cref="LinearSolveStatus.Breakdown"/> or
    /// <see cref="LinearSolveStatus.MaxIterations"/>.
    /// </remarks>
    public static LinearSolveResult NormalCg(MatVec matvec, MatVec transposedMatvec, ReadOnlySpan<double> b, LinearSolveOptions? options = null)
    {
        const string Method = nameof(NormalCg);
        ArgumentNullException.ThrowIfNull(matvec);
        ArgumentNullException.ThrowIfNull(transposedMatvec);
        options ??= LinearSolveOptions.Default;
        ValidateIterative(b, options);
        var n = b.Length;
        var bNorm = TensorPrimitives.Norm(b);
        if (bNorm == 0)
        {
            return ZeroRightHandSide(Method, n);
        }

        var x = StartingPoint(n, options);
        var target = options.Tolerance * bNorm;
        var maxIterations = options.ResolveMaxIterations(n);
        var op = new ShiftedOperator(matvec, options.Ridge);
        var transposed = new ShiftedOperator(transposedMatvec, options.Ridge);
        var work = Rent(6, n);
        try
        {
            var r = work.AsSpan(0, n);      // residual of the original system, b − Ax
            var s = work.AsSpan(n, n);      // normal-equation residual, Aᵀr
            var z = work.AsSpan(2 * n, n);  // M⁻¹s
            var p = work.AsSpan(3 * n, n);
            var q = work.AsSpan(4 * n, n);  // A·p
            var preconditioner = Preconditioning.Create(options, n, shift: 0, requirePositive: true, work.AsMemory(5 * n, n));

            var residualNorm = op.Residual(b, x, r);
            if (!double.IsFinite(residualNorm))
            {
                return Finish(Method, x, 0, op, b, bNorm, options, q, LinearSolveStatus.NonFinite, NonFiniteMessage, residualNorm);
            }

            if (residualNorm <= target)
            {
                return Finish(Method, x, 0, op, b, bNorm, options, q, LinearSolveStatus.Converged, "", residualNorm);
            }

            var guard = new StagnationGuard();
            var sz = RestartNormalDirections(transposed, preconditioner, r, s, z, p);
            var iterations = 0;
            while (true)
            {
                if (!(sz > 0))
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, q, BreakdownOrNonFinite(sz),
                        double.IsNaN(sz) || double.IsInfinity(sz)
                            ? NonFiniteMessage
                            : "Aᵀr = 0 while r ≠ 0 (or the preconditioner is not positive definite): x is a least-squares solution of an inconsistent system, so A is singular.");
                }

                if (iterations >= maxIterations)
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, q, LinearSolveStatus.MaxIterations,
                        MaxIterationsMessage(maxIterations, options.Tolerance));
                }

                op.Apply(p, q);
                iterations++;
                var qq = TensorPrimitives.Dot<double>(q, q);
                if (!double.IsFinite(qq))
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, q, LinearSolveStatus.NonFinite, NonFiniteMessage);
                }

                if (qq == 0)
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, q, LinearSolveStatus.Breakdown,
                        "A·p = 0 for a nonzero search direction p: A is singular.");
                }

                var alpha = sz / qq;
                TensorPrimitives.MultiplyAdd(p, alpha, x, x);
                TensorPrimitives.MultiplyAdd(q, -alpha, r, r);
                residualNorm = TensorPrimitives.Norm<double>(r);
                if (residualNorm <= target)
                {
                    var trueNorm = op.Residual(b, x, r);
                    if (trueNorm <= target)
                    {
                        return Finish(Method, x, iterations, op, b, bNorm, options, q, LinearSolveStatus.Converged, "", trueNorm);
                    }

                    if (!double.IsFinite(trueNorm))
                    {
                        return Finish(Method, x, iterations, op, b, bNorm, options, q, LinearSolveStatus.NonFinite, NonFiniteMessage, trueNorm);
                    }

                    if (guard.Stagnated(trueNorm))
                    {
                        return Finish(Method, x, iterations, op, b, bNorm, options, q, LinearSolveStatus.Stagnation, StagnationMessage, trueNorm);
                    }

                    sz = RestartNormalDirections(transposed, preconditioner, r, s, z, p);
                    continue;
                }

                transposed.Apply(r, s);
                preconditioner.Apply(s, z);
                var szNext = TensorPrimitives.Dot<double>(s, z);
                if (!(szNext > 0))
                {
                    sz = szNext;
                    continue;
                }

                var beta = szNext / sz;
                sz = szNext;
                TensorPrimitives.MultiplyAdd(p, beta, z, p);
            }
        }
        finally
        {
            Return(work);
        }
    }

    /// <summary>s = Aᵀr, z = M⁻¹s, p = z; returns sᵀz.</summary>
    private static double RestartNormalDirections(in ShiftedOperator transposed, in Preconditioning preconditioner, Span<double> r, Span<double> s, Span<double> z, Span<double> p)
    {
        transposed.Apply(r, s);
        return RestartDirections(preconditioner, s, z, p);
    }
}
