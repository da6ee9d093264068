using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DiffOpt.Benchmarks.Infrastructure;

namespace DiffOpt.Benchmarks.Ad;

/// <summary>
/// The AD suites' job: BenchmarkDotNet's short run (3 warm-ups, 3 measured iterations, one launch), in process, timed
/// with the calling thread's CPU time (<see cref="ThreadCpuClock"/>: the machine is shared, and time spent waiting for a
/// core would otherwise dominate the noise), with the memory diagnoser. In process also because the TorchSharp native
/// library is patched in this project's own output folder (eng/TorchSharpDebian12.targets); an out-of-process run
/// would build and copy a second, unpatched 1 GB tree. TorchSharp runs single-threaded, on the calling thread, so its
/// work is counted by the same clock. Do not add <c>--cpu-clock</c> for these classes: it would add a second job.
/// </summary>
public sealed class AdBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public AdBenchmarkConfig()
    {
        AddJob(Job.ShortRun
            .WithClock(ThreadCpuClock.Instance)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("ShortInProcessCpuClock"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
