using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using DiffOpt.Benchmarks.Infrastructure;

// Every argument goes to BenchmarkDotNet (--filter, --job, ...), except `--cpu-clock`, which runs the selected
// benchmarks in-process with a thread-CPU-time clock: for a shared, loaded machine (see CpuClockConfig).
bool cpuClock = args.Contains(CpuClockConfig.Switch);
IConfig? config = cpuClock ? CpuClockConfig.Create() : null;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != CpuClockConfig.Switch).ToArray(), config);
