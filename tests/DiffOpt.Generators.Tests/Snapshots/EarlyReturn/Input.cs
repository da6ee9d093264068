// Branches with an early return inside one of them, compound assignment, && and ! in conditions.
using System;
using DiffOpt;

namespace Snapshots.EarlyReturn
{
    public static partial class Functions
    {
        [Differentiable]
        public static double Piecewise(double x, double y)
        {
            double s = x * y;
            if (s > 1.0 && !(y < 0.0))
            {
                s *= s;
                return Math.Exp(-s) + x;
            }
            else if (s < -1.0 || x == 0.0)
            {
                s -= 2.0 * y;
            }
            else
            {
                s = Math.Tanh(s);
            }

            s += x / (1.0 + y * y);
            return s * y;
        }

        [Gradient(nameof(Piecewise))]
        public static partial double PiecewiseGradient(double x, double y, out double dx, out double dy);
    }
}
