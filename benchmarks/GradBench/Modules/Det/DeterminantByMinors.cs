namespace DiffOpt.GradBench.Modules.Det;

/// <summary>
/// GradBench's det eval (after cmpad's <c>det_by_minor</c>): the determinant of an ℓ × ℓ row-major matrix by
/// Laplace expansion along the first row of every minor, recursively.
/// </summary>
internal static partial class DeterminantByMinors
{
    /// <summary>det A for a row-major ℓ × ℓ matrix <paramref name="a"/>.</summary>
    [Differentiable]
    public static double Determinant(ReadOnlySpan<double> a, int ell) => ell == 1 ? a[0] : Minor(a, ell, 0, 0);

    /// <summary>Returns det A and writes ∂ det A / ∂A (the cofactor matrix, row-major) to <paramref name="da"/>.</summary>
    [Gradient(nameof(Determinant))]
    public static partial double DeterminantGradient(ReadOnlySpan<double> a, int ell, Span<double> da);

    /// <summary>
    /// The determinant of the minor of A made of rows <paramref name="row"/> … ℓ − 1 and of the columns not in
    /// <paramref name="removedColumns"/>, a set of column indices held as the bits of an integer (bit c set:
    /// column c removed). Expands along the minor's first row; the signs alternate over the remaining columns.
    /// </summary>
    /// <remarks>
    /// The bits are read by halving a copy of the set (<c>rest % 2</c>, <c>rest /= 2</c>) and set by addition
    /// (<c>removed + 2ᶜ</c>) because DiffOpt's front end does not accept the bitwise operators (<c>&amp;</c>,
    /// <c>|</c>, <c>&lt;&lt;</c>) yet. ℓ ≤ 30. The recursion stops at 2 × 2 minors (ad − bc).
    /// </remarks>
    [Differentiable]
    public static double Minor(ReadOnlySpan<double> a, int ell, int row, int removedColumns)
    {
        if (row == ell - 2)
        {
            // A 2 × 2 minor: ad − bc over the two columns left.
            int first = -1;
            int second = -1;
            int remaining = removedColumns;
            for (int column = 0; column < ell; column++)
            {
                if (remaining % 2 == 0)
                {
                    if (first < 0)
                    {
                        first = column;
                    }
                    else
                    {
                        second = column;
                    }
                }

                remaining /= 2;
            }

            return (a[(row * ell) + first] * a[((row + 1) * ell) + second]) - (a[(row * ell) + second] * a[((row + 1) * ell) + first]);
        }

        double det = 0;
        double sign = 1;
        int bit = 1;
        int rest = removedColumns;
        for (int column = 0; column < ell; column++)
        {
            if (rest % 2 == 0)
            {
                det += sign * a[(row * ell) + column] * Minor(a, ell, row + 1, removedColumns + bit);
                sign = -sign;
            }

            rest /= 2;
            bit *= 2;
        }

        return det;
    }
}
