using System.Globalization;
using System.Text;
using DiffOpt.GradBench.Modules;
using DiffOpt.GradBench.Protocol;

namespace DiffOpt.GradBench;

/// <summary>Entry point: serves the GradBench protocol on stdin/stdout until stdin ends.</summary>
internal static class Program
{
    private const string Usage = """
        usage: DiffOpt.GradBench [--warmup-seconds S] [--warmup-runs N]
          Speaks the GradBench protocol (one JSON message per line) on stdin/stdout; diagnostics go to stderr.
          --warmup-seconds S  seconds each built-in warm-up input runs at `define` (default 0.25; 0 = no warm-up)
          --warmup-runs N     runs each warm-up input gets at least (default 200)
        """;

    /// <summary>Runs the server; exit code 0 at the end of input, 2 for bad arguments.</summary>
    public static int Main(string[] args)
    {
        ServerOptions options = ServerOptions.Default;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : string.Empty;
            switch (args[i])
            {
                case "--warmup-seconds" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s >= 0:
                    options = options with { WarmUpSecondsPerInput = s };
                    i++;
                    break;
                case "--warmup-runs" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0:
                    options = options with { WarmUpMinRuns = n };
                    i++;
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return args[i] is "-h" or "--help" ? 0 : 2;
            }
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var input = new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        using var output = new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 1 << 16) { AutoFlush = false, NewLine = "\n" };
        var server = new GradBenchServer(ModuleRegistry.CreateAll(), options, Console.Error);
        try
        {
            server.Run(input, output);
        }
        catch (IOException e)
        {
            // The eval closed the pipe (it stops after an invalid define, or when it is done).
            Console.Error.WriteLine($"diffopt: {e.Message}");
        }

        return 0;
    }
}
