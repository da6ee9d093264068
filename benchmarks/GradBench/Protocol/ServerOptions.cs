namespace DiffOpt.GradBench.Protocol;

/// <summary>How <c>define</c> warms up a module (see README.md, "JIT warm-up").</summary>
/// <param name="WarmUpSecondsPerInput">Seconds each warm-up input is run for at least; 0 turns warm-up off.</param>
/// <param name="WarmUpMinRuns">Runs each warm-up input gets at least (tiered compilation promotes a method after 30 calls).</param>
internal readonly record struct ServerOptions(double WarmUpSecondsPerInput, int WarmUpMinRuns)
{
    /// <summary>The defaults of the command line: 0.25 s and 200 runs per warm-up input.</summary>
    public static ServerOptions Default => new(0.25, 200);

    /// <summary>No warm-up (tests).</summary>
    public static ServerOptions NoWarmUp => new(0, 0);
}
