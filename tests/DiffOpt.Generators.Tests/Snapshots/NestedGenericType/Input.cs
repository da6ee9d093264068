// A differentiable method in a nested type inside a generic record, in a nested namespace.
using System;
using DiffOpt;

namespace Snapshots.NestedGenericType.Inner
{
    public partial record Container<TItem>
    {
        public static partial class Math2
        {
            [Differentiable]
            private static double Hypot(double a, double b) => Math.Sqrt(a * a + b * b);

            [Gradient(nameof(Hypot))]
            private static partial double HypotGradient(double a, double b, out double dA, out double dB);
        }
    }
}
