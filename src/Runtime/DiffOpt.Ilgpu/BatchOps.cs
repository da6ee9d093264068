using System;
using ILGPU;
using ILGPU.Runtime;

namespace DiffOpt.Ilgpu;

/// <summary>Element-wise updates on the accelerator, for optimisation loops around the generated gradient kernels.</summary>
public static class BatchOps
{
    /// <summary><c>x[i] += alpha * d[i]</c> for every element (a gradient step is <c>alpha = −learning rate</c>).</summary>
    /// <param name="device">The device holding the views.</param>
    /// <param name="x">The values to update.</param>
    /// <param name="d">The direction; same length as <paramref name="x"/>.</param>
    /// <param name="alpha">The step.</param>
    /// <exception cref="ArgumentNullException"><paramref name="device"/> is null.</exception>
    /// <exception cref="ArgumentException">The views differ in length.</exception>
    public static void AddScaled(IlgpuDevice device, ArrayView<double> x, ArrayView<double> d, double alpha)
    {
        ArgumentNullException.ThrowIfNull(device);
        KernelLaunch.CheckLength(d.Length, x.Length, nameof(d));
        if (x.Length == 0)
        {
            return;
        }

        var kernel = device.GetKernel("DiffOpt.Ilgpu.BatchOps.AddScaledDouble", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, double>(AddScaledDouble));
        kernel(checked((int)x.Length), x, d, alpha);
    }

    /// <summary><c>x[i] += alpha * d[i]</c> in single precision.</summary>
    /// <param name="device">The device holding the views.</param>
    /// <param name="x">The values to update.</param>
    /// <param name="d">The direction; same length as <paramref name="x"/>.</param>
    /// <param name="alpha">The step.</param>
    /// <exception cref="ArgumentNullException"><paramref name="device"/> is null.</exception>
    /// <exception cref="ArgumentException">The views differ in length.</exception>
    public static void AddScaled(IlgpuDevice device, ArrayView<float> x, ArrayView<float> d, float alpha)
    {
        ArgumentNullException.ThrowIfNull(device);
        KernelLaunch.CheckLength(d.Length, x.Length, nameof(d));
        if (x.Length == 0)
        {
            return;
        }

        var kernel = device.GetKernel("DiffOpt.Ilgpu.BatchOps.AddScaledSingle", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, float>(AddScaledSingle));
        kernel(checked((int)x.Length), x, d, alpha);
    }

    private static void AddScaledDouble(Index1D index, ArrayView<double> x, ArrayView<double> d, double alpha) => x[index] += alpha * d[index];

    private static void AddScaledSingle(Index1D index, ArrayView<float> x, ArrayView<float> d, float alpha) => x[index] += alpha * d[index];
}
