// An instance method with internal accessibility in a partial struct, and its gradient declared as an instance method.
using System;
using DiffOpt;

namespace Snapshots.InstanceMethod;

public partial struct Spring
{
    [Differentiable]
    internal double Energy(double stiffness, double stretch) => 0.5 * stiffness * stretch * stretch + Math.Cos(stretch);

    [Gradient(nameof(Energy))]
    internal partial double EnergyGradient(double stiffness, double stretch, out double dStiffness, out double dStretch);
}
