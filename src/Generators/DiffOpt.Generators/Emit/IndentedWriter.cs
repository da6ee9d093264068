using System.Text;

namespace DiffOpt.Generators.Emit;

/// <summary>Writes indented C# text with '\n' line endings, so output is identical on every machine.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder builder = new();
    private int indent;

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            builder.Append(' ', indent * 4);
            builder.Append(text);
        }

        builder.Append('\n');
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        indent++;
    }

    public void Close(string suffix = "")
    {
        indent--;
        Line("}" + suffix);
    }

    public override string ToString() => builder.ToString();
}
