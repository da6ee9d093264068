// A scalar function of two inputs built from Math calls, with its gradient.
using System;
using DiffOpt;

namespace Snapshots.ScalarMath;

public static partial class Functions
{
    [Differentiable]
    public static double Wave(double x, double y) =>
        Math.Sin(x) * Math.Exp(-y) + Math.Log(1.0 + x * x) - Math.Sqrt(y * y + 2.0) / Math.Cosh(x) + Math.Pow(x, 3.0) * Math.Atan2(y, x);

    [Gradient(nameof(Wave))]
    public static partial double WaveGradient(double x, double y, out double dx, out double dy);
}
