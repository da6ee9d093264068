using System;
using System.Numerics.Tensors;

namespace DiffOpt.Solvers;

/// <summary>
/// Applies z = M⁻¹r for the preconditioner chosen in <see cref="LinearSolveOptions"/>: none (identity), Jacobi
/// (a precomputed inverse diagonal) or the user's delegate.
/// </summary>
internal readonly struct Preconditioning
{
    private readonly Memory<double> _inverseDiagonal; // a slice of the caller's rented work array
    private readonly MatVec? _apply;

    private Preconditioning(Memory<double> inverseDiagonal, MatVec? apply)
    {
        _inverseDiagonal = inverseDiagonal;
        _apply = apply;
    }

    /// <summary>True when no preconditioner was requested, so solvers can skip the copy z = r.</summary>
    public bool IsIdentity => _inverseDiagonal.IsEmpty && _apply is null;

    /// <summary>
    /// Builds the preconditioner. For Jacobi, <paramref name="inverseDiagonalStorage"/> (length n, rented by the
    /// caller) receives 1 / (d + shift).
    /// </summary>
    /// <param name="options">The validated options.</param>
    /// <param name="n">System size.</param>
    /// <param name="shift">Added to the Jacobi diagonal (the ridge term, or 0 when the diagonal is used as given).</param>
    /// <param name="requirePositive">True for CG-type methods, which need a positive definite M.</param>
    /// <param name="inverseDiagonalStorage">Storage for the inverse diagonal.</param>
    public static Preconditioning Create(LinearSolveOptions options, int n, double shift, bool requirePositive, Memory<double> inverseDiagonalStorage)
    {
        if (options.Preconditioner is { } apply)
        {
            return new Preconditioning(Memory<double>.Empty, apply);
        }

        if (options.JacobiDiagonal is not { } diagonal)
        {
            return default;
        }

        var inverse = inverseDiagonalStorage.Span;
        for (var i = 0; i < n; i++)
        {
            var d = diagonal[i] + shift;
            if (!double.IsFinite(d) || d == 0 || (requirePositive && d < 0))
            {
                throw new ArgumentException(
                    FormattableString.Invariant(
                        $"JacobiDiagonal[{i}] (+ ridge) = {d} cannot be used: this method needs every entry {(requirePositive ? "positive" : "nonzero")} and finite."),
                    nameof(options));
            }

            inverse[i] = 1.0 / d;
        }

        return new Preconditioning(inverseDiagonalStorage, null);
    }

    /// <summary>z = M⁻¹r.</summary>
    public void Apply(ReadOnlySpan<double> r, Span<double> z)
    {
        if (_apply is not null)
        {
            _apply(r, z);
        }
        else if (!_inverseDiagonal.IsEmpty)
        {
            TensorPrimitives.Multiply(r, _inverseDiagonal.Span, z);
        }
        else
        {
            r.CopyTo(z);
        }
    }
}
