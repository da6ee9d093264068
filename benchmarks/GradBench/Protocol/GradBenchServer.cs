using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DiffOpt.GradBench.Json;
using DiffOpt.GradBench.Modules;

namespace DiffOpt.GradBench.Protocol;

/// <summary>
/// The tool side of the GradBench protocol: reads one JSON message per line, writes one JSON response per line.
/// <c>start</c> → <c>{id, tool, config}</c>; <c>define</c> → <c>{id, success}</c> (plus a <c>warmup</c> timing);
/// <c>evaluate</c> → <c>{id, success, output, timings}</c>; every other kind (<c>analysis</c>, …) → <c>{id}</c>.
/// Failures are <c>success: false</c> with an <c>error</c> message; diagnostics go to the log writer only.
/// </summary>
internal sealed class GradBenchServer
{
    /// <summary>The tool name reported in the <c>start</c> response.</summary>
    public const string ToolName = "diffopt";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Dictionary<string, IGradBenchModule> modules;
    private readonly HashSet<string> warmedUp = new(StringComparer.Ordinal);
    private readonly ServerOptions options;
    private readonly TextWriter log;
    private readonly ArrayBufferWriter<byte> buffer = new(1 << 16);

    /// <summary>Creates a server for <paramref name="modules"/>.</summary>
    public GradBenchServer(IEnumerable<IGradBenchModule> modules, ServerOptions options, TextWriter log)
    {
        this.modules = modules.ToDictionary(m => m.Name, StringComparer.Ordinal);
        this.options = options;
        this.log = log;
    }

