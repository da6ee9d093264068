using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Linear warm-up to a peak rate, then constant: rate(t) = peak · min(1, (t + 1) / warmupSteps).
/// </summary>
/// <remarks>
/// The first step (t = 0) already uses peak / warmupSteps rather than 0, so no step is wasted; step
/// <c>warmupSteps − 1</c> is the first at the peak (Goyal et al. 2017, "Accurate, Large Minibatch SGD").
/// </remarks>
public sealed class LinearWarmupSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="peakRate">The rate after warm-up; finite, non-negative.</param>
    /// <param name="warmupSteps">The number of warm-up steps; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public LinearWarmupSchedule(double peakRate, long warmupSteps)
    {
        OptimizerChecks.NonNegativeFinite(peakRate, nameof(peakRate));
        OptimizerChecks.Positive(warmupSteps, nameof(warmupSteps));
        PeakRate = peakRate;
        WarmupSteps = warmupSteps;
    }

    /// <summary>The rate after warm-up.</summary>
    public double PeakRate { get; }

    /// <summary>The number of warm-up steps.</summary>
    public long WarmupSteps { get; }

    /// <inheritdoc/>
    public double GetLearningRate(long step) => PeakRate * WarmupFactor(Math.Max(step, 0), WarmupSteps);

    /// <summary>min(1, (t + 1) / warmupSteps); shared with <see cref="CosineSchedule"/>.</summary>
    internal static double WarmupFactor(long step, long warmupSteps)
        => step + 1 >= warmupSteps ? 1.0 : (step + 1) / (double)warmupSteps;
}
