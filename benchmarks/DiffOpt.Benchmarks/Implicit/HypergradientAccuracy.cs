using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace DiffOpt.Benchmarks.Implicit;

/// <summary>
/// Relative errors of every benchmark method's hypergradient against the closed form, measured once per (class, d) in
/// the setup (the benchmarks run in process, so <see cref="RelativeErrorColumn"/> reads them when the summary is
/// printed) and printed, so `verify Ridge` shows them without timing anything.
/// </summary>
internal static class HypergradientAccuracy
{
    private static readonly Dictionary<(string Method, int D), double> Errors = new();

    public static void Measure(RidgeHypergradientBenchmarks benchmarks, int d, RidgeProblem problem)
    {
        double exact = problem.Hypergradient;
        lock (Errors)
        {
            if (!Errors.Keys.Any(k => k.D == d))
            {
                Console.WriteLine($"[implicit] d={d}: unrolled gradient descent reaches 1e-6 after {problem.IterationsForMicroError} steps (dense recurrence)");
            }

            foreach (MethodInfo method in benchmarks.GetType().GetMethods()
                         .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).OrderBy(m => m.MetadataToken))
            {
                if (Errors.ContainsKey((method.Name, d)) || method.Name == nameof(RidgeHypergradientBenchmarks.SolveOnly))
                {
                    continue;
                }

                var watch = System.Diagnostics.Stopwatch.StartNew();
                double value = (double)method.Invoke(benchmarks, null)!;
                watch.Stop();
                double error = Math.Abs(value - exact) / Math.Abs(exact);
                if (!double.IsFinite(error))
                {
                    throw new InvalidOperationException($"{method.Name} at d = {d} returned {value}");
                }

                Errors[(method.Name, d)] = error;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[implicit] d={d} {method.Name}: dL/dlambda = {value:R}, closed form {exact:R}, relative error {error:E2} (first call, wall clock: {watch.Elapsed.TotalMilliseconds:F0} ms)"));
            }
        }
    }

    public static double? Get(string method, int d)
    {
        lock (Errors)
        {
            return Errors.TryGetValue((method, d), out double error) ? error : null;
        }
    }
}