    /// <summary>Serves messages from <paramref name="input"/> until it ends, answering each on <paramref name="output"/>.</summary>
    public void Run(TextReader input, TextWriter output)
    {
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            output.Write(Respond(line));
            output.Write('\n');
            output.Flush();
        }
    }

    /// <summary>The response line (without the newline) to one message line.</summary>
    public string Respond(string line)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 256 });
            }
            catch (JsonException e)
            {
                log.WriteLine($"diffopt: a message is not JSON: {e.Message}");
                writer.WriteStartObject();
                writer.WriteNull("id");
                WriteFailure(writer, $"the message is not JSON: {e.Message}");
                writer.WriteEndObject();
                writer.Flush();
                return Encoding.UTF8.GetString(buffer.WrittenSpan);
            }

            using (document)
            {
                JsonElement message = document.RootElement;
                writer.WriteStartObject();
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("id", out JsonElement id))
                {
                    writer.WritePropertyName("id");
                    id.WriteTo(writer);
                }
                else
                {
                    writer.WriteNull("id");
                }

                string? kind = message.ValueKind == JsonValueKind.Object
                    && message.TryGetProperty("kind", out JsonElement k) && k.ValueKind == JsonValueKind.String
                    ? k.GetString()
                    : null;
                switch (kind)
                {
                    case "start":
                        WriteStart(writer);
                        break;
                    case "define":
                        Define(message, writer);
                        break;
                    case "evaluate":
                        Evaluate(message, writer);
                        break;
                    default:
                        // analysis, end, and kinds added to the protocol later: acknowledged by id only.
                        if (kind == "analysis" && message.TryGetProperty("valid", out JsonElement valid) && valid.ValueKind == JsonValueKind.False)
                        {
                            log.WriteLine($"diffopt: the eval found an output invalid: {line}");
                        }

                        break;
                }

                writer.WriteEndObject();
            }

            writer.Flush();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteStart(Utf8JsonWriter writer)
    {
        writer.WriteString("tool", ToolName);
        writer.WriteStartObject("config");
        writer.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
        writer.WriteString("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription);
        writer.WriteNumber("processors", Environment.ProcessorCount);
        writer.WriteNumber("warmup_seconds_per_input", options.WarmUpSecondsPerInput);
        writer.WriteEndObject();
    }

    private void Define(JsonElement message, Utf8JsonWriter writer)
    {
        string? name = GetString(message, "module");
        if (name is null || !modules.TryGetValue(name, out IGradBenchModule? module))
        {
            writer.WriteBoolean("success", false);
            writer.WriteString("error", $"DiffOpt has no module '{name}' (it has: {string.Join(", ", modules.Keys.Order(StringComparer.Ordinal))})");
            return;
        }

        long start = Stopwatch.GetTimestamp();
        try
        {
            WarmUp(module);
        }
        catch (Exception e)
        {
            log.WriteLine($"diffopt: warm-up of module '{name}' failed: {e}");
            WriteFailure(writer, $"warm-up of module '{name}' failed: {e.GetType().Name}: {e.Message}");
            return;
        }

        writer.WriteBoolean("success", true);
        writer.WriteStartArray("timings");
        WriteTiming(writer, "warmup", Stopwatch.GetElapsedTime(start));
        writer.WriteEndArray();
    }

    /// <summary>
    /// Runs every warm-up input of <paramref name="module"/> repeatedly (at least <see cref="ServerOptions.WarmUpMinRuns"/>
    /// times and <see cref="ServerOptions.WarmUpSecondsPerInput"/> seconds), so that tiered compilation has promoted
    /// the module's code to optimised code before the first timed run. Once per module and process.
    /// </summary>
    private void WarmUp(IGradBenchModule module)
    {
        if (!warmedUp.Add(module.Name) || options.WarmUpSecondsPerInput <= 0)
        {
            return;
        }

        var policy = new RunPolicy(options.WarmUpMinRuns, options.WarmUpSecondsPerInput);
        var scratch = new ArrayBufferWriter<byte>();
        foreach (WarmUpInput warmUp in module.WarmUpInputs)
        {
            using JsonDocument input = JsonDocument.Parse(warmUp.InputJson);
            PreparedFunction prepared = module.Prepare(warmUp.Function, input.RootElement);
            int runs = 0;
            long start = Stopwatch.GetTimestamp();
            do
            {
                prepared.Run();
                runs++;
            }
            while (policy.NeedsAnotherRun(runs, Stopwatch.GetElapsedTime(start).TotalSeconds));

            scratch.ResetWrittenCount();
            using var outputWriter = new Utf8JsonWriter(scratch);
            prepared.WriteOutput(outputWriter);
        }
    }

    private void Evaluate(JsonElement message, Utf8JsonWriter writer)
    {
        string? name = GetString(message, "module");
        string? function = GetString(message, "function");
        if (name is null || !modules.TryGetValue(name, out IGradBenchModule? module))
        {
            writer.WriteBoolean("success", false);
            writer.WriteString("error", $"DiffOpt has no module '{name}'");
            return;
        }

        if (function is null)
        {
            writer.WriteBoolean("success", false);
            writer.WriteString("error", "the evaluate message has no string field 'function'");
            return;
        }

        if (!message.TryGetProperty("input", out JsonElement input))
        {
            writer.WriteBoolean("success", false);
            writer.WriteString("error", "the evaluate message has no field 'input'");
            return;
        }

        PreparedFunction prepared;
        RunPolicy policy;
        TimeSpan prepareTime;
        var runTimes = new List<long>();
        try
        {
            policy = JsonInput.GetRunPolicy(input);
            long prepareStart = Stopwatch.GetTimestamp();
            prepared = module.Prepare(function, input);
            prepareTime = Stopwatch.GetElapsedTime(prepareStart);

            // Garbage from earlier messages and from reading this input is collected now, outside the timed runs.
            GC.Collect();
            GC.WaitForPendingFinalizers();

            double elapsedSeconds = 0;
            do
            {
                long start = Stopwatch.GetTimestamp();
                prepared.Run();
                long ticks = Stopwatch.GetTimestamp() - start;
                runTimes.Add(ToNanoseconds(ticks));
                elapsedSeconds += (double)ticks / Stopwatch.Frequency;
            }
            while (policy.NeedsAnotherRun(runTimes.Count, elapsedSeconds));
        }
        catch (Exception e)
        {
            log.WriteLine(e is GradBenchInputException ? $"diffopt: {name}.{function}: {e.Message}" : $"diffopt: {name}.{function} failed: {e}");
            WriteFailure(writer, Describe(e));
            return;
        }

        // The output is written to a scratch buffer first, so that a non-finite value fails the response cleanly.
        var output = new ArrayBufferWriter<byte>();
        try
        {
            using var outputWriter = new Utf8JsonWriter(output, WriterOptions);
            prepared.WriteOutput(outputWriter);
            outputWriter.Flush();
        }
        catch (Exception e)
        {
            log.WriteLine($"diffopt: {name}.{function}: output failed: {e}");
            WriteFailure(writer, Describe(e));
            return;
        }

        writer.WriteBoolean("success", true);
        writer.WritePropertyName("output");
        writer.WriteRawValue(output.WrittenSpan, skipInputValidation: true);
        writer.WriteStartArray("timings");
        WriteTiming(writer, "prepare", prepareTime);
        foreach (long nanoseconds in runTimes)
        {
            writer.WriteStartObject();
            writer.WriteString("name", "evaluate");
            writer.WriteNumber("nanoseconds", nanoseconds);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string Describe(Exception e) =>
        e is GradBenchInputException ? e.Message : $"{e.GetType().Name}: {e.Message}";

    private static void WriteFailure(Utf8JsonWriter writer, string error)
    {
        writer.WriteBoolean("success", false);
        writer.WriteString("error", error);
    }

    private static void WriteTiming(Utf8JsonWriter writer, string name, TimeSpan duration)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteNumber("nanoseconds", (long)duration.TotalNanoseconds);
        writer.WriteEndObject();
    }

    private static long ToNanoseconds(long stopwatchTicks) =>
        (long)((double)stopwatchTicks * 1e9 / Stopwatch.Frequency);

    private static string? GetString(JsonElement message, string name) =>
        message.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
