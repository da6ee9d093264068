using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DiffOpt.Solvers;

public static partial class LinearSolve
{
    // A pivot below this multiple of n·ε·(largest entry) is treated as zero: the matrix is singular to working
    // precision, and a "solution" from it would be rounding noise.
    private const double PivotGuard = 10.0;

    // Cholesky accepts a[i,j] and a[j,i] that differ by at most this fraction of the largest entry.
    private const double SymmetryTolerance = 1e-10;

    // Unit roundoff spacing of doubles at 1 (2⁻⁵²); double.Epsilon is the smallest subnormal, not this.
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Views a rectangular array's elements in their row-major storage order, without copying.</summary>
    private static ReadOnlySpan<double> RowMajor(double[,] matrix) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(matrix)), matrix.Length);

    private static ReadOnlySpan<double> ValidateSquare(double[,] matrix, int n)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.GetLength(0) != n || matrix.GetLength(1) != n)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The matrix is {matrix.GetLength(0)}×{matrix.GetLength(1)} but b has length {n}; it must be {n}×{n}."),
                nameof(matrix));
        }

        return RowMajor(matrix);
    }

    private static void ValidateDense(ReadOnlySpan<double> matrix, ReadOnlySpan<double> b)
    {
        ValidateRightHandSide(b);
        var n = b.Length;
        if (matrix.Length != (long)n * n)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The row-major matrix has {matrix.Length} entries but b has length {n}; it needs {(long)n * n}."),
                nameof(matrix));
        }

        for (var i = 0; i < matrix.Length; i++)
        {
            if (!double.IsFinite(matrix[i]))
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Entry ({i / n}, {i % n}) of the matrix is {matrix[i]}; every entry must be finite."),
                    nameof(matrix));
            }
        }
    }

    /// <summary>Copies the matrix into <paramref name="a"/>, adds the ridge to its diagonal, and returns its largest absolute entry.</summary>
    private static double CopyShifted(ReadOnlySpan<double> matrix, Span<double> a, int n, double ridge)
    {
        matrix.CopyTo(a);
        for (var i = 0; i < n; i++)
        {
            a[(i * n) + i] += ridge;
        }

        return n == 0 ? 0 : TensorPrimitives.MaxMagnitude<double>(a);
    }

    /// <summary>‖b − (A + ridge·I)x‖ / ‖b‖ from the caller's original matrix.</summary>
    private static double DenseRelativeResidual(ReadOnlySpan<double> matrix, ReadOnlySpan<double> b, ReadOnlySpan<double> x, double ridge, double bNorm)
    {
        var n = b.Length;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var ri = b[i] - TensorPrimitives.Dot(matrix.Slice(i * n, n), x) - (ridge * x[i]);
            sum += ri * ri;
        }

        return Math.Sqrt(sum) / bNorm;
    }

    private static LinearSolveResult DenseFailure(string method, int n, LinearSolveStatus status, string message)
    {
        var x = new double[n];
        x.AsSpan().Fill(double.NaN);
        return new LinearSolveResult(method, x, 0, double.NaN, status, message);
    }

    /// <summary>
    /// Solves (A + ridge·I)x = b by LU factorization with partial (row) pivoting (Golub and Van Loan,
    /// <i>Matrix Computations</i>, 4th ed., Algorithm 3.4.1). O(n³) time, one n×n working copy.
    /// </summary>
    /// <param name="matrix">A in row-major order: entry (i, j) at index i·n + j, where n = b.Length. Not modified.</param>
    /// <param name="b">Right-hand side; every entry finite.</param>
    /// <param name="options">Only <see cref="LinearSolveOptions.Ridge"/> is used; <see langword="null"/> for none.</param>
    /// <returns>
    /// The solution with its recomputed relative residual, or — when a pivot is zero or below 10·n·ε times the
    /// largest entry — a result with status <see cref="LinearSolveStatus.Singular"/> and a NaN-filled solution.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="b"/> has NaN/infinity, or <paramref name="matrix"/> does not have n² finite entries.
    /// </exception>
    public static LinearSolveResult DenseLu(ReadOnlySpan<double> matrix, ReadOnlySpan<double> b, LinearSolveOptions? options = null)
    {
        const string Method = nameof(DenseLu);
        options ??= LinearSolveOptions.Default;
        ValidateDense(matrix, b);
        var n = b.Length;
        var bNorm = TensorPrimitives.Norm(b);
        if (bNorm == 0)
        {
            return ZeroRightHandSide(Method, n);
        }

        var work = Rent(n, n);
        try
        {
            var a = work.AsSpan(0, n * n);
            var scale = CopyShifted(matrix, a, n, options.Ridge);
            var threshold = PivotGuard * n * MachineEpsilon * scale;
            var x = b.ToArray();
            for (var k = 0; k < n; k++)
            {
                var pivotRow = k;
                var pivotSize = Math.Abs(a[(k * n) + k]);
                for (var i = k + 1; i < n; i++)
                {
                    var size = Math.Abs(a[(i * n) + k]);
                    if (size > pivotSize)
                    {
                        (pivotRow, pivotSize) = (i, size);
                    }
                }

                if (pivotSize <= threshold)
                {
                    return DenseFailure(Method, n, LinearSolveStatus.Singular,
                        FormattableString.Invariant(
                            $"Column {k} has no usable pivot (largest candidate {pivotSize:E2}, largest matrix entry {scale:E2}): A + ridge·I is singular to working precision. Add a ridge term or use NormalCg for a least-squares answer."));
                }

                if (pivotRow != k)
                {
                    var rowK = a.Slice(k * n, n);
                    var rowP = a.Slice(pivotRow * n, n);
                    for (var j = 0; j < n; j++)
                    {
                        (rowK[j], rowP[j]) = (rowP[j], rowK[j]);
                    }

                    (x[k], x[pivotRow]) = (x[pivotRow], x[k]);
                }

                var pivot = a[(k * n) + k];
                var pivotTail = a.Slice((k * n) + k + 1, n - k - 1);
                for (var i = k + 1; i < n; i++)
                {
                    var multiplier = a[(i * n) + k] / pivot;
                    if (multiplier != 0)
                    {
                        var rowTail = a.Slice((i * n) + k + 1, n - k - 1);
                        TensorPrimitives.MultiplyAdd(pivotTail, -multiplier, rowTail, rowTail);
                        x[i] -= multiplier * x[k]; // forward substitution with L, fused into the elimination
                    }
                }
            }

            for (var i = n - 1; i >= 0; i--)
            {
                var tail = TensorPrimitives.Dot<double>(a.Slice((i * n) + i + 1, n - i - 1), x.AsSpan(i + 1));
                x[i] = (x[i] - tail) / a[(i * n) + i];
            }

            var residual = DenseRelativeResidual(matrix, b, x, options.Ridge, bNorm);
            return new LinearSolveResult(Method, x, 0, residual, LinearSolveStatus.Converged,
                "LU factorization with partial pivoting completed; every pivot is nonzero.");
        }
        finally
        {
            Return(work);
        }
    }

    /// <summary>
    /// Solves (A + ridge·I)x = b by LU factorization with partial pivoting; see
    /// <see cref="DenseLu(ReadOnlySpan{double}, ReadOnlySpan{double}, LinearSolveOptions?)"/>.
    /// </summary>
    /// <param name="matrix">A as an n×n array, where n = b.Length. Not modified.</param>
    /// <param name="b">Right-hand side; every entry finite.</param>
    /// <param name="options">Only <see cref="LinearSolveOptions.Ridge"/> is used; <see langword="null"/> for none.</param>
    /// <returns>The solution and its report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> has NaN/infinity, or <paramref name="matrix"/> is not n×n and finite.</exception>
    public static LinearSolveResult DenseLu(double[,] matrix, ReadOnlySpan<double> b, LinearSolveOptions? options = null) =>
        DenseLu(ValidateSquare(matrix, b.Length), b, options);

    /// <summary>
    /// Solves (A + ridge·I)x = b for a symmetric positive definite A by Cholesky factorization A = UᵀU (outer-product
    /// form; Golub and Van Loan, <i>Matrix Computations</i>, 4th ed., §4.2). Half the work of LU, and a definite answer
    /// to "is this matrix SPD?".
    /// </summary>
    /// <param name="matrix">A in row-major order: entry (i, j) at index i·n + j, where n = b.Length. Not modified.</param>
    /// <param name="b">Right-hand side; every entry finite.</param>
    /// <param name="options">Only <see cref="LinearSolveOptions.Ridge"/> is used; <see langword="null"/> for none.</param>
    /// <returns>
    /// The solution with its recomputed relative residual, or — when A is not symmetric (to 1e-10 of its largest
    /// entry) or a pivot is not positive (or below 10·n·ε times the largest entry) — a result with status
    /// <see cref="LinearSolveStatus.NotPositiveDefinite"/> and a NaN-filled solution.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="b"/> has NaN/infinity, or <paramref name="matrix"/> does not have n² finite entries.
    /// </exception>
    public static LinearSolveResult DenseCholesky(ReadOnlySpan<double> matrix, ReadOnlySpan<double> b, LinearSolveOptions? options = null)
    {
        const string Method = nameof(DenseCholesky);
        options ??= LinearSolveOptions.Default;
        ValidateDense(matrix, b);
        var n = b.Length;
        var bNorm = TensorPrimitives.Norm(b);
        if (bNorm == 0)
        {
            return ZeroRightHandSide(Method, n);
        }

        var work = Rent(n, n);
        try
        {
            var a = work.AsSpan(0, n * n);
            var scale = CopyShifted(matrix, a, n, options.Ridge);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (Math.Abs(a[(i * n) + j] - a[(j * n) + i]) > SymmetryTolerance * scale)
                    {
                        return DenseFailure(Method, n, LinearSolveStatus.NotPositiveDefinite,
                            FormattableString.Invariant(
                                $"The matrix is not symmetric: entry ({i}, {j}) = {a[(i * n) + j]:G6} but ({j}, {i}) = {a[(j * n) + i]:G6}. Use DenseLu."));
                    }
                }
            }

            // Outer-product form A = UᵀU on the upper triangle, row by row: every update is a contiguous row
            // operation (the same access pattern as the LU elimination above) on half of the matrix.
            var threshold = PivotGuard * n * MachineEpsilon * scale;
            for (var k = 0; k < n; k++)
            {
                var pivot = a[(k * n) + k];
                if (!(pivot > threshold))
                {
                    return DenseFailure(Method, n, LinearSolveStatus.NotPositiveDefinite,
                        FormattableString.Invariant(
                            $"Pivot {k} is {pivot:E2} (largest matrix entry {scale:E2}): A + ridge·I is not positive definite. Use DenseLu for indefinite systems, or add a ridge term."));
                }

                var rowK = a.Slice((k * n) + k, n - k); // becomes U's row k, from the diagonal on
                TensorPrimitives.Multiply(rowK, 1 / Math.Sqrt(pivot), rowK);
                for (var i = k + 1; i < n; i++)
                {
                    var coupling = rowK[i - k];
                    if (coupling != 0)
                    {
                        var rowI = a.Slice((i * n) + i, n - i);
                        TensorPrimitives.MultiplyAdd(rowK.Slice(i - k), -coupling, rowI, rowI);
                    }
                }
            }

            // Uᵀy = b column by column (reading U's rows), then Ux = y by back substitution.
            var x = b.ToArray();
            for (var k = 0; k < n; k++)
            {
                x[k] /= a[(k * n) + k];
                var tail = x.AsSpan(k + 1);
                TensorPrimitives.MultiplyAdd(a.Slice((k * n) + k + 1, n - k - 1), -x[k], tail, tail);
            }

            for (var i = n - 1; i >= 0; i--)
            {
                var tail = TensorPrimitives.Dot<double>(a.Slice((i * n) + i + 1, n - i - 1), x.AsSpan(i + 1));
                x[i] = (x[i] - tail) / a[(i * n) + i];
            }

            var residual = DenseRelativeResidual(matrix, b, x, options.Ridge, bNorm);
            return new LinearSolveResult(Method, x, 0, residual, LinearSolveStatus.Converged,
                "Cholesky factorization completed; every pivot is positive.");
        }
        finally
        {
            Return(work);
        }
    }

    /// <summary>
    /// Solves (A + ridge·I)x = b by Cholesky factorization; see
    /// <see cref="DenseCholesky(ReadOnlySpan{double}, ReadOnlySpan{double}, LinearSolveOptions?)"/>.
    /// </summary>
    /// <param name="matrix">A as an n×n array, where n = b.Length. Not modified.</param>
    /// <param name="b">Right-hand side; every entry finite.</param>
    /// <param name="options">Only <see cref="LinearSolveOptions.Ridge"/> is used; <see langword="null"/> for none.</param>
    /// <returns>The solution and its report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> has NaN/infinity, or <paramref name="matrix"/> is not n×n and finite.</exception>
    public static LinearSolveResult DenseCholesky(double[,] matrix, ReadOnlySpan<double> b, LinearSolveOptions? options = null) =>
        DenseCholesky(ValidateSquare(matrix, b.Length), b, options);
}
