using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Counter-based random directions: entry i of the direction for a key is a pure function of (key, i), so a
/// direction is regenerated, chunk by chunk, instead of being stored (the memory trick of MeZO).
/// </summary>
/// <remarks>
/// The hash is the SplitMix64 finalizer (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number
/// generators") applied to key + (counter + 1)·φ, φ the 64-bit golden-ratio constant. Gaussian entries come in
/// pairs by the Box–Muller transform of two hashed uniforms. Results are identical across runs and processes;
/// across operating systems the Gaussian entries may differ in the last bits, because Math.Log, Math.Cos and
/// Math.Sin come from the platform's math library.
/// </remarks>
internal static class RandomDirection
{
    /// <summary>Entries per chunk; even, so Box–Muller pairs never straddle chunks, and a multiple of 64.</summary>
    public const int ChunkSize = 256;

    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static ulong Hash(ulong key, ulong counter)
    {
        ulong z = key + (counter + 1) * Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The key of one direction: the optimizer's seed, the step index and a stream index.</summary>
    public static ulong Key(ulong seed, long step, int stream) => Hash(Hash(seed, (ulong)step), (ulong)stream);

    /// <summary>Writes entries <paramref name="start"/> … start + z.Length − 1 of the direction of <paramref name="key"/>.</summary>
    /// <param name="z">The destination; at most <see cref="ChunkSize"/> long.</param>
    /// <param name="key">The direction's key.</param>
    /// <param name="start">Index of the first entry; a multiple of <see cref="ChunkSize"/>.</param>
    /// <param name="kind">The distribution.</param>
    public static void Fill(Span<double> z, ulong key, long start, PerturbationKind kind)
    {
        if (kind == PerturbationKind.Rademacher)
        {
            for (int offset = 0; offset < z.Length; offset += 64)
            {
                ulong bits = Hash(key, (ulong)((start + offset) >> 6));
                int count = Math.Min(64, z.Length - offset);
                for (int b = 0; b < count; b++)
                {
                    z[offset + b] = ((bits >> b) & 1) == 0 ? 1.0 : -1.0;
                }
            }

            return;
        }

        const double Unit = 1.0 / (1UL << 53);
        for (int k = 0; k < z.Length; k += 2)
        {
            ulong pair = (ulong)(start + k) >> 1;
            double u1 = ((Hash(key, 2 * pair) >> 11) + 1) * Unit; // (0, 1]: the logarithm stays finite
            double u2 = (Hash(key, 2 * pair + 1) >> 11) * Unit;   // [0, 1)
            double r = Math.Sqrt(-2 * Math.Log(u1));
            double angle = 2 * Math.PI * u2;
            z[k] = r * Math.Cos(angle);
            if (k + 1 < z.Length)
            {
                z[k + 1] = r * Math.Sin(angle);
            }
        }
    }

    /// <summary>x ← x + scale · z(key).</summary>
    public static void AddScaled(Span<double> x, ulong key, double scale, PerturbationKind kind)
    {
        Span<double> z = stackalloc double[ChunkSize];
        for (int start = 0; start < x.Length; start += ChunkSize)
        {
            int length = Math.Min(ChunkSize, x.Length - start);
            Span<double> chunk = z.Slice(0, length);
            Fill(chunk, key, start, kind);
            Span<double> xs = x.Slice(start, length);
            for (int i = 0; i < xs.Length; i++)
            {
                xs[i] += scale * chunk[i];
            }
        }
    }
}
