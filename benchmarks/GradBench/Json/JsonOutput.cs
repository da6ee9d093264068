using System.Text.Json;

namespace DiffOpt.GradBench.Json;

/// <summary>
/// Writes outputs in the shapes the evals expect. Non-finite values are an error (JSON has no NaN), never
/// written silently: the response becomes <c>success: false</c> naming the value.
/// </summary>
internal static class JsonOutput
{
    /// <summary>Writes one number.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        writer.WriteNumberValue(Finite(value, "output"));
    }

    /// <summary>Writes a <c>double[]</c>.</summary>
    public static void WriteArray(Utf8JsonWriter writer, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray();
        for (int i = 0; i < values.Length; i++)
        {
            writer.WriteNumberValue(Finite(values[i], "output element"));
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a row-major matrix as a <c>double[][]</c> of <paramref name="rows"/> rows.</summary>
    public static void WriteMatrix(Utf8JsonWriter writer, ReadOnlySpan<double> values, int rows)
    {
        int columns = rows == 0 ? 0 : values.Length / rows;
        writer.WriteStartArray();
        for (int r = 0; r < rows; r++)
        {
            WriteArray(writer, values.Slice(r * columns, columns));
        }

        writer.WriteEndArray();
    }

    private static double Finite(double value, string what) =>
        double.IsFinite(value) ? value : throw new InvalidOperationException($"the {what} is {value}, which JSON cannot carry");
}
