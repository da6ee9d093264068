using System.Globalization;
using System.Text;
using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.Ht;

/// <summary>
/// The <c>ht</c> module: <c>objective</c> (the <c>3·points</c> errors) and <c>jacobian</c> (a
/// <c>3·points × (26 or 28)</c> matrix, from generated JVPs) on <c>{theta, data: {model, correspondences, points}, us}</c>;
/// an empty <c>us</c> selects the simple variant.
/// </summary>
internal sealed class HtModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "ht";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } =
    [
        new("objective", SmallInput(complicated: false)),
        new("jacobian", SmallInput(complicated: false)),
        new("objective", SmallInput(complicated: true)),
        new("jacobian", SmallInput(complicated: true)),
    ];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        if (function is not ("objective" or "jacobian"))
        {
            throw GradBenchInputException.UnknownFunction(Name, function, "objective", "jacobian");
        }

        HtProblem problem = Read(input);
        HtWorkspace workspace = problem.CreateWorkspace();
        if (function == "objective")
        {
            double[] error = new double[problem.ErrorCount];
            return PreparedFunction.Create(() => problem.Objective(workspace, error), w => JsonOutput.WriteArray(w, error));
        }

        double[] jacobian = new double[problem.ErrorCount * problem.JacobianColumnCount];
        return PreparedFunction.Create(
            () => problem.Jacobian(workspace, jacobian),
            w => WriteColumnMajor(w, jacobian, problem.ErrorCount, problem.JacobianColumnCount));
    }

    /// <summary>Reads the eval's input into the layouts of <see cref="HtModel"/>.</summary>
    /// <param name="input">The evaluate message's input.</param>
    /// <returns>The problem.</returns>
    internal static HtProblem Read(JsonElement input)
    {
        double[] theta = JsonInput.GetDoubleArray(input, "theta");
        double[] us = JsonInput.GetMatrix(input, "us", out _, out int usColumns);
        if (us.Length != 0 && usColumns != 2)
        {
            throw new GradBenchInputException($"field 'us' must hold 2 coordinates per point, holds {usColumns}");
        }

        JsonElement data = GetObject(input, "data");
        JsonElement model = GetObject(data, "model");
        int[] correspondences = ToIndices(JsonInput.GetDoubleArray(data, "correspondences"), "correspondences");
        double[,] points = ToMatrix(JsonInput.GetMatrix(data, "points", out int pointRows, out int pointColumns), pointRows, pointColumns);
        int[] parents = ToIndices(JsonInput.GetDoubleArray(model, "parents"), "parents");
        double[] baseRelatives = ReadMatrices(model, "base_relatives");
        double[] inverseBaseAbsolutes = ReadMatrices(model, "inverse_base_absolutes");
        double[,] basePositions = ToMatrix(JsonInput.GetMatrix(model, "base_positions", out int vertices, out int coordinates), vertices, coordinates);
        double[,] weights = ToMatrix(JsonInput.GetMatrix(model, "weights", out int weightRows, out int weightColumns), weightRows, weightColumns);
        int[] triangles = ToIndices(JsonInput.GetMatrix(model, "triangles", out int triangleCount, out int triangleColumns), "triangles");
        if (triangleCount != 0 && triangleColumns != 3)
        {
            throw new GradBenchInputException($"field 'triangles' must hold 3 vertices per triangle, holds {triangleColumns}");
        }
        bool isMirrored = GetBool(model, "is_mirrored");
        try
        {
            return new HtProblem(theta, us, parents, baseRelatives, inverseBaseAbsolutes, basePositions, weights, triangles, isMirrored, correspondences, points);
        }
        catch (ArgumentException e)
        {
            throw new GradBenchInputException($"ht input: {e.Message}");
        }
    }

    /// <summary>Writes a column-major matrix as the eval's <c>double[][]</c>, one inner array per row.</summary>
    private static void WriteColumnMajor(Utf8JsonWriter writer, double[] values, int rows, int columns)
    {
        writer.WriteStartArray();
        for (int r = 0; r < rows; r++)
        {
            writer.WriteStartArray();
            for (int c = 0; c < columns; c++)
            {
                JsonOutput.WriteNumber(writer, values[(c * rows) + r]);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads an array of 4 × 4 matrices (<c>double[][][]</c>) into one row-major array, 16 values per matrix.</summary>
    private static double[] ReadMatrices(JsonElement model, string name)
    {
        JsonElement field = GetField(model, name);
        if (field.ValueKind != JsonValueKind.Array)
        {
            throw new GradBenchInputException($"field '{name}' must be an array of 4 × 4 matrices");
        }

        double[] result = new double[16 * field.GetArrayLength()];
        int index = 0;
        foreach (JsonElement matrix in field.EnumerateArray())
        {
            if (matrix.ValueKind != JsonValueKind.Array || matrix.GetArrayLength() != 4)
            {
                throw new GradBenchInputException($"field '{name}': matrix {index / 16} must have 4 rows");
            }

            foreach (JsonElement row in matrix.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != 4)
                {
                    throw new GradBenchInputException($"field '{name}': matrix {index / 16} must have 4 columns");
                }

                foreach (JsonElement item in row.EnumerateArray())
                {
                    result[index++] = JsonInput.AsDouble(item, name);
                }
            }
        }

        return result;
    }

    /// <summary>Index data arrive as JSON numbers: each must be a whole number in <c>int</c> range.</summary>
    private static int[] ToIndices(double[] values, string name)
    {
        int[] result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double value = values[i];
            if (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue)
            {
                throw new GradBenchInputException($"field '{name}': element {i} must be an integer, is {value.ToString("R", CultureInfo.InvariantCulture)}");
            }

            result[i] = (int)value;
        }

        return result;
    }

    private static double[,] ToMatrix(double[] rowMajor, int rows, int columns)
    {
        double[,] result = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[r, c] = rowMajor[(r * columns) + c];
            }
        }

        return result;
    }

    private static JsonElement GetField(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out JsonElement field))
        {
            throw new GradBenchInputException($"input has no field '{name}'");
        }

        return field;
    }

    private static JsonElement GetObject(JsonElement parent, string name)
    {
        JsonElement field = GetField(parent, name);
        return field.ValueKind == JsonValueKind.Object ? field : throw new GradBenchInputException($"field '{name}' must be an object");
    }

    private static bool GetBool(JsonElement parent, string name) => GetField(parent, name).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new GradBenchInputException($"field '{name}' must be true or false"),
    };

    /// <summary>
    /// A small input in the eval's format: 22 bones in one chain (every bone's parent the one before), a few
    /// vertices, weights and triangles, enough to run every code path (both variants, every finger column).
    /// </summary>
    private static string SmallInput(bool complicated)
    {
        const int bones = 22;
        const int vertices = 4;
        var text = new StringBuilder();
        text.Append("{\"theta\": [");
        for (int k = 0; k < HtModel.ThetaCount; k++)
        {
            text.Append(k == 0 ? string.Empty : ", ").Append(Number(0.05 * (k + 1)));
        }

        text.Append("], \"us\": ").Append(complicated ? "[[0.2, 0.3], [0.5, 0.1]]" : "[]");
        text.Append(", \"data\": {\"correspondences\": ").Append(complicated ? "[0, 1]" : "[1, 3]");
        text.Append(", \"points\": [[0.1, 0.2, 0.3], [0.3, -0.1, 0.2]], \"model\": {\"bone_count\": ").Append(bones);
        text.Append(", \"bone_names\": [");
        for (int b = 0; b < bones; b++)
        {
            text.Append(b == 0 ? string.Empty : ", ").Append("\"b").Append(b).Append('"');
        }

        text.Append("], \"parents\": [");
        for (int b = 0; b < bones; b++)
        {
            text.Append(b == 0 ? string.Empty : ", ").Append(b == 0 ? -1 : b - 1);
        }

        text.Append(']');
        foreach (string name in new[] { "base_relatives", "inverse_base_absolutes" })
        {
            text.Append(", \"").Append(name).Append("\": [");
            for (int b = 0; b < bones; b++)
            {
                text.Append(b == 0 ? "[" : ", [");
                for (int r = 0; r < 4; r++)
                {
                    text.Append(r == 0 ? "[" : ", [");
                    for (int c = 0; c < 4; c++)
                    {
                        double value = (r == c ? 1 : 0) + (c == 3 && r < 3 ? 0.1 * (r + 1) : 0);
                        text.Append(c == 0 ? string.Empty : ", ").Append(Number(value));
                    }

                    text.Append(']');
                }

                text.Append(']');
            }

            text.Append(']');
        }

        text.Append(", \"base_positions\": [");
        for (int v = 0; v < vertices; v++)
        {
            text.Append(v == 0 ? "[" : ", [").Append(Number(0.1 * v)).Append(", ").Append(Number(1 - (0.2 * v))).Append(", ").Append(Number(0.3)).Append(", 1]");
        }

        text.Append("], \"weights\": [");
        for (int v = 0; v < vertices; v++)
        {
            text.Append(v == 0 ? "[" : ", [");
            for (int b = 0; b < bones; b++)
            {
                text.Append(b == 0 ? string.Empty : ", ").Append(Number(b % vertices == v ? 0.25 : 0));
            }

            text.Append(']');
        }

        text.Append("], \"triangles\": [[0, 1, 2], [1, 2, 3]], \"is_mirrored\": false}}}");
        return text.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
