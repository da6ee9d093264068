// The conditional operator, nested, with a comparison on a computed value.
using System;
using DiffOpt;

namespace Snapshots.Conditional;

public static partial class Functions
{
    [Differentiable]
    public static double SoftClip(double x, double limit)
    {
        double t = x > limit ? limit + Math.Log(1.0 + x - limit) : (x < -limit ? -limit - Math.Log(1.0 - x - limit) : x);
        return t * t;
    }

    [Gradient(nameof(SoftClip))]
    public static partial double SoftClipGradient(double x, double limit, out double dx, out double dLimit);
}
