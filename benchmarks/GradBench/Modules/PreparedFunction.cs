using System.Text.Json;

namespace DiffOpt.GradBench.Modules;

/// <summary>
/// A function applied to an already converted input: <see cref="Run"/> computes it (the timed part, called
/// once per run), <see cref="WriteOutput"/> writes the last run's result as the eval expects it.
/// </summary>
/// <remarks>
/// Built from two delegates so that a module reads like the problem: convert the input, allocate the result,
/// then <c>PreparedFunction.Create(() =&gt; Llsq.ObjectiveGradient(x, n, g), w =&gt; JsonOutput.WriteArray(w, g))</c>.
/// The delegate call is a few nanoseconds, far below the smallest eval's run time.
/// </remarks>
internal sealed class PreparedFunction
{
    private readonly Action run;
    private readonly Action<Utf8JsonWriter> writeOutput;

    private PreparedFunction(Action run, Action<Utf8JsonWriter> writeOutput)
    {
        this.run = run;
        this.writeOutput = writeOutput;
    }

    /// <summary>Creates a prepared function from its computation and its output writer.</summary>
    /// <param name="run">Computes the function once on the prepared input; must be repeatable.</param>
    /// <param name="writeOutput">Writes the result of the last <paramref name="run"/> as one JSON value.</param>
    public static PreparedFunction Create(Action run, Action<Utf8JsonWriter> writeOutput)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writeOutput);
        return new PreparedFunction(run, writeOutput);
    }

    /// <summary>Creates a prepared scalar-valued function: the value of the last run is written as a JSON number.</summary>
    /// <param name="compute">Computes the function once on the prepared input.</param>
    public static PreparedFunction Scalar(Func<double> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        double result = double.NaN;
        return new PreparedFunction(() => result = compute(), w => Json.JsonOutput.WriteNumber(w, result));
    }

    /// <summary>Runs the function once (the timed part).</summary>
    public void Run() => run();

    /// <summary>Writes the last run's result.</summary>
    /// <param name="writer">The writer of the response's <c>output</c> value.</param>
    public void WriteOutput(Utf8JsonWriter writer) => writeOutput(writer);
}
