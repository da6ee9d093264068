// A gradient with respect to a subset of the inputs: b has no gradient parameter, so it is a constant;
// also a void gradient that only writes the gradient.
using System;
using DiffOpt;

namespace Snapshots.SubsetGradient;

public static partial class Functions
{
    [Differentiable]
    public static double Loss(double a, double b, ReadOnlySpan<double> w) => a * w[0] + Math.Sin(b * w[1]) + a * b;

    [Gradient(nameof(Loss))]
    public static partial double LossGradient(double a, double b, ReadOnlySpan<double> w, out double da, Span<double> dw);

    [Gradient(nameof(Loss))]
    public static partial void LossGradientInB(double a, double b, ReadOnlySpan<double> w, out double db);
}
