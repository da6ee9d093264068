using System;
using System.Numerics.Tensors;

namespace DiffOpt.Solvers;

public static partial class LinearSolve
{
    /// <summary>
    /// Solves (A + ridge·I)x = b for a symmetric positive definite A by (preconditioned) conjugate gradients
    /// (Hestenes and Stiefel 1952; preconditioned form as in Saad, <i>Iterative Methods for Sparse Linear Systems</i>,
    /// 2nd ed., Algorithm 9.1).
    /// </summary>
    /// <param name="matvec">Computes A·v. Must be symmetric positive definite (after adding the ridge term).</param>
    /// <param name="b">Right-hand side; every entry finite.</param>
    /// <param name="options">Tolerance, iteration limit, ridge, preconditioner (symmetric positive definite) and initial guess; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// The solution and its convergence report. A direction with pᵀAp ≤ 0 stops the solve with
    /// <see cref="LinearSolveStatus.IndefiniteMatrix"/> and the last iterate.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="matvec"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> has NaN/infinity, or an option's length does not match b.</exception>
    /// <remarks>
    /// When the recurrence's residual reaches the tolerance, the true residual is recomputed; if it disagrees, the
    /// recurrence restarts from the true residual (residual replacement), and repeated failure to improve ends the
    /// solve with <see cref="LinearSolveStatus.Stagnation"/>.
    /// </remarks>
    public static LinearSolveResult ConjugateGradient(MatVec matvec, ReadOnlySpan<double> b, LinearSolveOptions? options = null)
    {
        const string Method = nameof(ConjugateGradient);
        ArgumentNullException.ThrowIfNull(matvec);
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
        var work = Rent(5, n);
        try
        {
            var r = work.AsSpan(0, n);
            var z = work.AsSpan(n, n);
            var p = work.AsSpan(2 * n, n);
            var q = work.AsSpan(3 * n, n);
            var preconditioner = Preconditioning.Create(options, n, options.Ridge, requirePositive: true, work.AsMemory(4 * n, n));

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
            var rz = RestartDirections(preconditioner, r, z, p);
            var iterations = 0;
            while (true)
            {
                if (!(rz > 0))
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, q, BreakdownOrNonFinite(rz),
                        !double.IsFinite(rz) ? NonFiniteMessage : "rᵀM⁻¹r ≤ 0: the preconditioner is not positive definite.");
                }

                if (iterations >= maxIterations)
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, q, LinearSolveStatus.MaxIterations,
                        MaxIterationsMessage(maxIterations, options.Tolerance));
                }

                op.Apply(p, q);
                iterations++;
                var curvature = TensorPrimitives.Dot<double>(p, q);
                if (!double.IsFinite(curvature))
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, q, LinearSolveStatus.NonFinite, NonFiniteMessage);
                }

                if (curvature <= 0)
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, q, LinearSolveStatus.IndefiniteMatrix,
                        FormattableString.Invariant(
                            $"Found a direction p with pᵀ(A + ridge·I)p = {curvature:E2} ≤ 0 at iteration {iterations}: the operator is not positive definite. Use Gmres or BiCgStab for indefinite systems, or a positive ridge term."));
                }

                var alpha = rz / curvature;
                TensorPrimitives.MultiplyAdd(p, alpha, x, x);
                TensorPrimitives.MultiplyAdd(q, -alpha, r, r);
                residualNorm = TensorPrimitives.Norm<double>(r);
                if (residualNorm <= target)
                {
                    // The recurrence claims convergence; trust only the recomputed residual.
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

                    rz = RestartDirections(preconditioner, r, z, p);
                    continue;
                }

                preconditioner.Apply(r, z);
                var rzNext = TensorPrimitives.Dot<double>(r, z);
                if (!(rzNext > 0))
                {
                    rz = rzNext;
                    continue;
                }

                var beta = rzNext / rz;
                rz = rzNext;
                TensorPrimitives.MultiplyAdd(p, beta, z, p);
            }
        }
        finally
        {
            Return(work);
        }
    }

    /// <summary>z = M⁻¹r, p = z; returns rᵀz.</summary>
    private static double RestartDirections(in Preconditioning preconditioner, Span<double> r, Span<double> z, Span<double> p)
    {
        preconditioner.Apply(r, z);
        z.CopyTo(p);
        return TensorPrimitives.Dot<double>(r, z);
    }

    private static LinearSolveStatus BreakdownOrNonFinite(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? LinearSolveStatus.NonFinite : LinearSolveStatus.Breakdown;
}
