using System;

namespace DiffOpt.Tests.Solvers.Problems;

/// <summary>A row-major dense matrix with the two products the test problems need.</summary>
internal sealed class DenseMatrix
{
    public DenseMatrix(int rows, int columns, double[] data)
    {
        if (data.Length != rows * columns)
        {
            throw new ArgumentException("Size mismatch.", nameof(data));
        }

        Rows = rows;
        Columns = columns;
        Data = data;
    }

    public int Rows { get; }

    public int Columns { get; }

    public double[] Data { get; }

    public ReadOnlySpan<double> Row(int i) => Data.AsSpan(i * Columns, Columns);

    /// <summary>result = A·v.</summary>
    public void Multiply(ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < Rows; i++)
        {
            double sum = 0;
            ReadOnlySpan<double> row = Row(i);
            for (int j = 0; j < Columns; j++)
            {
                sum += row[j] * v[j];
            }

            result[i] = sum;
        }
    }

    /// <summary>result = Aᵀ·u.</summary>
    public void MultiplyTransposed(ReadOnlySpan<double> u, Span<double> result)
    {
        result.Clear();
        for (int i = 0; i < Rows; i++)
        {
            ReadOnlySpan<double> row = Row(i);
            double ui = u[i];
            for (int j = 0; j < Columns; j++)
            {
                result[j] += row[j] * ui;
            }
        }
    }
}
