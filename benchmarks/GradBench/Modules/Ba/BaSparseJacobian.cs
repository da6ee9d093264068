using System.Text.Json;
using DiffOpt.GradBench.Json;

namespace DiffOpt.GradBench.Modules.Ba;

/// <summary>
/// The bundle-adjustment Jacobian in compressed sparse row form, laid out as GradBench's reference: rows are the
/// <c>2·p</c> reprojection-error components then the <c>p</c> weight errors; columns are the <c>11·n</c> camera
/// parameters, the <c>3·m</c> point coordinates, then the <c>p</c> weights. A reprojection row holds 15 entries
/// (its camera's 11, its point's 3, its weight), a weight row one.
/// </summary>
internal sealed class BaSparseJacobian
{
    /// <summary>How many leading entries of each list the eval receives (plus the last one): one observation's two rows.</summary>
    public const int TransmittedPrefix = 2 * (BaModel.CameraParameterCount + 3 + 1);

    private const int ReprojectionRowLength = BaModel.CameraParameterCount + 3 + 1;

    private readonly int cameraCount;
    private readonly int pointCount;
    private int rowCount;
    private int entryCount;

    /// <summary>Allocates the Jacobian of a problem with the given sizes.</summary>
    /// <param name="cameraCount">The number of cameras.</param>
    /// <param name="pointCount">The number of points.</param>
    /// <param name="observationCount">The number of observations.</param>
    public BaSparseJacobian(int cameraCount, int pointCount, int observationCount)
    {
        this.cameraCount = cameraCount;
        this.pointCount = pointCount;
        int entries = (2 * ReprojectionRowLength * observationCount) + observationCount;
        RowStarts = new int[(3 * observationCount) + 1];
        Columns = new int[entries];
        Values = new double[entries];
    }

    /// <summary>Where each row's entries start in <see cref="Columns"/> and <see cref="Values"/>; the last element is the entry count.</summary>
    public int[] RowStarts { get; }

    /// <summary>The column of each entry.</summary>
    public int[] Columns { get; }

    /// <summary>The value of each entry.</summary>
    public double[] Values { get; }

    /// <summary>Forgets every row.</summary>
    public void Clear()
    {
        rowCount = 0;
        entryCount = 0;
        RowStarts[0] = 0;
    }

    /// <summary>Appends one row of an observation's reprojection error.</summary>
    /// <param name="observation">The observation (its weight's column).</param>
    /// <param name="camera">The observation's camera.</param>
    /// <param name="point">The observation's point.</param>
    /// <param name="dCamera">The row's 11 camera entries.</param>
    /// <param name="dPoint">The row's 3 point entries.</param>
    /// <param name="dWeight">The row's weight entry.</param>
    public void AddReprojectionRow(int observation, int camera, int point, ReadOnlySpan<double> dCamera, ReadOnlySpan<double> dPoint, double dWeight)
    {
        for (int k = 0; k < BaModel.CameraParameterCount; k++)
        {
            Add((BaModel.CameraParameterCount * camera) + k, dCamera[k]);
        }

        int pointColumns = BaModel.CameraParameterCount * cameraCount;
        for (int k = 0; k < 3; k++)
        {
            Add(pointColumns + (3 * point) + k, dPoint[k]);
        }

        Add(pointColumns + (3 * pointCount) + observation, dWeight);
        EndRow();
    }

    /// <summary>Appends the row of an observation's weight error.</summary>
    /// <param name="observation">The observation.</param>
    /// <param name="dWeight">The derivative of its weight error in its weight.</param>
    public void AddWeightRow(int observation, double dWeight)
    {
        Add((BaModel.CameraParameterCount * cameraCount) + (3 * pointCount) + observation, dWeight);
        EndRow();
    }

    /// <summary>
    /// Writes what the eval compares: <c>{"rows", "cols", "vals"}</c>, each the first <see cref="TransmittedPrefix"/>
    /// elements of the list followed by its last element (GradBench's reference undoes the replication this way).
    /// </summary>
    /// <param name="writer">The output writer.</param>
    public void WriteTransmitted(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteInts(writer, "rows", RowStarts.AsSpan(0, rowCount + 1));
        WriteInts(writer, "cols", Columns.AsSpan(0, entryCount));
        ReadOnlySpan<double> values = Values.AsSpan(0, entryCount);
        writer.WriteStartArray("vals");
        int prefix = Math.Min(TransmittedPrefix, values.Length);
        for (int i = 0; i < prefix; i++)
        {
            JsonOutput.WriteNumber(writer, values[i]);
        }

        JsonOutput.WriteNumber(writer, values[^1]);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteInts(Utf8JsonWriter writer, string name, ReadOnlySpan<int> list)
    {
        writer.WriteStartArray(name);
        int prefix = Math.Min(TransmittedPrefix, list.Length);
        for (int i = 0; i < prefix; i++)
        {
            writer.WriteNumberValue(list[i]);
        }

        writer.WriteNumberValue(list[^1]);
        writer.WriteEndArray();
    }

    private void Add(int column, double value)
    {
        Columns[entryCount] = column;
        Values[entryCount] = value;
        entryCount++;
    }

    private void EndRow()
    {
        rowCount++;
        RowStarts[rowCount] = entryCount;
    }
}
