// Forward mode: a JVP declaration with a scalar and a span tangent, next to the gradient of the same function.
using System;
using DiffOpt;

namespace Snapshots.JvpDeclaration;

public static partial class Functions
{
    [Differentiable]
    public static double Dot(double scale, ReadOnlySpan<double> w) => scale * (w[0] * Math.Sin(w[1]) + w[2] * w[2]);

    [Jvp(nameof(Dot))]
    public static partial double DotJvp(double scale, ReadOnlySpan<double> w, double dScale, ReadOnlySpan<double> dw, out double dResult);
}
