using System;
using System.Numerics.Tensors;

namespace DiffOpt.Solvers;

public static partial class LinearSolve
{
    /// <summary>
    /// Solves (A + ridge·I)x = b for a general square A by BiCGStab (van der Vorst, "Bi-CGSTAB: a fast and smoothly
    /// converging variant of Bi-CG for the solution of nonsymmetric linear systems", SIAM J. Sci. Stat. Comput.
    /// 13(2), 1992), right-preconditioned as in Barrett et al., <i>Templates for the Solution of Linear Systems</i>
    /// (1994), so the tolerance tests the true residual.
    /// </summary>
    /// <param name="matvec">Computes A·v.</param>
    /// <param name="b">Right-hand side; every entry finite.</param>
    /// <param name="options">Tolerance, iteration limit, ridge, preconditioner and initial guess; <see langword="null"/> for the defaults.</param>
    /// <returns>The solution and its convergence report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matvec"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> has NaN/infinity, or an option's length does not match b.</exception>
    /// <remarks>
    /// Two operator applications per iteration and a fixed amount of memory (nine work vectors), unlike GMRES. When
    /// the shadow residual becomes (nearly) orthogonal to the residual the method restarts with the current
    /// residual as new shadow; if that happens again immediately the solve ends in
    /// <see cref="LinearSolveStatus.Breakdown"/> (skew-symmetric operators do this: use <see cref="Gmres"/>).
    /// </remarks>
    public static LinearSolveResult BiCgStab(MatVec matvec, ReadOnlySpan<double> b, LinearSolveOptions? options = null)
    {
        const string Method = nameof(BiCgStab);
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
        var work = Rent(9, n);
        try
        {
            var r = work.AsSpan(0, n);
            var shadow = work.AsSpan(n, n);
            var p = work.AsSpan(2 * n, n);
            var v = work.AsSpan(3 * n, n);
            var s = work.AsSpan(4 * n, n);
            var t = work.AsSpan(5 * n, n);
            var preconditioner = Preconditioning.Create(options, n, options.Ridge, requirePositive: false, work.AsMemory(8 * n, n));
            var pHat = preconditioner.IsIdentity ? p : work.AsSpan(6 * n, n);
            var sHat = preconditioner.IsIdentity ? s : work.AsSpan(7 * n, n);

            var residualNorm = op.Residual(b, x, r);
            if (!double.IsFinite(residualNorm))
            {
                return Finish(Method, x, 0, op, b, bNorm, options, t, LinearSolveStatus.NonFinite, NonFiniteMessage, residualNorm);
            }

            if (residualNorm <= target)
            {
                return Finish(Method, x, 0, op, b, bNorm, options, t, LinearSolveStatus.Converged, "", residualNorm);
            }

            var guard = new StagnationGuard();
            var iterations = 0;
            var restartedHere = false; // true when the shadow was just reset and no step has succeeded since
            var fresh = true;          // the next step starts a new recurrence (p = r)
            double rhoPrevious = 1, alpha = 1, omega = 1;
            r.CopyTo(shadow);
            var shadowNorm = residualNorm;
            while (true)
            {
                if (iterations >= maxIterations)
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, t, LinearSolveStatus.MaxIterations,
                        MaxIterationsMessage(maxIterations, options.Tolerance));
                }

                var rho = TensorPrimitives.Dot<double>(shadow, r);
                if (!double.IsFinite(rho))
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, t, LinearSolveStatus.NonFinite, NonFiniteMessage);
                }

                if (Math.Abs(rho) <= BreakdownThreshold * shadowNorm * residualNorm)
                {
                    if (restartedHere)
                    {
                        return Finish(Method, x, iterations, op, b, bNorm, options, t, LinearSolveStatus.Breakdown,
                            "The shadow residual is orthogonal to the residual even after a restart (ρ = 0).");
                    }

                    (shadowNorm, fresh, restartedHere) = (NewShadow(r, shadow, residualNorm), true, true);
                    continue;
                }

                if (fresh)
                {
                    r.CopyTo(p);
                    fresh = false;
                }
                else
                {
                    // p = r + β(p − ωv)
                    var beta = (rho / rhoPrevious) * (alpha / omega);
                    TensorPrimitives.MultiplyAdd(v, -omega, p, p);
                    TensorPrimitives.MultiplyAdd(p, beta, r, p);
                }

                if (!preconditioner.IsIdentity)
                {
                    preconditioner.Apply(p, pHat);
                }

                op.Apply(pHat, v);
                iterations++;
                var shadowV = TensorPrimitives.Dot<double>(shadow, v);
                if (!double.IsFinite(shadowV))
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, t, LinearSolveStatus.NonFinite, NonFiniteMessage);
                }

                if (Math.Abs(shadowV) <= BreakdownThreshold * shadowNorm * TensorPrimitives.Norm<double>(v))
                {
                    if (restartedHere)
                    {
                        return Finish(Method, x, iterations, op, b, bNorm, options, t, LinearSolveStatus.Breakdown,
                            "The shadow residual is orthogonal to A·p even after a restart (r̂ᵀAp = 0); use Gmres for this operator.");
                    }

                    (shadowNorm, fresh, restartedHere) = (NewShadow(r, shadow, residualNorm), true, true);
                    continue;
                }

                alpha = rho / shadowV;
                TensorPrimitives.MultiplyAdd(v, -alpha, r, s);
                var sNorm = TensorPrimitives.Norm<double>(s);
                if (sNorm <= target)
                {
                    // Half step already converged: x += α·p̂.
                    TensorPrimitives.MultiplyAdd(pHat, alpha, x, x);
                }
                else
                {
                    if (!preconditioner.IsIdentity)
                    {
                        preconditioner.Apply(s, sHat);
                    }

                    op.Apply(sHat, t);
                    var tt = TensorPrimitives.Dot<double>(t, t);
                    var ts = TensorPrimitives.Dot<double>(t, s);
                    if (!double.IsFinite(tt) || !double.IsFinite(ts))
                    {
                        return Finish(Method, x, iterations, op, b, bNorm, options, t, LinearSolveStatus.NonFinite, NonFiniteMessage);
                    }

                    if (tt == 0)
                    {
                        return Finish(Method, x, iterations, op, b, bNorm, options, t, LinearSolveStatus.Breakdown,
                            "A·ŝ = 0 for a nonzero s: A is singular.");
                    }

                    omega = ts / tt;
                    TensorPrimitives.MultiplyAdd(pHat, alpha, x, x);
                    TensorPrimitives.MultiplyAdd(sHat, omega, x, x);
                    TensorPrimitives.MultiplyAdd(t, -omega, s, r);
                    residualNorm = TensorPrimitives.Norm<double>(r);
                    rhoPrevious = rho;
                    restartedHere = false;
                    if (residualNorm > target)
                    {
                        if (omega == 0)
                        {
                            // tᵀs = 0: the stabilizing step made no progress, and β would divide by ω.
                            (shadowNorm, fresh, restartedHere) = (NewShadow(r, shadow, residualNorm), true, true);
                        }

                        continue;
                    }
                }

                // The recurrence claims convergence; trust only the recomputed residual.
                var trueNorm = op.Residual(b, x, r);
                if (trueNorm <= target)
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, t, LinearSolveStatus.Converged, "", trueNorm);
                }

                if (!double.IsFinite(trueNorm))
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, t, LinearSolveStatus.NonFinite, NonFiniteMessage, trueNorm);
                }

                if (guard.Stagnated(trueNorm))
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, t, LinearSolveStatus.Stagnation, StagnationMessage, trueNorm);
                }

                residualNorm = trueNorm;
                shadowNorm = NewShadow(r, shadow, residualNorm);
                fresh = true;
                restartedHere = false;
            }
        }
        finally
        {
            Return(work);
        }
    }

    /// <summary>Restarts the bi-orthogonalization with the current residual as shadow; returns its norm.</summary>
    private static double NewShadow(ReadOnlySpan<double> r, Span<double> shadow, double residualNorm)
    {
        r.CopyTo(shadow);
        return residualNorm;
    }
}
