using System.Globalization;

namespace DiffOpt.GradBench.Tests.Infrastructure;

/// <summary>Formats numbers for hand-written JSON inputs (round-trippable, culture-invariant).</summary>
internal readonly record struct JsonDouble(double Value)
{
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Array(IEnumerable<double> values) => "[" + string.Join(",", values.Select(Format)) + "]";

    public static string Matrix(double[] values, int columns) =>
        "[" + string.Join(",", Enumerable.Range(0, values.Length / columns).Select(r => Array(values.Skip(r * columns).Take(columns)))) + "]";
}
