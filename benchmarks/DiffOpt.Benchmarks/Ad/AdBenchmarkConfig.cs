using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace DiffOpt.Benchmarks.Ad;

/// <summary>
/// The AD suites' job: BenchmarkDotNet's short run (3 warm-ups, 3 measured iterations, one launch), in process, with
/// the memory diagnoser. In process because the TorchSharp native libraries are patched in this project's own output
/// folder (eng/TorchSharpDebian12.targets); an out-of-process run would build and copy a second, unpatched 1 GB tree.
/// </summary>
public sealed class AdBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public AdBenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortInProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
