using System;
using System.Globalization;

namespace DiffOpt.Solvers;

/// <summary>
/// ZO-RankSGD (Tang, Rybin &amp; Chang 2023, "Zeroth-Order Optimization Meets Human Feedback: Provable Learning via
/// Ranking Oracles"): each step samples m Gaussian perturbations, asks a <see cref="RankingOracle"/> to rank the
/// perturbed points (fully, or only the best k), and steps against the rank-based gradient estimate.
/// </summary>
/// <remarks>
/// <para>
/// The oracle's answer defines a set E of ordered pairs (i, j), "x + μξᵢ is better than x + μξⱼ": every pair
/// within the ranked top k, and every ranked candidate against every unranked one, so
/// |E| = k(k − 1)/2 + k(m − k). The estimate is ĝ = (1/|E|) Σ_{(i,j)∈E} (ξⱼ − ξᵢ), which points along the
/// gradient in expectation, and the step is θ ← θ − η ĝ. Collecting terms, candidate ranked r-th (r = 1 best)
/// has coefficient 2r − 1 − m and every unranked candidate k, so the update is a weighted sum of the ξᵢ.
/// </para>
/// <para>
/// The directions ξᵢ are regenerated from the seed rather than kept; the m candidate points themselves are
/// stored (the oracle must see them together), so the state is m · n doubles.
/// </para>
/// </remarks>
public sealed class ZoRankSgd
{
    private ILearningRateSchedule schedule;
    private CandidatePoints? candidates;
    private int[]? ranking;
    private double[]? weights;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="learningRate">The step size η; finite, non-negative.</param>
    /// <param name="candidateCount">The number m of perturbed candidates per step; at least 2.</param>
    /// <param name="rankedCount">How many of the best candidates the oracle ranks (k); null for all m.</param>
    /// <param name="smoothing">The perturbation scale μ; finite, positive.</param>
    /// <param name="seed">The seed of the directions.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public ZoRankSgd(double learningRate, int candidateCount = 8, int? rankedCount = null, double smoothing = 0.01, ulong seed = 0)
        : this(OptimizerChecks.Constant(learningRate, nameof(learningRate)), candidateCount, rankedCount, smoothing, seed)
    {
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="schedule">The learning-rate schedule (η per step).</param>
    /// <param name="candidateCount">The number m of perturbed candidates per step; at least 2.</param>
    /// <param name="rankedCount">How many of the best candidates the oracle ranks (k); null for all m.</param>
    /// <param name="smoothing">The perturbation scale μ; finite, positive.</param>
    /// <param name="seed">The seed of the directions.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public ZoRankSgd(ILearningRateSchedule schedule, int candidateCount = 8, int? rankedCount = null, double smoothing = 0.01, ulong seed = 0)
    {
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        if (candidateCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(candidateCount), candidateCount, "Must be at least 2.");
        }

        int k = rankedCount ?? candidateCount;
        if (k < 1 || k > candidateCount)
        {
            throw new ArgumentOutOfRangeException(nameof(rankedCount), rankedCount, "Must be between 1 and candidateCount.");
        }

        OptimizerChecks.PositiveFinite(smoothing, nameof(smoothing));
        CandidateCount = candidateCount;
        RankedCount = k;
        Smoothing = smoothing;
        Seed = seed;
    }

    /// <summary>The number m of perturbed candidates per step.</summary>
    public int CandidateCount { get; }

    /// <summary>How many of the best candidates the oracle ranks (k).</summary>
    public int RankedCount { get; }

    /// <summary>The perturbation scale μ.</summary>
    public double Smoothing { get; }

    /// <summary>The seed of the directions.</summary>
    public ulong Seed { get; }

    /// <summary>The number of steps taken since construction or the last <see cref="Reset"/>.</summary>
    public long StepCount { get; private set; }

    /// <summary>The learning rate the next step will use.</summary>
    public double LearningRate => schedule.GetLearningRate(StepCount);

    /// <summary>The learning-rate schedule, evaluated at the index of each step (0 for the first).</summary>
    public ILearningRateSchedule Schedule
    {
        get => schedule;
        set => schedule = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The number of ordered pairs |E| = k(k − 1)/2 + k(m − k) the ranking reveals.</summary>
    public long PairCount => (long)RankedCount * (RankedCount - 1) / 2 + (long)RankedCount * (CandidateCount - RankedCount);

    /// <summary>Bytes of state held now: the m candidate points and the ranking buffers (0 before the first step).</summary>
    public long StateBytes => candidates is null ? 0 : candidates.Bytes + ranking!.LongLength * sizeof(int) + weights!.LongLength * sizeof(double);

    /// <summary>Takes one step: builds m candidates θ + μξᵢ, has <paramref name="oracle"/> rank them, and updates θ.</summary>
    /// <param name="parameters">The parameters, overwritten with the updated values.</param>
    /// <param name="oracle">The ranking oracle.</param>
    /// <exception cref="ArgumentNullException"><paramref name="oracle"/> is null.</exception>
    /// <exception cref="ArgumentException">The parameter count differs from the first step's.</exception>
    /// <exception cref="InvalidOperationException">The oracle wrote an index out of range or twice.</exception>
    public void Step(Span<double> parameters, RankingOracle oracle)
    {
        if (oracle is null)
        {
            throw new ArgumentNullException(nameof(oracle));
        }

        if (candidates is null)
        {
            candidates = new CandidatePoints(CandidateCount, parameters.Length);
            ranking = new int[RankedCount];
            weights = new double[CandidateCount];
        }
        else if (candidates.Dimension != parameters.Length)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "The optimizer holds state for {0} parameters (set on its first step) but was given {1}; call Reset() to start over with a different count.",
                candidates.Dimension, parameters.Length), nameof(parameters));
        }

        double rate = OptimizerChecks.CheckedRate(schedule, StepCount);
        int m = CandidateCount;
        for (int i = 0; i < m; i++)
        {
            Span<double> point = candidates.Point(i);
            parameters.CopyTo(point);
            RandomDirection.AddScaled(point, RandomDirection.Key(Seed, StepCount, i), Smoothing, PerturbationKind.Gaussian);
        }

        Span<int> order = ranking;
        order.Fill(-1);
        oracle(candidates, order);
        ComputeWeights(order);

        double scale = rate / PairCount;
        for (int i = 0; i < m; i++)
        {
            if (weights![i] != 0)
            {
                RandomDirection.AddScaled(parameters, RandomDirection.Key(Seed, StepCount, i), -scale * weights[i], PerturbationKind.Gaussian);
            }
        }

        StepCount++;
    }

    /// <summary>Sets the step count back to 0 and drops the buffers, so the optimizer can start over on any parameter count.</summary>
    public void Reset()
    {
        StepCount = 0;
        candidates = null;
        ranking = null;
        weights = null;
    }

    // Coefficient of ξᵢ in Σ_{(i,j)∈E} (ξⱼ − ξᵢ): the number of candidates i beats negated plus the number that beat i.
    private void ComputeWeights(ReadOnlySpan<int> order)
    {
        int m = CandidateCount, k = RankedCount;
        Span<double> w = weights;
        w.Fill(double.NaN);
        for (int r = 0; r < k; r++)
        {
            int index = order[r];
            if ((uint)index >= (uint)m || !double.IsNaN(w[index]))
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "The ranking oracle wrote {0} at position {1}; it must write {2} distinct indices in 0…{3}.", index, r, k, m - 1));
            }

            w[index] = 2 * (r + 1) - 1 - m;
        }

        for (int i = 0; i < m; i++)
        {
            if (double.IsNaN(w[i]))
            {
                w[i] = k;
            }
        }
    }
}
