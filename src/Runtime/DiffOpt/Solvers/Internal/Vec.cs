using System;
using System.Numerics.Tensors;

namespace DiffOpt.Solvers.Internal;

/// <summary>Small vector kernels on spans (SIMD through <see cref="TensorPrimitives"/>).</summary>
internal static class Vec
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => TensorPrimitives.Dot(a, b);

    public static double Norm(ReadOnlySpan<double> a) => TensorPrimitives.Norm(a);

    /// <summary>y ← y + a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.MultiplyAdd(x, a, y, y);

    /// <summary>result ← x + a·d.</summary>
    public static void AddScaled(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> d, Span<double> result) =>
        TensorPrimitives.MultiplyAdd(d, a, x, result);

    /// <summary>result ← a + b.</summary>
    public static void Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result) =>
        TensorPrimitives.Add(a, b, result);

    /// <summary>result ← a − b.</summary>
    public static void Subtract(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result) =>
        TensorPrimitives.Subtract(a, b, result);

    /// <summary>x ← a·x.</summary>
    public static void Scale(double a, Span<double> x) => TensorPrimitives.Multiply(x, a, x);

    /// <summary>result ← −x.</summary>
    public static void Negate(ReadOnlySpan<double> x, Span<double> result) => TensorPrimitives.Negate(x, result);

    /// <summary>‖a − b‖₂ without a temporary.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => TensorPrimitives.Distance(a, b);

    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                return false;
            }
        }

        return true;
    }
}
