using System;
using System.Numerics.Tensors;

namespace DiffOpt.Solvers;

/// <summary>
/// Counter-based random directions: entry i of the direction for a key is a pure function of (key, i), so a
/// direction is regenerated, chunk by chunk, instead of being stored (the memory trick of MeZO).
/// </summary>
/// <remarks>
/// The hash is the SplitMix64 finalizer (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number
/// generators") applied to key + (counter + 1)·φ, φ the 64-bit golden-ratio constant. Gaussian entries come in
/// pairs by the Box–Muller transform of two hashed uniforms (log, sqrt and sin/cos by TensorPrimitives).
/// Results are identical across runs and processes on one machine; across CPUs (vector widths) and operating
/// systems the Gaussian entries may differ in the last bits. Rademacher entries are bit-exact everywhere.
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

        // Box–Muller on the whole chunk at once: hashed uniforms, then vectorized log, sqrt and sin/cos.
        const double Unit = 1.0 / (1UL << 53);
        int pairs = (z.Length + 1) / 2;
        Span<double> radius = stackalloc double[ChunkSize / 2];
        Span<double> angle = stackalloc double[ChunkSize / 2];
        Span<double> sin = stackalloc double[ChunkSize / 2];
        Span<double> cos = stackalloc double[ChunkSize / 2];
        radius = radius.Slice(0, pairs);
        angle = angle.Slice(0, pairs);
        sin = sin.Slice(0, pairs);
        cos = cos.Slice(0, pairs);
        ulong firstPair = (ulong)start >> 1;
        for (int p = 0; p < pairs; p++)
        {
            ulong pair = firstPair + (ulong)p;
            radius[p] = ((Hash(key, 2 * pair) >> 11) + 1) * Unit;      // (0, 1]: the logarithm stays finite
            angle[p] = 2 * Math.PI * ((Hash(key, 2 * pair + 1) >> 11) * Unit);
        }

        TensorPrimitives.Log(radius, radius);
        TensorPrimitives.Multiply(radius, -2.0, radius);
        TensorPrimitives.Sqrt(radius, radius);
        TensorPrimitives.SinCos(angle, sin, cos);
        for (int p = 0; p < pairs; p++)
        {
            z[2 * p] = radius[p] * cos[p];
            if (2 * p + 1 < z.Length)
            {
                z[2 * p + 1] = radius[p] * sin[p];
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
