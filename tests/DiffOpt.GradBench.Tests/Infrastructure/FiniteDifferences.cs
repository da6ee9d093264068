namespace DiffOpt.GradBench.Tests.Infrastructure;

/// <summary>Central finite differences: an independent reference for the generated gradients.</summary>
internal static class FiniteDifferences
{
    /// <summary>The gradient of <paramref name="f"/> at <paramref name="x"/> by central differences with a step scaled to each element.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x, double relativeStep = 1e-6)
    {
        double[] g = new double[x.Length];
        double[] probe = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            double h = relativeStep * Math.Max(1.0, Math.Abs(x[i]));
            probe[i] = x[i] + h;
            double plus = f(probe);
            probe[i] = x[i] - h;
            double minus = f(probe);
            probe[i] = x[i];
            g[i] = (plus - minus) / (2 * h);
        }

        return g;
    }

    /// <summary>Asserts that every element of <paramref name="actual"/> is within <paramref name="tolerance"/> (relative to max(1, |expected|)).</summary>
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance * scale,
                $"element {i}: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance} × {scale})");
        }
    }
}
