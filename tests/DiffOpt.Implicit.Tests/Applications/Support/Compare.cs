using System.Globalization;

namespace DiffOpt.ImplicitTests.Applications.Support;

/// <summary>Assertions on vectors with a tolerance relative to the reference's scale, with messages that say where.</summary>
internal static class Compare
{
    /// <summary>max |actual − expected| ≤ tolerance · max(1, max |expected|).</summary>
    public static void Vectors(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 1;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(double.IsFinite(actual[i]), Message(what, i, expected[i], actual[i]));
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance * scale, Message(what, i, expected[i], actual[i]));
        }
    }

    /// <summary>|actual − expected| ≤ tolerance · max(floor, |expected|).</summary>
    public static void Scalars(double expected, double actual, double tolerance, string what, double floor = 1e-12)
    {
        Assert.True(double.IsFinite(actual), Message(what, -1, expected, actual));
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(floor, Math.Abs(expected)), Message(what, -1, expected, actual));
    }

    private static string Message(string what, int index, double expected, double actual) => string.Create(
        CultureInfo.InvariantCulture,
        $"{what}{(index >= 0 ? $"[{index}]" : "")}: expected {expected:R}, got {actual:R} (difference {actual - expected:E3})");
}
