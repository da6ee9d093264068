using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DiffOpt.Torch;

/// <summary>Small tensor helpers that the elementwise lowering of <c>[TorchFunction]</c> declarations calls.</summary>
public static class TensorOps
{
    /// <summary>A zero-dimensional tensor holding <paramref name="value"/>, with the dtype and device of <paramref name="like"/> (it broadcasts against anything).</summary>
    /// <param name="value">The value.</param>
    /// <param name="like">The tensor whose dtype and device the constant takes.</param>
    /// <returns>A new tensor.</returns>
    public static Tensor Constant(double value, Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return torch.tensor(value, like.dtype, like.device);
    }

    /// <summary>A zero-dimensional boolean tensor on the device of <paramref name="like"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="like">The tensor whose device the constant takes.</param>
    /// <returns>A new tensor.</returns>
    public static Tensor Constant(bool value, Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return torch.tensor(value, ScalarType.Bool, like.device);
    }

    /// <summary>The real cube root, <c>Math.Cbrt</c> elementwise: <c>sign(x)·|x|^(1/3)</c>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>A new tensor.</returns>
    public static Tensor Cbrt(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.sign() * x.abs().pow(1.0 / 3.0);
    }
}
