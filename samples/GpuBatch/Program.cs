using System.Diagnostics;
using System.Globalization;
using DiffOpt.Ilgpu;
using GpuBatch;

// Gradient descent from many starting points at once, on the accelerator: one item per thread, the gradient kernel
// generated from Himmelblau.F by [Kernel], then x ← x − η∇f with BatchOps.AddScaled. The endpoints are grouped to
// show which minima were found and how often.
//   dotnet run --project samples/GpuBatch [-- --starts N --steps K --rate η --cpu]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var arguments = args.ToList();
string? Option(string name) => arguments.IndexOf(name) is var i and >= 0 && i + 1 < arguments.Count ? arguments[i + 1] : null;

using var device = IlgpuDevice.Create(arguments.Contains("--cpu") ? AcceleratorPreference.Cpu : AcceleratorPreference.Auto);

// ILGPU's CPU accelerator emulates GPU threads and is slow: a million starts is for a GPU.
var starts = int.Parse(Option("--starts") ?? (device.IsGpu ? "1000000" : "1024"), CultureInfo.InvariantCulture);
var steps = int.Parse(Option("--steps") ?? "200", CultureInfo.InvariantCulture);
var rate = double.Parse(Option("--rate") ?? "0.005", CultureInfo.InvariantCulture);
Console.WriteLine($"{device}: {starts:N0} starts in [-5, 5]², {steps} steps of gradient descent, learning rate {rate}");

// Starts on a low-discrepancy (R2) sequence over the square: deterministic and evenly spread.
var x0 = new double[starts];
var y0 = new double[starts];
for (var i = 0; i < starts; i++)
{
    x0[i] = -5 + 10 * Fraction(0.5 + i * 0.7548776662466927);
    y0[i] = -5 + 10 * Fraction(0.5 + i * 0.5698402909980532);
}

using var x = device.Upload(x0);
using var y = device.Upload(y0);
using var value = device.Allocate<double>(starts);
using var dx = device.Allocate<double>(starts);
using var dy = device.Allocate<double>(starts);

var watch = Stopwatch.StartNew();
for (var step = 1; step <= steps; step++)
{
    Himmelblau.Kernels.Gradient(device, starts, x.View, y.View, value.View, dx.View, dy.View);
    BatchOps.AddScaled(device, x.View, dx.View, -rate);
    BatchOps.AddScaled(device, y.View, dy.View, -rate);
    if (step == 1 || step % (steps / 5 == 0 ? 1 : steps / 5) == 0)
    {
        var values = device.Download(value.View);
        var converged = values.Count(v => v < 1e-8);
        Console.WriteLine($"step {step,5}: mean f {values.Average(),12:G6}   best f {values.Min(),12:G6}   f < 1e-8: {converged,9:N0} ({100.0 * converged / starts:F1} %)");
    }
}

device.Synchronize();
var seconds = watch.Elapsed.TotalSeconds;
Console.WriteLine($"{steps} steps x {starts:N0} starts in {seconds:F2} s: {(double)steps * starts / seconds / 1e6:F3} M gradient evaluations/s");

// Group the endpoints (rounded to 1e-3) into the minima they reached.
Himmelblau.Kernels.Value(device, starts, x.View, y.View, value.View);
var xs = device.Download(x.View);
var ys = device.Download(y.View);
var fs = device.Download(value.View);
var minima = Enumerable.Range(0, starts)
    .Where(i => fs[i] < 1e-6)
    .GroupBy(i => (Math.Round(xs[i], 3), Math.Round(ys[i], 3)))
    .OrderByDescending(g => g.Count())
    .ToList();
Console.WriteLine($"best minima found ({minima.Sum(g => g.Count()):N0} of {starts:N0} starts ended with f < 1e-6):");
foreach (var group in minima.Take(8))
{
    var best = group.MinBy(i => fs[i]);
    Console.WriteLine($"  ({xs[best],10:F6}, {ys[best],10:F6})   f = {fs[best]:E2}   reached from {group.Count(),9:N0} starts");
}

static double Fraction(double t) => t - Math.Floor(t);
