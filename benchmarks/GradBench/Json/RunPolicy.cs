namespace DiffOpt.GradBench.Json;

/// <summary>
/// How often to run a function: at least <see cref="MinRuns"/> times and until the runs together took at least
/// <see cref="MinSeconds"/>, whichever is longer (the protocol's <c>Runs</c> fields).
/// </summary>
internal readonly record struct RunPolicy(int MinRuns, double MinSeconds)
{
    /// <summary>One run: the policy for inputs without <c>min_runs</c>/<c>min_seconds</c> (the hello eval).</summary>
    public static RunPolicy Once => new(1, 0);

    /// <summary>Whether another run is needed after <paramref name="runs"/> runs that took <paramref name="elapsedSeconds"/> in all.</summary>
    public bool NeedsAnotherRun(int runs, double elapsedSeconds) => runs < MinRuns || elapsedSeconds < MinSeconds;
}
