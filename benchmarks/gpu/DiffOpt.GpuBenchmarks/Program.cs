using System.Diagnostics;
using System.Globalization;
using System.Text;
using DiffOpt.GpuBenchmarks;
using DiffOpt.Ilgpu;

// Batched gradients on the accelerator (generated ILGPU kernels) against the generated CPU code on the same machine.
//   --rosenbrock 1000000,10000000   batch sizes of the Rosenbrock-2D gradient (vmap: one item per thread)
//   --logistic 1000000              dataset sizes of the logistic-loss gradient (map-reduce over the dataset)
//   --features 16                   features per example
//   --repeat 5                      timed launches per size (after one warm-up launch)
//   --starts 1000000                starts of the multi-start descent (samples/GpuBatch)
//   --cpu-limit 10000000            largest size the CPU baseline runs (it is slower; the rate does not depend on size)
//   --accelerator auto|cuda|opencl|cpu
//   --out DIR                       where results.json and summary.md go
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
var report = new Report(options.Output);
var total = Stopwatch.StartNew();

using var device = IlgpuDevice.Create(options.Accelerator);
report.Line($"device: {device} (GPU: {device.IsGpu}); host: {Environment.ProcessorCount} logical cores, .NET {Environment.Version}");

if (!device.IsGpu && !options.SizesGiven)
{
    // The CPU accelerator emulates GPU threads (~0.1 M items/s): GPU-sized batches would run for an hour.
    report.Line("NO GPU: running on " + device + " with small batches (give --rosenbrock/--logistic to override)");
    options = options with { Rosenbrock = [100_000], Logistic = [20_000] };
}

if (!device.IsGpu && !options.StartsGiven)
{
    options = options with { Starts = 1024 };
}

Verification.Run(device, report);

foreach (var n in options.Rosenbrock)
{
    Rosenbrock.Run(device, n, options, report);
}

foreach (var n in options.Logistic)
{
    Logistic.Run(device, n, options.Features, options, report);
}

MultiStart.Run(device, options.Starts, report);

report.Line($"total time {total.Elapsed.TotalSeconds:F1} s");
return report.Failed ? 1 : 0;

