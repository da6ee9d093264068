namespace DiffOpt.Solvers;

/// <summary>
/// Minimisers of a smooth objective f: ℝⁿ → ℝ, unconstrained or over a convex set, and of composite objectives
/// f + g with g convex and possibly non-smooth.
/// </summary>
/// <remarks>
/// <para>
/// Every method copies the starting point, allocates its work buffers once and then runs without allocating;
/// results are deterministic. A NaN or infinite starting point, an empty one, or mismatched lengths throw
/// <see cref="System.ArgumentException"/> naming the parameter. Everything that goes wrong during the run is
/// reported in the returned <see cref="OptimizationResult"/> instead (see <see cref="OptimizationStatus"/>).
/// </para>
/// <para>See <c>docs/solvers.md</c> for a guide with examples.</para>
/// </remarks>
public static partial class Minimize
{
}
