using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DiffOpt.Benchmarks.Infrastructure;

namespace DiffOpt.Benchmarks.Implicit;

/// <summary>
/// BenchmarkDotNet's short run with one warm-up instead of three (3 measured iterations, one launch: at d = 1,000 one
/// call of the slowest methods takes seconds of CPU time, and the JIT stage has warmed the code already), in process (so
/// the relative-error column can read what the setup measured), timed with the thread's CPU time (the machine is shared: waiting for a core
/// is not counted), with the memory diagnoser. Do not add <c>--cpu-clock</c>: it would add a second job.
/// </summary>
public sealed class ImplicitBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ImplicitBenchmarkConfig()
    {
        AddJob(Job.ShortRun
            .WithWarmupCount(1)
            .WithClock(ThreadCpuClock.Instance)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("ShortOneWarmupInProcessCpuClock"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new RelativeErrorColumn());
    }
}
