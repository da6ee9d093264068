using System;
using System.Globalization;

namespace DiffOpt.Solvers;

/// <summary>Builds <see cref="RankingOracle"/>s from a loss or from a pairwise comparison.</summary>
public static class RankingOracles
{
    /// <summary>An oracle that evaluates <paramref name="loss"/> at every candidate and ranks by value (ties: lower index first).</summary>
    /// <param name="loss">The loss.</param>
    /// <returns>The oracle. It reuses its buffers, so it allocates only when the candidate count grows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    public static RankingOracle FromLoss(LossFunction loss)
    {
        if (loss is null)
        {
            throw new ArgumentNullException(nameof(loss));
        }

        return new LossRanker(loss).Rank;
    }

    /// <summary>
    /// An oracle that ranks with a pairwise comparison (a stable insertion sort: about m²/2 comparisons for m
    /// candidates, as many as a human judge would make for a full ranking of a few items).
    /// </summary>
    /// <param name="comparison">The comparison; it must be consistent (a total preorder).</param>
    /// <returns>The oracle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    public static RankingOracle FromComparison(PointComparison comparison)
    {
        if (comparison is null)
        {
            throw new ArgumentNullException(nameof(comparison));
        }

        return new ComparisonRanker(comparison).Rank;
    }

    private sealed class LossRanker(LossFunction loss)
    {
        private double[] values = [];
        private int[] order = [];

        public void Rank(CandidatePoints candidates, Span<int> ranking)
        {
            int m = candidates.Count;
            if (values.Length < m)
            {
                values = new double[m];
                order = new int[m];
            }

            for (int i = 0; i < m; i++)
            {
                double value = loss(candidates[i]);
                if (double.IsNaN(value))
                {
                    throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                        "The loss returned NaN at candidate {0}; candidates cannot be ranked.", i));
                }

                values[i] = value;
                order[i] = i;
            }

            // Stable insertion sort by value; m is small (a handful of candidates).
            for (int i = 1; i < m; i++)
            {
                int item = order[i];
                int j = i - 1;
                while (j >= 0 && values[order[j]] > values[item])
                {
                    order[j + 1] = order[j];
                    j--;
                }

                order[j + 1] = item;
            }

            order.AsSpan(0, ranking.Length).CopyTo(ranking);
        }
    }

    private sealed class ComparisonRanker(PointComparison comparison)
    {
        private int[] order = [];

        public void Rank(CandidatePoints candidates, Span<int> ranking)
        {
            int m = candidates.Count;
            if (order.Length < m)
            {
                order = new int[m];
            }

            for (int i = 0; i < m; i++)
            {
                order[i] = i;
            }

            for (int i = 1; i < m; i++)
            {
                int item = order[i];
                int j = i - 1;
                while (j >= 0 && comparison(candidates[order[j]], candidates[item]) > 0)
                {
                    order[j + 1] = order[j];
                    j--;
                }

                order[j + 1] = item;
            }

            order.AsSpan(0, ranking.Length).CopyTo(ranking);
        }
    }
}
