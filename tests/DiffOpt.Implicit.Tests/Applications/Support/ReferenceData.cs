using System.Text.Json;

namespace DiffOpt.ImplicitTests.Applications.Support;

/// <summary>
/// Reads a reference file written by Fixtures/make_fixtures.py (scikit-learn/SciPy solutions and closed-form
/// derivatives), copied to the test output folder. Objects nested in a file (one per hyperparameter value) are
/// <see cref="ReferenceData"/> too.
/// </summary>
internal sealed class ReferenceData
{
    private readonly JsonElement _root;

    private ReferenceData(JsonElement root) => _root = root;

    public static ReferenceData Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return new ReferenceData(document.RootElement.Clone());
    }

    public double Number(string name) => _root.GetProperty(name).GetDouble();

    public int Integer(string name) => _root.GetProperty(name).GetInt32();

    public double[] Vector(string name)
    {
        JsonElement array = _root.GetProperty(name);
        var result = new double[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            result[i++] = item.GetDouble();
        }

        return result;
    }

    public IReadOnlyList<ReferenceData> Cases(string name) =>
        _root.GetProperty(name).EnumerateArray().Select(e => new ReferenceData(e.Clone())).ToArray();
}
