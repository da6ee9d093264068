using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace DiffOpt.Benchmarks.Optimizers;

/// <summary>
/// One optimizer step on a million parameters: time, allocation per step (expected 0 B: state is created on the
/// first step, in the setup) and state bytes per parameter (custom column).
/// Run: dotnet run -c Release --project benchmarks/DiffOpt.Benchmarks -- --filter '*OptimizerStepBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class OptimizerStepBenchmarks
{
    private Action step = () => { };

    [Params(1_000_000)]
    public int Parameters { get; set; }

    [ParamsSource(nameof(Kinds))]
    public string Optimizer { get; set; } = "Adam";

    public static IEnumerable<string> Kinds => OptimizerKinds.All;

    [GlobalSetup]
    public void Setup()
    {
        var parameters = new double[Parameters];
        var gradient = new double[Parameters];
        for (int i = 0; i < Parameters; i++)
        {
            parameters[i] = Math.Cos(i);
            gradient[i] = Math.Sin(i);
        }

        step = OptimizerKinds.Create(Optimizer, parameters, gradient).Step;
        step(); // allocates the state outside the measured steps
    }

    [Benchmark]
    public void Step() => step();

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new StateBytesPerParameterColumn(), new SteadyStateAllocationColumn());
    }
}
