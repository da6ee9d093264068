using System.Text.Json;
using DiffOpt.GradBench.Modules;

namespace DiffOpt.GradBench.Json;

/// <summary>
/// Reads the fields of an eval's input. Every failure is a <see cref="GradBenchInputException"/> naming the
/// field, so a malformed input becomes <c>success: false</c> with a message rather than a crash.
/// </summary>
internal static class JsonInput
{
    /// <summary>Reads a required number field.</summary>
    public static double GetDouble(JsonElement input, string name) => AsDouble(GetField(input, name), name);

    /// <summary>Reads a required integer field.</summary>
    public static int GetInt(JsonElement input, string name)
    {
        JsonElement field = GetField(input, name);
        if (field.ValueKind != JsonValueKind.Number || !field.TryGetInt32(out int value))
        {
            throw new GradBenchInputException($"field '{name}' must be an integer, got {Describe(field)}");
        }

        return value;
    }

    /// <summary>Reads a required array of numbers.</summary>
    public static double[] GetDoubleArray(JsonElement input, string name) => AsDoubleArray(GetField(input, name), name);

    /// <summary>
    /// Reads a required array of equally long arrays of numbers (the evals' <c>double[][]</c>) into one row-major
    /// array; <paramref name="columns"/> is the inner length (0 when there are no rows).
    /// </summary>
    public static double[] GetMatrix(JsonElement input, string name, out int rows, out int columns)
    {
        JsonElement field = GetField(input, name);
        if (field.ValueKind != JsonValueKind.Array)
        {
            throw new GradBenchInputException($"field '{name}' must be an array of arrays, got {Describe(field)}");
        }

        rows = field.GetArrayLength();
        columns = rows == 0 ? 0 : RowLength(field[0], name, 0);
        double[] result = new double[rows * columns];
        int r = 0;
        foreach (JsonElement row in field.EnumerateArray())
        {
            if (RowLength(row, name, r) != columns)
            {
                throw new GradBenchInputException($"field '{name}': row {r} has {row.GetArrayLength()} elements, row 0 has {columns}");
            }

            int c = 0;
            foreach (JsonElement item in row.EnumerateArray())
            {
                result[(r * columns) + c] = AsDouble(item, name);
                c++;
            }

            r++;
        }

        return result;
    }

    /// <summary>Reads the optional <c>min_runs</c> and <c>min_seconds</c> fields (defaults 1 and 0, as the C++ tools).</summary>
    public static RunPolicy GetRunPolicy(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            return RunPolicy.Once;
        }

        int minRuns = input.TryGetProperty("min_runs", out _) ? GetInt(input, "min_runs") : 1;
        double minSeconds = input.TryGetProperty("min_seconds", out _) ? GetDouble(input, "min_seconds") : 0;
        if (minRuns < 1)
        {
            throw new GradBenchInputException($"field 'min_runs' must be at least 1, got {minRuns}");
        }

        if (!(minSeconds >= 0) || double.IsInfinity(minSeconds))
        {
            throw new GradBenchInputException($"field 'min_seconds' must be a finite number ≥ 0, got {minSeconds}");
        }

        return new RunPolicy(minRuns, minSeconds);
    }

    /// <summary>Reads a number that is the whole input (the hello eval).</summary>
    public static double AsDouble(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double value))
        {
            throw new GradBenchInputException($"'{what}' must be a number, got {Describe(element)}");
        }

        return value;
    }

    private static double[] AsDoubleArray(JsonElement field, string name)
    {
        if (field.ValueKind != JsonValueKind.Array)
        {
            throw new GradBenchInputException($"field '{name}' must be an array of numbers, got {Describe(field)}");
        }

        double[] result = new double[field.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in field.EnumerateArray())
        {
            result[i++] = AsDouble(item, name);
        }

        return result;
    }

    private static JsonElement GetField(JsonElement input, string name)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw new GradBenchInputException($"input must be an object with field '{name}', got {Describe(input)}");
        }

        if (!input.TryGetProperty(name, out JsonElement field))
        {
            throw new GradBenchInputException($"input has no field '{name}'");
        }

        return field;
    }

    private static int RowLength(JsonElement row, string name, int index)
    {
        if (row.ValueKind != JsonValueKind.Array)
        {
            throw new GradBenchInputException($"field '{name}': row {index} must be an array of numbers, got {Describe(row)}");
        }

        return row.GetArrayLength();
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
