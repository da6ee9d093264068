using System;
using System.IO;
using System.Numerics.Tensors;
using System.Text.Json;

namespace DiffOpt.Benchmarks.Solvers;

/// <summary>
/// f(w) = C·Σᵢ log(1 + exp(−yᵢ·aᵢᵀw)) + ½·Σⱼ ρⱼwⱼ² over a row-major design matrix A, with ρⱼ = 1 except an
/// unpenalised intercept column. Allocation-free value and gradient, SIMD through TensorPrimitives.
/// </summary>
internal sealed class LogisticProblem
{
    private readonly double[] _a;
    private readonly double[] _y;
    private readonly double[] _penalty;
    private readonly double _c;
    private readonly double[] _margins;

    private LogisticProblem(double[] a, double[] y, int columns, double c, int unpenalisedColumn)
    {
        _a = a;
        _y = y;
        _c = c;
        Rows = y.Length;
        Columns = columns;
        _penalty = new double[columns];
        Array.Fill(_penalty, 1.0);
        if (unpenalisedColumn >= 0)
        {
            _penalty[unpenalisedColumn] = 0;
        }

        _margins = new double[Rows];
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>
    /// The synthetic problem of benchmarks/scipy/lbfgs_reference.py: aᵢⱼ = 2u − 1 (seed 1), w_true,j = 2u − 1
    /// (seed 2), yᵢ = +1 when u (seed 3) &lt; σ(aᵢᵀw_true), else −1; C = 1, every weight penalised.
    /// </summary>
    public static LogisticProblem Synthetic(int rows, int columns)
    {
        double[] a = new double[rows * columns];
        double[] wTrue = new double[columns];
        double[] y = new double[rows];
        for (int j = 0; j < columns; j++)
        {
            wTrue[j] = 2 * SplitMix64.Uniform(2, (ulong)j) - 1;
        }

        for (int i = 0; i < rows; i++)
        {
            Span<double> row = a.AsSpan(i * columns, columns);
            for (int j = 0; j < columns; j++)
            {
                row[j] = 2 * SplitMix64.Uniform(1, (ulong)(i * columns + j)) - 1;
            }

            double z = 0;
            for (int j = 0; j < columns; j++)
            {
                z += row[j] * wTrue[j];
            }

            y[i] = SplitMix64.Uniform(3, (ulong)i) < 1 / (1 + Math.Exp(-z)) ? 1 : -1;
        }

        return new LogisticProblem(a, y, columns, 1.0, -1);
    }

    /// <summary>
    /// The breast-cancer problem of tests/DiffOpt.Tests/Fixtures (standardised features plus an unpenalised
    /// intercept column, C from the fixture), read from the repository.
    /// </summary>
    public static LogisticProblem BreastCancer()
    {
        string path = FindRepositoryFile(Path.Combine("tests", "DiffOpt.Tests", "Fixtures", "logistic_breast_cancer.json"));
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        int n = root.GetProperty("n").GetInt32(), d = root.GetProperty("d").GetInt32();
        double[] x = root.GetProperty("X").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] y = root.GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] a = new double[n * (d + 1)];
        for (int i = 0; i < n; i++)
        {
            x.AsSpan(i * d, d).CopyTo(a.AsSpan(i * (d + 1), d));
            a[i * (d + 1) + d] = 1;
        }

        return new LogisticProblem(a, y, d + 1, root.GetProperty("C").GetDouble(), d);
    }

    public double ValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        int d = Columns;
        double loss = 0;
        for (int i = 0; i < Rows; i++)
        {
            _margins[i] = _y[i] * TensorPrimitives.Dot(_a.AsSpan(i * d, d), w);
        }

        gradient.Clear();
        for (int i = 0; i < Rows; i++)
        {
            double m = _margins[i];
            loss += m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m));
            double coefficient = -_c * _y[i] / (1 + Math.Exp(m));
            TensorPrimitives.MultiplyAdd(_a.AsSpan(i * d, d), coefficient, gradient, gradient);
        }

        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            penalty += _penalty[j] * w[j] * w[j];
            gradient[j] += _penalty[j] * w[j];
        }

        return _c * loss + 0.5 * penalty;
    }

    /// <summary>Sum of all features and labels, compared with the Python script's printout.</summary>
    public (double Features, double Labels) Checksum() => (TensorPrimitives.Sum<double>(_a), TensorPrimitives.Sum<double>(_y));

    private static string FindRepositoryFile(string relative)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Could not find {relative} above {AppContext.BaseDirectory}.");
    }
}
