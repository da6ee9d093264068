using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Cosine annealing from a peak rate to a floor over a fixed number of steps, with an optional linear warm-up
/// (Loshchilov &amp; Hutter 2017, "SGDR: Stochastic Gradient Descent with Warm Restarts", without restarts).
/// </summary>
/// <remarks>
/// For t &lt; W (warm-up steps): rate = peak · (t + 1) / W. After it, with progress
/// p = min(1, (t − W) / (T − W)) where T is <see cref="TotalSteps"/>:
/// rate = floor + (peak − floor) · (1 + cos(π p)) / 2. Steps at or past T use the floor.
/// </remarks>
public sealed class CosineSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="peakRate">The rate at the start of the cosine part; finite, non-negative.</param>
    /// <param name="totalSteps">The step index at which the floor is reached; greater than <paramref name="warmupSteps"/>.</param>
    /// <param name="warmupSteps">Linear warm-up steps before the cosine part; 0 for none.</param>
    /// <param name="minRate">The floor; finite, between 0 and <paramref name="peakRate"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public CosineSchedule(double peakRate, long totalSteps, long warmupSteps = 0, double minRate = 0)
    {
        OptimizerChecks.NonNegativeFinite(peakRate, nameof(peakRate));
        if (warmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "Must be 0 or more.");
        }

        if (totalSteps <= warmupSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "Must be greater than warmupSteps.");
        }

        OptimizerChecks.NonNegativeFinite(minRate, nameof(minRate));
        if (minRate > peakRate)
        {
            throw new ArgumentOutOfRangeException(nameof(minRate), minRate, "Must not exceed peakRate.");
        }

        PeakRate = peakRate;
        TotalSteps = totalSteps;
        WarmupSteps = warmupSteps;
        MinRate = minRate;
    }

    /// <summary>The rate at the end of warm-up (the top of the cosine).</summary>
    public double PeakRate { get; }

    /// <summary>The step index at which the floor is reached.</summary>
    public long TotalSteps { get; }

    /// <summary>The number of linear warm-up steps.</summary>
    public long WarmupSteps { get; }

    /// <summary>The floor.</summary>
    public double MinRate { get; }

    /// <inheritdoc/>
    public double GetLearningRate(long step)
    {
        step = Math.Max(step, 0);
        if (step < WarmupSteps)
        {
            return PeakRate * LinearWarmupSchedule.WarmupFactor(step, WarmupSteps);
        }

        double progress = Math.Min(1.0, (step - WarmupSteps) / (double)(TotalSteps - WarmupSteps));
        return MinRate + (PeakRate - MinRate) * (1 + Math.Cos(Math.PI * progress)) / 2;
    }
}
