using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace DiffOpt.Benchmarks.Infrastructure;

/// <summary>
/// The configuration behind the <c>--cpu-clock</c> switch: one short in-process job (3 warm-up and 10 measured iterations of 200 ms CPU time) timed with
/// <see cref="ThreadCpuClock"/>. Use it, next to an ordinary wall-clock run, when other processes compete for the
/// cores: the time a benchmark waits for a core is then left out of its measurements.
/// </summary>
public static class CpuClockConfig
{
    /// <summary>The command-line switch that selects this configuration.</summary>
    public const string Switch = "--cpu-clock";

    /// <summary>The configuration: the default one plus the thread-CPU-time job.</summary>
    public static IConfig Create() => DefaultConfig.Instance.AddJob(
        Job.ShortRun
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(200)) // CPU time: no need for long iterations to average out noise
            .WithClock(ThreadCpuClock.Instance)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("ShortCpuClock"));
}