namespace DiffOpt.GpuBenchmarks
{
    internal sealed record Options(int[] Rosenbrock, int[] Logistic, int Features, int Repeat, int CpuLimit, AcceleratorPreference Accelerator, string? Output, bool SizesGiven, int Starts, bool StartsGiven)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                values[args[i].TrimStart('-')] = args[i + 1];
            }

            int[] Sizes(string key, string fallback) => (values.GetValueOrDefault(key) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => (int)double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? (int)double.Parse(v, CultureInfo.InvariantCulture) : fallback;
            var accelerator = (values.GetValueOrDefault("accelerator") ?? "auto") switch
            {
                "cuda" => AcceleratorPreference.Cuda,
                "opencl" => AcceleratorPreference.OpenCL,
                "cpu" => AcceleratorPreference.Cpu,
                _ => AcceleratorPreference.Auto,
            };
            return new Options(Sizes("rosenbrock", "1000000,10000000,100000000"), Sizes("logistic", "1000000,10000000"), Int("features", 16), Int("repeat", 5), Int("cpu-limit", 10_000_000), accelerator, values.GetValueOrDefault("out"), values.ContainsKey("rosenbrock") || values.ContainsKey("logistic"), Int("starts", 1_000_000), values.ContainsKey("starts"));
        }
    }

    /// <summary>Collects lines for the console and summary.md, and rows for results.json.</summary>
    internal sealed class Report(string? directory)
    {
        private readonly StringBuilder summary = new();
        private readonly List<string> rows = new();

        public bool Failed { get; private set; }

        public void Line(string text)
        {
            Console.WriteLine(text);
            summary.AppendLine(text);
            Write();
        }

        public void Fail(string text)
        {
            Failed = true;
            Line("FAIL: " + text);
        }

        public void Row(string workload, string backend, long items, double seconds, double bytes)
        {
            var rate = items / seconds;
            var bandwidth = bytes / seconds / 1e9;
            rows.Add($"{{\"workload\":\"{workload}\",\"backend\":\"{backend}\",\"items\":{items},\"seconds\":{seconds:R},\"itemsPerSecond\":{rate:R},\"gigabytesPerSecond\":{bandwidth:R}}}");
            Line($"  {workload,-34} {backend,-22} n={items,11:N0}  {seconds * 1e3,10:F3} ms  {rate / 1e6,10:F1} M items/s  {bandwidth,8:F1} GB/s");
        }

        /// <summary>Rewrites the files after every line, so a run stopped by its time limit keeps what it measured.</summary>
        private void Write()
        {
            if (directory is null)
            {
                return;
            }

            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "results.json"), "[\n  " + string.Join(",\n  ", rows) + "\n]\n");
            File.WriteAllText(Path.Combine(directory, "summary.md"), summary.ToString());
        }
    }

    /// <summary>samples/GpuBatch's workload: gradient descent on Himmelblau's function from many starts at once.</summary>
    internal static class MultiStart
    {
        public static void Run(IlgpuDevice device, int starts, Report report)
        {
            const int steps = 200;
            const double rate = 0.005;
            report.Line($"multi-start gradient descent on Himmelblau, {starts:N0} starts x {steps} steps (samples/GpuBatch):");
            var x0 = new double[starts];
            var y0 = new double[starts];
            for (var i = 0; i < starts; i++)
            {
                x0[i] = Inputs.Spread(i, 0.7548776662466927, -5, 5);
                y0[i] = Inputs.Spread(i, 0.5698402909980532, -5, 5);
            }

            using var x = device.Upload(x0);
            using var y = device.Upload(y0);
            using var value = device.Allocate<double>(starts);
            using var dx = device.Allocate<double>(starts);
            using var dy = device.Allocate<double>(starts);
            Workloads.HimmelblauKernels.Gradient(device, starts, x.View, y.View, value.View, dx.View, dy.View);
            BatchOps.AddScaled(device, x.View, dx.View, 0);
            device.Synchronize();
            var watch = Stopwatch.StartNew();
            for (var step = 0; step < steps; step++)
            {
                Workloads.HimmelblauKernels.Gradient(device, starts, x.View, y.View, value.View, dx.View, dy.View);
                BatchOps.AddScaled(device, x.View, dx.View, -rate);
                BatchOps.AddScaled(device, y.View, dy.View, -rate);
            }

            device.Synchronize();
            var seconds = watch.Elapsed.TotalSeconds;
            report.Row("himmelblau-descent-step", "kernel " + device.Kind, (long)starts * steps, seconds, 11.0 * 8 * starts * steps);
            Workloads.HimmelblauKernels.Value(device, starts, x.View, y.View, value.View);
            var xs = device.Download(x.View);
            var ys = device.Download(y.View);
            var fs = device.Download(value.View);
            var groups = Enumerable.Range(0, starts).Where(i => fs[i] < 1e-6).GroupBy(i => (Math.Round(xs[i], 3), Math.Round(ys[i], 3))).OrderByDescending(g => g.Count()).ToList();
            report.Line($"  {groups.Sum(g => g.Count()):N0} of {starts:N0} starts reached f < 1e-6, at {groups.Count} distinct points:");
            foreach (var group in groups.Take(6))
            {
                report.Line($"    ({group.Key.Item1,7:F3}, {group.Key.Item2,7:F3}) from {group.Count(),9:N0} starts");
            }

            if (groups.Count != 4)
            {
                report.Fail("expected Himmelblau's four minima");
            }
        }
    }

    /// <summary>Inputs spread over the test domain by a low-discrepancy sequence (deterministic, no RNG state).</summary>
    internal static class Inputs
    {
        public static double Spread(long i, double golden, double low, double high)
        {
            var t = i * golden;
            return low + (high - low) * (t - Math.Floor(t));
        }
    }

    /// <summary>Kernel results against the CPU code on a small batch, in ulps, before anything is timed.</summary>
    internal static class Verification
    {
        public static void Run(IlgpuDevice device, Report report)
        {
            const int n = 4096;
            var x = Enumerable.Range(0, n).Select(i => Inputs.Spread(i, 0.6180339887498949, -2, 2)).ToArray();
            var y = Enumerable.Range(0, n).Select(i => Inputs.Spread(i, 0.7548776662466927, -1, 3)).ToArray();
            using var xs = device.Upload(x);
            using var ys = device.Upload(y);
            using var values = device.Allocate<double>(n);
            using var dxs = device.Allocate<double>(n);
            using var dys = device.Allocate<double>(n);
            Workloads.RosenbrockKernels.Gradient(device, n, xs.View, ys.View, values.View, dxs.View, dys.View);
            var value = device.Download(values.View);
            var dx = device.Download(dxs.View);
            var dy = device.Download(dys.View);
            double worst = 0;
            for (var i = 0; i < n; i++)
            {
                var v = Workloads.RosenbrockGradient(x[i], y[i], out var edx, out var edy);

                // Measured against the size of the terms each result sums (its forward-error scale), not the result:
                // y − x² cancels, and PTX contracts x·x − y into one rounding (an FMA), so near the parabola the CPU
                // and GPU values may differ by many ulps of a small result while both are within rounding of the terms.
                var u = Math.Abs(y[i]) + (x[i] * x[i]);
                var valueScale = ((1 - x[i]) * (1 - x[i])) + (100 * u * u);
                var dxScale = (2 * Math.Abs(1 - x[i])) + (400 * Math.Abs(x[i]) * u);
                var dyScale = 200 * u;
                worst = Math.Max(worst, Math.Max(Ulps(v, value[i], valueScale), Math.Max(Ulps(edx, dx[i], dxScale), Ulps(edy, dy[i], dyScale))));
            }

            report.Line($"verify: Rosenbrock gradient, {n} items: largest difference from the CPU code {worst:G4} ulp (of the terms' magnitude)");
            if (worst > 64)
            {
                report.Fail("Rosenbrock kernel differs from the CPU code by more than 64 ulp");
            }

            const int features = 16;
            var (w, items, labels) = Logistic.Dataset(n, features);
            using var wBuffer = device.Upload(w);
            using var itemBuffer = device.Upload(items);
            using var labelBuffer = device.Upload(labels);
            var gradient = new double[features];
            var total = Workloads.LogisticLossKernels.SumGradient(device, n, wBuffer.View, itemBuffer.View, labelBuffer.View, gradient);
            var expectedGradient = new double[features];
            var item = new double[features];
            var itemGradient = new double[features];
            var expectedTotal = 0.0;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < features; j++)
                {
                    item[j] = items[(long)j * n + i];
                }

                expectedTotal += Workloads.LogisticLossGradient(w, item, labels[i], itemGradient);
                for (var j = 0; j < features; j++)
                {
                    expectedGradient[j] += itemGradient[j];
                }
            }

            var relative = Math.Abs(total - expectedTotal) / Math.Abs(expectedTotal);
            for (var j = 0; j < features; j++)
            {
                relative = Math.Max(relative, Math.Abs(gradient[j] - expectedGradient[j]) / Math.Max(1, Math.Abs(expectedGradient[j])));
            }

            report.Line($"verify: logistic loss map-reduce, {n} examples x {features}: largest relative difference from the sum of CPU gradients {relative:G3}");
            if (relative > 1e-9)
            {
                report.Fail("logistic map-reduce differs from the CPU sum by more than 1e-9 (relative)");
            }
        }

        private static double Ulps(double expected, double actual, double magnitude)
        {
            var scale = Math.Max(Math.Max(Math.Abs(expected), magnitude), 1);
            return Math.Abs(expected - actual) / (Math.BitIncrement(scale) - scale);
        }
    }

    /// <summary>Rosenbrock-2D: value and gradient of n independent points (reads x, y; writes value, dx, dy).</summary>
    internal static class Rosenbrock
    {
        public static void Run(IlgpuDevice device, int n, Options options, Report report)
        {
            report.Line($"Rosenbrock-2D gradient, batch {n:N0}:");
            var x = new double[n];
            var y = new double[n];
            Parallel.For(0, n, i =>
            {
                x[i] = Inputs.Spread(i, 0.6180339887498949, -2, 2);
                y[i] = Inputs.Spread(i, 0.7548776662466927, -1, 3);
            });

            {
                using var xs = device.Upload(x);
                using var ys = device.Upload(y);
                using var values = device.Allocate<double>(n);
                using var dxs = device.Allocate<double>(n);
                using var dys = device.Allocate<double>(n);
                var seconds = Time(device, options.Repeat, () => Workloads.RosenbrockKernels.Gradient(device, n, xs.View, ys.View, values.View, dxs.View, dys.View));
                report.Row("rosenbrock2d-gradient-f64", "kernel " + device.Kind, n, seconds, 5.0 * 8 * n);
            }

            {
                using var xs = device.Upload(x.Select(v => (float)v).ToArray());
                using var ys = device.Upload(y.Select(v => (float)v).ToArray());
                using var values = device.Allocate<float>(n);
                using var dxs = device.Allocate<float>(n);
                using var dys = device.Allocate<float>(n);
                var seconds = Time(device, options.Repeat, () => Workloads.RosenbrockSingleKernels.Gradient(device, n, xs.View, ys.View, values.View, dxs.View, dys.View));
                report.Row("rosenbrock2d-gradient-f32", "kernel " + device.Kind, n, seconds, 5.0 * 4 * n);
            }

            if (n <= options.CpuLimit)
            {
                var value = new double[n];
                var dx = new double[n];
                var dy = new double[n];
                var single = Time(null, Math.Min(options.Repeat, 3), () =>
                {
                    for (var i = 0; i < n; i++)
                    {
                        value[i] = Workloads.RosenbrockGradient(x[i], y[i], out dx[i], out dy[i]);
                    }
                });
                report.Row("rosenbrock2d-gradient-f64", "CPU code, 1 thread", n, single, 5.0 * 8 * n);
                var parallel = Time(null, Math.Min(options.Repeat, 3), () => Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, Math.Max(4096, n / (8 * Environment.ProcessorCount))), range =>
                {
                    for (var i = range.Item1; i < range.Item2; i++)
                    {
                        value[i] = Workloads.RosenbrockGradient(x[i], y[i], out dx[i], out dy[i]);
                    }
                }));
                report.Row("rosenbrock2d-gradient-f64", $"CPU code, {Environment.ProcessorCount} threads", n, parallel, 5.0 * 8 * n);
            }
        }

        /// <summary>Median seconds of <paramref name="repeat"/> runs after one warm-up run (which also compiles the kernel).</summary>
        public static double Time(IlgpuDevice? device, int repeat, Action action)
        {
            action();
            device?.Synchronize();
            var times = new List<double>();
            for (var r = 0; r < Math.Max(1, repeat); r++)
            {
                var watch = Stopwatch.StartNew();
                action();
                device?.Synchronize();
                times.Add(watch.Elapsed.TotalSeconds);
            }

            times.Sort();
            return times[times.Count / 2];
        }
    }

    /// <summary>
    /// Logistic loss summed over a dataset, gradient in the weights (map-reduce): the kernel reads the features and
    /// labels and writes one gradient row per weight plus the value row; the reduction reads those rows again.
    /// </summary>
    internal static class Logistic
    {
        public static (double[] W, double[] Items, double[] Labels) Dataset(int n, int features)
        {
            var w = Enumerable.Range(0, features).Select(j => 0.5 * Math.Sin(j + 1)).ToArray();
            var items = new double[(long)n * features];
            var labels = new double[n];
            Parallel.For(0, n, i =>
            {
                for (var j = 0; j < features; j++)
                {
                    items[(long)j * n + i] = Inputs.Spread((long)i * features + j, 0.6180339887498949, -1, 1);
                }

                labels[i] = Inputs.Spread(i, 0.7548776662466927, 0, 1) < 0.5 ? -1 : 1;
            });
            return (w, items, labels);
        }

        public static void Run(IlgpuDevice device, int n, int features, Options options, Report report)
        {
            report.Line($"logistic-loss gradient over a dataset, {n:N0} examples x {features} features:");
            var (w, items, labels) = Dataset(n, features);
            var gradient = new double[features];
            using (var wBuffer = device.Upload(w))
            using (var itemBuffer = device.Upload(items))
            using (var labelBuffer = device.Upload(labels))
            {
                var seconds = Rosenbrock.Time(device, options.Repeat, () => Workloads.LogisticLossKernels.SumGradient(device, n, wBuffer.View, itemBuffer.View, labelBuffer.View, gradient));
                // Traffic: features and label read once; value + gradient rows written by the map and read by the reduce.
                var bytes = 8.0 * n * (features + 1) + 2 * 8.0 * n * (features + 1);
                report.Row("logistic-sum-gradient-f64", "kernel " + device.Kind, n, seconds, bytes);
            }

            if (n <= options.CpuLimit)
            {
                var item = new double[features];
                var itemGradient = new double[features];
                var sum = new double[features];
                var seconds = Rosenbrock.Time(null, Math.Min(options.Repeat, 3), () =>
                {
                    Array.Clear(sum);
                    for (var i = 0; i < n; i++)
                    {
                        for (var j = 0; j < features; j++)
                        {
                            item[j] = items[(long)j * n + i];
                        }

                        Workloads.LogisticLossGradient(w, item, labels[i], itemGradient);
                        for (var j = 0; j < features; j++)
                        {
                            sum[j] += itemGradient[j];
                        }
                    }
                });
                report.Row("logistic-sum-gradient-f64", "CPU code, 1 thread", n, seconds, 8.0 * n * (features + 1));
            }
        }
    }
}
