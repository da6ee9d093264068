namespace DiffOpt.Benchmarks.Solvers;

/// <summary>
/// Counter-based SplitMix64 (Steele, Lea &amp; Flood, "Fast Splittable Pseudorandom Number Generators", OOPSLA 2014):
/// the i-th uniform of a stream is a pure function of (seed, i), so benchmarks/scipy/lbfgs_reference.py regenerates
/// exactly the same numbers with vectorised numpy.
/// </summary>
internal static class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public static double Uniform(ulong seed, ulong index)
    {
        ulong z = unchecked(seed + (index + 1) * Golden);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
