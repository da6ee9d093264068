using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using DiffOpt.Benchmarks.Infrastructure;

// `verify [name-fragment]` runs only the [GlobalSetup] of the benchmark classes (each checks its derivatives against
// hand-written ones and finite differences, and throws on a mismatch), without timing anything.
if (args.Length > 0 && args[0] == "verify")
{
    string fragment = args.Length > 1 ? args[1] : "";
    foreach (Type type in typeof(Program).Assembly.GetTypes()
                 .Where(t => !t.IsAbstract && t.IsPublic && t.Name.Contains(fragment, StringComparison.Ordinal)
                             && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
                 .OrderBy(t => t.FullName, StringComparer.Ordinal))
    {
        object instance = Activator.CreateInstance(type)!;
        PropertyInfo? parameter = type.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<ParamsAttribute>() is not null);
        object?[] values = parameter?.GetCustomAttribute<ParamsAttribute>()!.Values ?? new object?[] { null };
        foreach (object? value in values)
        {
            parameter?.SetValue(instance, value);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            type.GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null).Invoke(instance, null);
            type.GetMethods().SingleOrDefault(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null)?.Invoke(instance, null);
            Console.WriteLine($"verified {type.Name}{(parameter is null ? "" : $" {parameter.Name}={value}")} in {watch.Elapsed.TotalSeconds:F1} s");
        }
    }
    return;
}

// Every argument goes to BenchmarkDotNet (--filter, --job, ...), except `--cpu-clock`, which runs the selected
// benchmarks in-process with a thread-CPU-time clock: for a shared, loaded machine (see CpuClockConfig).
bool cpuClock = args.Contains(CpuClockConfig.Switch);
IConfig? config = cpuClock ? CpuClockConfig.Create() : null;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != CpuClockConfig.Switch).ToArray(), config);
