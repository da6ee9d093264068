using System;
using System.Buffers;
using System.Numerics.Tensors;

namespace DiffOpt.Solvers;

/// <summary>
/// Linear solvers for A·x = b (optionally (A + ridge·I)·x = b): matrix-free Krylov methods —
/// <see cref="ConjugateGradient"/>, <see cref="NormalCg"/>, <see cref="Gmres"/>, <see cref="BiCgStab"/> — and dense
/// factorizations — <see cref="DenseLu(ReadOnlySpan{double}, ReadOnlySpan{double}, LinearSolveOptions?)"/>,
/// <see cref="DenseCholesky(ReadOnlySpan{double}, ReadOnlySpan{double}, LinearSolveOptions?)"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every solver returns a <see cref="LinearSolveResult"/> whose residual is recomputed from the returned solution;
/// a failed solve is a flagged result (<see cref="LinearSolveResult.Converged"/> false, a
/// <see cref="LinearSolveStatus"/> saying why), never a silent zero. Bad arguments throw
/// <see cref="ArgumentException"/> naming the parameter: NaN or infinity in <c>b</c>, a length that does not
/// match, a null operator.
/// </para>
/// <para>
/// Work vectors are rented from <see cref="ArrayPool{T}.Shared"/> once per call, and vector kernels use
/// <see cref="TensorPrimitives"/>, so the iteration loops allocate nothing; the only allocations of a call are
/// the solution array and the result. Results are deterministic for a given machine.
/// </para>
/// </remarks>
public static partial class LinearSolve
{
    // Givens-rotation and breakdown tests compare against this fraction of the quantities' natural scale.
    private const double BreakdownThreshold = 1e-14;

    private static void ValidateRightHandSide(ReadOnlySpan<double> b)
    {
        for (var i = 0; i < b.Length; i++)
        {
            if (!double.IsFinite(b[i]))
            {
                throw new ArgumentException(FormattableString.Invariant($"b[{i}] is {b[i]}; the right-hand side must be finite."), nameof(b));
            }
        }
    }

    /// <summary>Checks b and the size-dependent options of an iterative solve.</summary>
    private static void ValidateIterative(ReadOnlySpan<double> b, LinearSolveOptions options)
    {
        ValidateRightHandSide(b);
        var n = b.Length;
        if (options.InitialGuess is { } guess)
        {
            if (guess.Length != n)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"InitialGuess has length {guess.Length} but b has length {n}."), nameof(options));
            }

            foreach (var value in guess)
            {
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException("InitialGuess contains NaN or infinity.", nameof(options));
                }
            }
        }

        if (options.JacobiDiagonal is { } diagonal && diagonal.Length != n)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"JacobiDiagonal has length {diagonal.Length} but b has length {n}."), nameof(options));
        }

        if (options.JacobiDiagonal is not null && options.Preconditioner is not null)
        {
            throw new ArgumentException("Set either JacobiDiagonal or Preconditioner, not both.", nameof(options));
        }
    }

    /// <summary>The answer for b = 0 (or n = 0): x = 0 exactly, whatever the operator.</summary>
    private static LinearSolveResult ZeroRightHandSide(string method, int n) =>
        new(method, new double[n], 0, 0, LinearSolveStatus.Converged, "b = 0, so x = 0.");

    private static double[] StartingPoint(int n, LinearSolveOptions options)
    {
        var x = new double[n];
        options.InitialGuess?.AsSpan().CopyTo(x);
        return x;
    }

    private static double[] Rent(int vectors, int n) => ArrayPool<double>.Shared.Rent(Math.Max(1, checked(vectors * n)));

    private static void Return(double[] rented) => ArrayPool<double>.Shared.Return(rented);

    /// <summary>
    /// Builds the result of an iterative solve, recomputing the residual from x (unless the caller just did) so
    /// the reported residual and the converged flag never come from a drifted recurrence.
    /// </summary>
    private static LinearSolveResult Finish(
        string method,
        double[] x,
        int iterations,
        in ShiftedOperator op,
        ReadOnlySpan<double> b,
        double bNorm,
        LinearSolveOptions options,
        Span<double> scratch,
        LinearSolveStatus status,
        string message,
        double trueResidualNorm = double.NaN)
    {
        var norm = double.IsNaN(trueResidualNorm) ? op.Residual(b, x, scratch) : trueResidualNorm;
        var relative = norm / bNorm;
        if (relative <= options.Tolerance)
        {
            status = LinearSolveStatus.Converged;
            message = FormattableString.Invariant($"Relative residual {relative:E2} ≤ tolerance {options.Tolerance:E2}.");
        }
        else if (!double.IsFinite(relative) && status is LinearSolveStatus.MaxIterations or LinearSolveStatus.Stagnation)
        {
            status = LinearSolveStatus.NonFinite;
            message = "The residual of the final iterate is not finite: the operator produced NaN or infinity.";
        }

        return new LinearSolveResult(method, x, iterations, relative, status, message);
    }

    private static string MaxIterationsMessage(int maxIterations, double tolerance) =>
        FormattableString.Invariant(
            $"Stopped at the iteration limit {maxIterations} before reaching tolerance {tolerance:E2}; raise MaxIterations, add preconditioning, or check the operator.");

    private const string NonFiniteMessage =
        "A matrix-vector product or preconditioner application produced NaN or infinity; the solution is the last finite iterate.";

    private const string StagnationMessage =
        "The recomputed residual stopped decreasing above the tolerance (rounding limits the attainable accuracy); the system is too ill-conditioned for this tolerance, or singular and inconsistent.";
}
