// Constants that only survive a round-trip format: 0.1, 1e-300, 1.0/3.0 (folded by the compiler), a negative
// constant, and a float constant widened to double.
using System;
using DiffOpt;

namespace Snapshots.Constants;

public static partial class Functions
{
    [Differentiable]
    public static double Tenth(double x) => 0.1 * x;

    [Differentiable]
    public static double Tiny(double x) => 1e-300 * x;

    [Differentiable]
    public static double Third(double x) => (1.0 / 3.0) * x;

    [Differentiable]
    public static double Mixed(double x) => -0.5 * x * x + 1.5f * x + 12345.678;

    [Gradient(nameof(Tenth))]
    public static partial double TenthGradient(double x, out double dx);

    [Gradient(nameof(Tiny))]
    public static partial double TinyGradient(double x, out double dx);

    [Gradient(nameof(Third))]
    public static partial double ThirdGradient(double x, out double dx);

    [Gradient(nameof(Mixed))]
    public static partial double MixedGradient(double x, out double dx);
}
