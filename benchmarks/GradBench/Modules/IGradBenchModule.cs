using System.Text.Json;

namespace DiffOpt.GradBench.Modules;

/// <summary>
/// One GradBench module (an eval's <c>"module"</c>, such as <c>"gmm"</c>): turns an <c>evaluate</c> message's
/// function name and JSON input into a <see cref="PreparedFunction"/> that the protocol loop times.
/// </summary>
/// <remarks>
/// Implementations convert the input once in <see cref="Prepare"/> (timed as <c>"prepare"</c>, like the C++
/// tools' constructors), allocate every output buffer there, and return a prepared function whose
/// <see cref="PreparedFunction.Run"/> does only the computation (timed as <c>"evaluate"</c>, once per run).
/// Bad input throws (<see cref="GradBenchInputException"/> from <see cref="Json.JsonInput"/>, or any
/// <see cref="ArgumentException"/>); the loop answers <c>success: false</c> with the message.
/// </remarks>
internal interface IGradBenchModule
{
    /// <summary>The module name the evals use in <c>define</c> and <c>evaluate</c> messages.</summary>
    string Name { get; }

    /// <summary>
    /// Small inputs, one or more per function, that <c>define</c> runs repeatedly so that the JIT has compiled
    /// the hot code at full optimisation before the eval's first timed <c>evaluate</c>. Each entry is a function
    /// name and the JSON text of an input in the eval's format (without <c>min_runs</c>/<c>min_seconds</c>).
    /// </summary>
    IReadOnlyList<WarmUpInput> WarmUpInputs { get; }

    /// <summary>Converts <paramref name="input"/> for <paramref name="function"/> into a runnable, timed unit.</summary>
    /// <param name="function">The eval's function name (<c>"primal"</c>, <c>"gradient"</c>, <c>"objective"</c>, …).</param>
    /// <param name="input">The <c>input</c> field of the evaluate message.</param>
    /// <exception cref="GradBenchInputException">The function is unknown or the input is malformed.</exception>
    PreparedFunction Prepare(string function, JsonElement input);
}

/// <summary>A function name and the JSON text of a small input for it, run by <c>define</c> to warm up the JIT.</summary>
internal readonly record struct WarmUpInput(string Function, string InputJson);
