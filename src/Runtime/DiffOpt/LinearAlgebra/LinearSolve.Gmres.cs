using System;
using System.Numerics.Tensors;

namespace DiffOpt.Solvers;

public static partial class LinearSolve
{
    /// <summary>
    /// Solves (A + ridge·I)x = b for a general square A by restarted GMRES(m) (Saad and Schultz, "GMRES: a
    /// generalized minimal residual algorithm for solving nonsymmetric linear systems", SIAM J. Sci. Stat. Comput.
    /// 7(3), 1986): Arnoldi with modified Gram–Schmidt (plus one reorthogonalization pass when cancellation is
    /// severe), the Hessenberg least-squares problem reduced by Givens rotations, restart every m =
    /// <see cref="LinearSolveOptions.Restart"/> iterations.
    /// </summary>
    /// <param name="matvec">Computes A·v.</param>
    /// <param name="b">Right-hand side; every entry finite.</param>
    /// <param name="options">
    /// Tolerance, iteration limit (counted in operator applications across restarts), restart length, ridge,
    /// preconditioner (applied on the right, so the tolerance tests the true residual) and initial guess;
    /// <see langword="null"/> for the defaults.
    /// </param>
    /// <returns>The solution and its convergence report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matvec"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> has NaN/infinity, or an option's length does not match b.</exception>
    /// <remarks>
    /// Memory: m + 1 basis vectors of length n. The residual is recomputed from x at every restart, so each cycle
    /// starts from the true residual; the residual never increases from one cycle to the next.
    /// </remarks>
    public static LinearSolveResult Gmres(MatVec matvec, ReadOnlySpan<double> b, LinearSolveOptions? options = null)
    {
        const string Method = nameof(Gmres);
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
        var m = Math.Min(options.Restart, n);
        var op = new ShiftedOperator(matvec, options.Ridge);

        // Layout: basis V (m + 1 vectors), w, z, Jacobi storage, then the small (m + 1)×m Hessenberg H (column-major),
        // rotation cosines/sines, the rotated right-hand side g and the coefficients y.
        var vectorPart = checked((m + 4) * n);
        var work = Rent(1, checked(vectorPart + ((m + 1) * m) + (4 * m) + 1));
        try
        {
            var basis = work.AsSpan(0, (m + 1) * n);
            var w = work.AsSpan((m + 1) * n, n);
            var z = work.AsSpan((m + 2) * n, n);
            var preconditioner = Preconditioning.Create(options, n, options.Ridge, requirePositive: false, work.AsMemory((m + 3) * n, n));
            var small = work.AsSpan(vectorPart);
            var h = small.Slice(0, (m + 1) * m);
            var cosines = small.Slice((m + 1) * m, m);
            var sines = small.Slice(((m + 1) * m) + m, m);
            var g = small.Slice(((m + 1) * m) + (2 * m), m + 1);
            var y = small.Slice(((m + 1) * m) + (3 * m) + 1, m);

            var guard = new StagnationGuard();
            var iterations = 0;
            var cycleReachedTarget = false;
            while (true)
            {
                var v0 = basis.Slice(0, n);
                var beta = op.Residual(b, x, v0);
                if (!double.IsFinite(beta))
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, w, LinearSolveStatus.NonFinite, NonFiniteMessage, beta);
                }

                if (beta <= target)
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, w, LinearSolveStatus.Converged, "", beta);
                }

                if (cycleReachedTarget && guard.Stagnated(beta))
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, w, LinearSolveStatus.Stagnation, StagnationMessage, beta);
                }

                if (iterations >= maxIterations)
                {
                    return Finish(Method, x, iterations, op, b, bNorm, options, w, LinearSolveStatus.MaxIterations,
                        MaxIterationsMessage(maxIterations, options.Tolerance), beta);
                }

                TensorPrimitives.Multiply(v0, 1.0 / beta, v0);
                g.Clear();
                g[0] = beta;
                cycleReachedTarget = false;
                var columns = 0;
                string? breakdown = null;
                while (columns < m && iterations < maxIterations)
                {
                    var j = columns;
                    var vj = basis.Slice(j * n, n);
                    ReadOnlySpan<double> direction = vj;
                    if (!preconditioner.IsIdentity)
                    {
                        preconditioner.Apply(vj, z);
                        direction = z;
                    }

                    op.Apply(direction, w);
                    iterations++;
                    var column = h.Slice(j * (m + 1), m + 1);
                    var next = Orthogonalize(basis, j, n, w, column, out var productNorm);
                    if (!double.IsFinite(next))
                    {
                        // Columns 0..j-1 are still valid; keep their progress and report the failure.
                        breakdown = NonFiniteMessage;
                        break;
                    }

                    for (var i = 0; i < j; i++)
                    {
                        ApplyRotation(cosines[i], sines[i], ref column[i], ref column[i + 1]);
                    }

                    var diagonal = column[j];
                    var radius = Hypot(diagonal, next);
                    // Rotations preserve the column's norm ‖A·z_j‖; a diagonal that is negligible next to it means A·z_j
                    // is (numerically) a combination of the earlier products, so A is singular on this Krylov space and
                    // the column would only add rounding noise to the least-squares solution.
                    if (radius <= BreakdownThreshold * productNorm || radius == 0)
                    {
                        breakdown = "A + ridge·I is singular on the Krylov subspace (the new Arnoldi column is a combination of the previous ones); the solution is the least-squares answer over the columns before it.";
                        break;
                    }

                    cosines[j] = diagonal / radius;
                    sines[j] = next / radius;
                    column[j] = radius;
                    column[j + 1] = 0;
                    g[j + 1] = -sines[j] * g[j];
                    g[j] = cosines[j] * g[j];
                    columns++;

                    if (Math.Abs(g[j + 1]) <= target)
                    {
                        cycleReachedTarget = true;
                        break;
                    }

                    if (next == 0)
                    {
                        // Happy breakdown: the Krylov subspace is invariant, so the solution lies in it exactly.
                        cycleReachedTarget = true;
                        break;
                    }

                    TensorPrimitives.Multiply(w, 1.0 / next, basis.Slice((j + 1) * n, n));
                }

                UpdateSolution(x, basis, h, g, y, columns, n, m, preconditioner, w, z);
                if (breakdown is not null)
                {
                    var status = breakdown == NonFiniteMessage ? LinearSolveStatus.NonFinite : LinearSolveStatus.Breakdown;
                    return Finish(Method, x, iterations, op, b, bNorm, options, w, status, breakdown);
                }
            }
        }
        finally
        {
            Return(work);
        }
    }

    /// <summary>
    /// Orthogonalizes w against basis vectors 0..j by modified Gram–Schmidt, writing the coefficients into
    /// column[0..j]; repeats the pass once when ‖w‖ drops below 1/√2 of its size (Daniel, Gragg, Kaufman and
    /// Stewart 1976), which keeps the basis orthogonal on ill-conditioned systems. Returns the norm of what remains;
    /// <paramref name="productNorm"/> receives ‖w‖ before orthogonalization.
    /// </summary>
    private static double Orthogonalize(Span<double> basis, int j, int n, Span<double> w, Span<double> column, out double productNorm)
    {
        var before = TensorPrimitives.Norm<double>(w);
        productNorm = before;
        for (var i = 0; i <= j; i++)
        {
            var vi = basis.Slice(i * n, n);
            var coefficient = TensorPrimitives.Dot<double>(w, vi);
            column[i] = coefficient;
            TensorPrimitives.MultiplyAdd(vi, -coefficient, w, w);
        }

        var after = TensorPrimitives.Norm<double>(w);
        if (after < 0.7071067811865476 * before)
        {
            for (var i = 0; i <= j; i++)
            {
                var vi = basis.Slice(i * n, n);
                var coefficient = TensorPrimitives.Dot<double>(w, vi);
                column[i] += coefficient;
                TensorPrimitives.MultiplyAdd(vi, -coefficient, w, w);
            }

            after = TensorPrimitives.Norm<double>(w);
        }

        return after;
    }

    /// <summary>Solves the k×k triangular system R y = g and adds M⁻¹(V y) to x.</summary>
    private static void UpdateSolution(
        double[] x, Span<double> basis, Span<double> h, Span<double> g, Span<double> y, int k, int n, int m,
        in Preconditioning preconditioner, Span<double> w, Span<double> z)
    {
        if (k == 0)
        {
            return;
        }

        for (var i = k - 1; i >= 0; i--)
        {
            var sum = g[i];
            for (var c = i + 1; c < k; c++)
            {
                sum -= h[(c * (m + 1)) + i] * y[c];
            }

            y[i] = sum / h[(i * (m + 1)) + i];
        }

        w.Clear();
        for (var i = 0; i < k; i++)
        {
            TensorPrimitives.MultiplyAdd(basis.Slice(i * n, n), y[i], w, w);
        }

        if (preconditioner.IsIdentity)
        {
            TensorPrimitives.Add(x, w, x);
        }
        else
        {
            preconditioner.Apply(w, z);
            TensorPrimitives.Add(x, z, x);
        }
    }

    /// <summary>(a, b) ← (c·a + s·b, −s·a + c·b).</summary>
    private static void ApplyRotation(double c, double s, ref double a, ref double b)
    {
        var first = (c * a) + (s * b);
        b = (-s * a) + (c * b);
        a = first;
    }

    /// <summary>√(a² + b²) without overflow or underflow in the squares.</summary>
    private static double Hypot(double a, double b)
    {
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        if (scale == 0)
        {
            return 0;
        }

        var p = a / scale;
        var q = b / scale;
        return scale * Math.Sqrt((p * p) + (q * q));
    }
}
