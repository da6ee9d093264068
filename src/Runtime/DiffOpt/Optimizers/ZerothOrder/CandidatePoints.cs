using System;

namespace DiffOpt.Solvers;

/// <summary>The candidate points a <see cref="ZoRankSgd"/> step asks a <see cref="RankingOracle"/> to rank.</summary>
/// <remarks>The optimizer reuses one instance and its storage across steps: read the points during the call only.</remarks>
public sealed class CandidatePoints
{
    private readonly double[] storage;

    internal CandidatePoints(int count, int dimension)
    {
        Count = count;
        Dimension = dimension;
        storage = new double[(long)count * dimension];
    }

    /// <summary>The number of candidates.</summary>
    public int Count { get; }

    /// <summary>The length of each candidate (the parameter count).</summary>
    public int Dimension { get; }

    /// <summary>Candidate <paramref name="index"/>.</summary>
    /// <param name="index">0 … <see cref="Count"/> − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public ReadOnlySpan<double> this[int index] => Point(index);

    internal long Bytes => storage.LongLength * sizeof(double);

    internal Span<double> Point(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "No such candidate.");
        }

        return storage.AsSpan(index * Dimension, Dimension);
    }
}
