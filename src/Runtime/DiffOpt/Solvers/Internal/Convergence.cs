using System;

namespace DiffOpt.Solvers.Internal;

/// <summary>The convergence threshold shared by the solvers.</summary>
internal static class Convergence
{
    /// <summary>
    /// Tolerance · max(1, min(m₀, |scale|)): relative to the starting optimality measure m₀, but never looser than
    /// relative to the current objective value (or, for fixed points, the size of x). The second bound stops a
    /// terrible start (a huge m₀) from certifying a point far from the solution.
    /// </summary>
    public static double Threshold(double tolerance, double initialMeasure, double scale) =>
        tolerance * Math.Max(1.0, Math.Min(initialMeasure, Math.Abs(scale)));

    /// <summary>
    /// True when <see cref="SolverOptions.ValueTolerance"/> is on and one iteration lowered f by at most
    /// ValueTolerance · max(1, |f|).
    /// </summary>
    public static bool SmallValueChange(SolverOptions o, double before, double after) =>
        o.ValueTolerance > 0
        && before - after <= o.ValueTolerance * Math.Max(1.0, Math.Max(Math.Abs(before), Math.Abs(after)));
}
