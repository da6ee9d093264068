using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DiffOpt.Torch;

/// <summary>Copies between tensors and CPU <c>double</c> arrays (row-major).</summary>
public static class TensorData
{
    /// <summary>The elements of <paramref name="tensor"/>, converted to <c>double</c> and copied to the CPU, in row-major order.</summary>
    /// <param name="tensor">Any tensor of a real dtype, on any device.</param>
    /// <returns>A new array.</returns>
    public static double[] ToDoubles(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().to(ScalarType.Float64, CPU).contiguous();
        var values = new double[cpu.numel()];
        cpu.data<double>().CopyTo(values, 0, 0);
        return values;
    }

    /// <summary>A tensor with the given elements (row-major) and shape, then converted to <paramref name="dtype"/> on <paramref name="device"/>.</summary>
    /// <param name="values">The elements.</param>
    /// <param name="shape">The shape; the product of its sizes must equal the number of elements.</param>
    /// <param name="dtype">The result's dtype.</param>
    /// <param name="device">The result's device.</param>
    /// <returns>A new tensor.</returns>
    public static Tensor FromDoubles(double[] values, long[] shape, ScalarType dtype, Device device)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(device);
        using var scope = NewDisposeScope();
        var cpu = torch.tensor(values, shape, ScalarType.Float64);
        var result = cpu.to(dtype, device);
        return ReferenceEquals(result, cpu) ? cpu.MoveToOuterDisposeScope() : result.MoveToOuterDisposeScope();
    }
}
