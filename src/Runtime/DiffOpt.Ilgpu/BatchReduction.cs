using System;
using ILGPU;
using ILGPU.Runtime;

namespace DiffOpt.Ilgpu;

/// <summary>
/// Sums the rows of a structure-of-arrays batch on the accelerator: <c>result[r] = Σᵢ data[r * batch + i]</c>. This
/// is the reduce of DiffOpt's map-reduce gradients (the per-item gradients of the shared parameters, summed).
/// </summary>
/// <remarks>
/// Two passes, deterministic: a kernel in which thread <c>(r, p)</c> sums items <c>p, p + P, p + 2P, …</c> of row
/// <c>r</c> (neighbouring threads read neighbouring addresses), into <c>P</c> partial sums per row, accumulated in
/// <see cref="double"/>; then the host adds each row's <c>P</c> partials in a fixed order. No atomics, so the same
/// inputs give the same bits on every run (floating-point atomics would add in a run-dependent order).
/// </remarks>
public static class BatchReduction
{
    /// <summary>The number of partial sums per row (<c>P</c>), or the batch size if smaller.</summary>
    public const int PartialsPerRow = 8192;

    /// <summary>Sums each row of <paramref name="data"/> (<paramref name="rows"/> rows of <paramref name="batch"/> items).</summary>
    /// <param name="device">The device holding <paramref name="data"/>.</param>
    /// <param name="data">Structure-of-arrays values, at least <c>rows * batch</c> of them.</param>
    /// <param name="batch">Items per row.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="result">Receives the row sums; length <paramref name="rows"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="device"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is less than 1 or <paramref name="rows"/> negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> or <paramref name="result"/> is too short.</exception>
    public static void SumRows(IlgpuDevice device, ArrayView<double> data, int batch, int rows, Span<double> result)
    {
        var partials = Prepare(device, data.Length, batch, rows, result);
        if (rows == 0)
        {
            return;
        }

        var kernel = device.GetKernel("DiffOpt.Ilgpu.BatchReduction.SumDouble", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, int, int, ArrayView<double>>(SumDoubleKernel));
        Finish(device, partials, batch, rows, result, (count, p, view) => kernel(count, data, batch, p, view));
    }

    /// <summary>Sums each row of single-precision <paramref name="data"/>, accumulating in double.</summary>
    /// <param name="device">The device holding <paramref name="data"/>.</param>
    /// <param name="data">Structure-of-arrays values, at least <c>rows * batch</c> of them.</param>
    /// <param name="batch">Items per row.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="result">Receives the row sums; length <paramref name="rows"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="device"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is less than 1 or <paramref name="rows"/> negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> or <paramref name="result"/> is too short.</exception>
    public static void SumRows(IlgpuDevice device, ArrayView<float> data, int batch, int rows, Span<double> result)
    {
        var partials = Prepare(device, data.Length, batch, rows, result);
        if (rows == 0)
        {
            return;
        }

        var kernel = device.GetKernel("DiffOpt.Ilgpu.BatchReduction.SumSingle", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, int, int, ArrayView<double>>(SumSingleKernel));
        Finish(device, partials, batch, rows, result, (count, p, view) => kernel(count, data, batch, p, view));
    }

    private static int Prepare(IlgpuDevice device, long dataLength, int batch, int rows, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(device);
        KernelLaunch.CheckBatch(batch, nameof(batch));
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (dataLength < (long)rows * batch)
        {
            throw new ArgumentException("The view holds fewer than rows * batch elements.", "data");
        }

        if (result.Length < rows)
        {
            throw new ArgumentException("The result span is shorter than the number of rows.", nameof(result));
        }

        return Math.Min(batch, PartialsPerRow);
    }

    private static void Finish(IlgpuDevice device, int partials, int batch, int rows, Span<double> result, Action<int, int, ArrayView<double>> launch)
    {
        var scratch = device.Scratch<double>("DiffOpt.Ilgpu.BatchReduction.Partials", (long)partials * rows);
        launch(partials * rows, partials, scratch);
        var host = device.Download(scratch);
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var p = 0; p < partials; p++)
            {
                sum += host[(r * partials) + p];
            }

            result[r] = sum;
        }
    }

    private static void SumDoubleKernel(Index1D index, ArrayView<double> data, int batch, int partials, ArrayView<double> output)
    {
        var row = index.X / partials;
        var lane = index.X - (row * partials);
        var offset = (long)row * batch;
        var sum = 0.0;
        for (var i = lane; i < batch; i += partials)
        {
            sum += data[offset + i];
        }

        output[index.X] = sum;
    }

    private static void SumSingleKernel(Index1D index, ArrayView<float> data, int batch, int partials, ArrayView<double> output)
    {
        var row = index.X / partials;
        var lane = index.X - (row * partials);
        var offset = (long)row * batch;
        var sum = 0.0;
        for (var i = lane; i < batch; i += partials)
        {
            sum += data[offset + i];
        }

        output[index.X] = sum;
    }
}
