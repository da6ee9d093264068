using System.Globalization;

namespace DiffOpt.Benchmarks.Ad;

/// <summary>Global-setup checks: a benchmark must not time a wrong derivative.</summary>
internal static class GradientCheck
{
    /// <summary>Throws unless |expected − actual| ≤ tolerance·(1 + |expected|) element-wise.</summary>
    public static void AssertClose(string what, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance)
    {
        if (expected.Length != actual.Length)
        {
            throw new InvalidOperationException($"{what}: lengths {expected.Length} and {actual.Length} differ");
        }
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(expected[i] - actual[i]);
            if (!(err <= tolerance * (1 + Math.Abs(expected[i]))))
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{what}: element {i}: expected {expected[i]:R}, got {actual[i]:R}"));
            }
        }
    }

    /// <summary>Throws unless two scalars agree to the tolerance.</summary>
    public static void AssertClose(string what, double expected, double actual, double tolerance)
        => AssertClose(what, new[] { expected }, new[] { actual }, tolerance);

    /// <summary>Prints the objective value once per setup (compare with benchmarks/pytorch/ad_workloads.py).</summary>
    public static void Report(string workload, double value)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[ad] {workload}: value {value:R}"));

    /// <summary>Central finite differences of f at x, one coordinate at a time (2·n evaluations of f).</summary>
    public static double CentralDifferences(Func<double[], double> f, double[] x, Span<double> gradient, double step = 1e-6)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i];
            double h = step * Math.Max(1, Math.Abs(xi));
            x[i] = xi + h;
            double fp = f(x);
            x[i] = xi - h;
            double fm = f(x);
            x[i] = xi;
            gradient[i] = (fp - fm) / (2 * h);
        }
        return f(x);
    }
}
