namespace DiffOpt.Tests.LinearAlgebra;

/// <summary>
/// Independent reference for the tests: Gaussian elimination with complete (row and column) pivoting, written
/// directly from Golub and Van Loan, Matrix Computations, §3.4.8, with plain loops and none of the library's code.
/// </summary>
internal static class ReferenceSolver
{
    public static double[] Solve(double[,] matrix, double[] b)
    {
        var n = b.Length;
        var a = (double[,])matrix.Clone();
        var rhs = (double[])b.Clone();
        var columnOrder = new int[n];
        for (var i = 0; i < n; i++)
        {
            columnOrder[i] = i;
        }

        for (var k = 0; k < n; k++)
        {
            // Largest remaining entry anywhere in the trailing block.
            int pr = k, pc = k;
            var best = -1.0;
            for (var i = k; i < n; i++)
            {
                for (var j = k; j < n; j++)
                {
                    if (Math.Abs(a[i, j]) > best)
                    {
                        best = Math.Abs(a[i, j]);
                        pr = i;
                        pc = j;
                    }
                }
            }

            if (best == 0)
            {
                throw new InvalidOperationException("Reference solver: singular matrix.");
            }

            for (var j = 0; j < n; j++)
            {
                (a[k, j], a[pr, j]) = (a[pr, j], a[k, j]);
            }

            (rhs[k], rhs[pr]) = (rhs[pr], rhs[k]);
            for (var i = 0; i < n; i++)
            {
                (a[i, k], a[i, pc]) = (a[i, pc], a[i, k]);
            }

            (columnOrder[k], columnOrder[pc]) = (columnOrder[pc], columnOrder[k]);
            for (var i = k + 1; i < n; i++)
            {
                var factor = a[i, k] / a[k, k];
                for (var j = k; j < n; j++)
                {
                    a[i, j] -= factor * a[k, j];
                }

                rhs[i] -= factor * rhs[k];
            }
        }

        var permuted = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = rhs[i];
            for (var j = i + 1; j < n; j++)
            {
                sum -= a[i, j] * permuted[j];
            }

            permuted[i] = sum / a[i, i];
        }

        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[columnOrder[i]] = permuted[i];
        }

        return x;
    }
}
