using System;
using System.IO;
using System.Text.Json;

namespace DiffOpt.Tests.Solvers.Problems;

/// <summary>Reads a reference file written by Fixtures/make_fixtures.py (copied to the test output folder).</summary>
internal sealed class Fixture
{
    private readonly JsonElement _root;

    private Fixture(JsonElement root) => _root = root;

    public static Fixture Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return new Fixture(document.RootElement.Clone());
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
}
