using System;

namespace DiffOpt.Solvers;

/// <summary>Step decay: rate(t) = initial · factor^⌊t / interval⌋ (the rate drops by <see cref="Factor"/> every <see cref="Interval"/> steps).</summary>
public sealed class StepDecaySchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">The rate of the first interval; finite, non-negative.</param>
    /// <param name="interval">Steps between drops; positive.</param>
    /// <param name="factor">The multiplier applied at each drop; in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public StepDecaySchedule(double initialRate, long interval, double factor = 0.1)
    {
        OptimizerChecks.NonNegativeFinite(initialRate, nameof(initialRate));
        OptimizerChecks.Positive(interval, nameof(interval));
        if (!(factor > 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Must be in (0, 1].");
        }

        InitialRate = initialRate;
        Interval = interval;
        Factor = factor;
    }

    /// <summary>The rate of the first interval.</summary>
    public double InitialRate { get; }

    /// <summary>Steps between drops.</summary>
    public long Interval { get; }

    /// <summary>The multiplier applied at each drop.</summary>
    public double Factor { get; }

    /// <inheritdoc/>
    public double GetLearningRate(long step) => InitialRate * Math.Pow(Factor, Math.Max(step, 0) / Interval);
}
