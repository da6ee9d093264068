using System.Globalization;

namespace DiffOpt.Benchmarks.StraightLine;

/// <summary>
/// Checks run in the benchmarks' global setup: a benchmark of a wrong gradient measures nothing, so a
/// disagreement stops the run.
/// </summary>
internal static class GradientAgreement
{
    /// <summary>Throws unless |actual − expected| ≤ tolerance·max(1, |expected|) for every component.</summary>
    public static void Require(string what, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= tolerance * Math.Max(1, Math.Abs(expected[i]))))
            {
                throw new InvalidOperationException(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}: component {1} is {2:R}, expected {3:R} (tolerance {4:R}).",
                    what,
                    i,
                    actual[i],
                    expected[i],
                    tolerance));
            }
        }
    }
}
