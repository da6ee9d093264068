using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.Ba;

/// <summary>
/// The <c>ba</c> module: <c>objective</c> (reprojection and weight errors) and <c>jacobian</c> (their sparse
/// Jacobian, from generated VJPs), on GradBench's replicated bundle-adjustment input
/// <c>{n, m, p, cam, x, w, feat}</c>.
/// </summary>
internal sealed class BaModule : IGradBenchModule
{
    private const string SmallInput =
        """{"n": 3, "m": 5, "p": 20, "cam": [0.1, -0.2, 0.05, 0.3, 0.2, -4.0, 400.0, 5.0, -3.0, 1e-3, -1e-5], "x": [0.4, -0.3, 1.2], "w": 0.9, "feat": [10.0, -20.0]}""";

    /// <inheritdoc/>
    public string Name => "ba";

    /// <inheritdoc/>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } = [new("objective", SmallInput), new("jacobian", SmallInput)];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        if (function is not ("objective" or "jacobian"))
        {
            throw GradBenchInputException.UnknownFunction(Name, function, "objective", "jacobian");
        }

        BaProblem problem = Read(input);
        if (function == "objective")
        {
            double[] reprojectionError = new double[2 * problem.ObservationCount];
            double[] weightError = new double[problem.ObservationCount];
            return PreparedFunction.Create(
                () => problem.Objective(reprojectionError, weightError),
                w => WriteObjective(w, reprojectionError, weightError));
        }

        var jacobian = new BaSparseJacobian(problem.CameraCount, problem.PointCount, problem.ObservationCount);
        return PreparedFunction.Create(() => problem.Jacobian(jacobian), jacobian.WriteTransmitted);
    }

    private static BaProblem Read(JsonElement input)
    {
        int n = JsonInput.GetInt(input, "n");
        int m = JsonInput.GetInt(input, "m");
        int p = JsonInput.GetInt(input, "p");
        double[] camera = JsonInput.GetDoubleArray(input, "cam");
        double[] point = JsonInput.GetDoubleArray(input, "x");
        double weight = JsonInput.GetDouble(input, "w");
        double[] feature = JsonInput.GetDoubleArray(input, "feat");
        try
        {
            return new BaProblem(n, m, p, camera, point, weight, feature);
        }
        catch (ArgumentException e)
        {
            throw new GradBenchInputException($"ba input: {e.Message}");
        }
    }

    /// <summary>
    /// The reference's objective output: the replication undone, i.e. the first observation's two errors and the
    /// first weight error, each with how many times it is repeated.
    /// </summary>
    private static void WriteObjective(Utf8JsonWriter writer, double[] reprojectionError, double[] weightError)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("reproj_error");
        writer.WritePropertyName("elements");
        JsonOutput.WriteArray(writer, reprojectionError.AsSpan(0, 2));
        writer.WriteNumber("repeated", reprojectionError.Length / 2);
        writer.WriteEndObject();
        writer.WriteStartObject("w_err");
        writer.WritePropertyName("element");
        JsonOutput.WriteNumber(writer, weightError[0]);
        writer.WriteNumber("repeated", weightError.Length);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
