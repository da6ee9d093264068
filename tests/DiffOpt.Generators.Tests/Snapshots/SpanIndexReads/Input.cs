// A span input read at constant and computed indices, a double[] input, and an int size parameter.
using System;
using DiffOpt;

namespace Snapshots.SpanIndexReads;

public static partial class Functions
{
    [Differentiable]
    public static double Rosenbrock2(ReadOnlySpan<double> x, double[] weights, int last)
    {
        double a = 1.0 - x[0];
        double b = x[1] - x[0] * x[0];
        double tail = x[last] * weights[last - 1];
        return a * a + 100.0 * b * b + tail * x.Length;
    }

    [Gradient(nameof(Rosenbrock2))]
    public static partial double Rosenbrock2Gradient(ReadOnlySpan<double> x, double[] weights, int last, Span<double> dx, Span<double> dWeights);
}
