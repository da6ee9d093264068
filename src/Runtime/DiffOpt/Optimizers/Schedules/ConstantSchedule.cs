namespace DiffOpt.Solvers;

/// <summary>The same learning rate at every step.</summary>
public sealed class ConstantSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="rate">The learning rate; finite, non-negative.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="rate"/> is negative or not finite.</exception>
    public ConstantSchedule(double rate)
    {
        OptimizerChecks.NonNegativeFinite(rate, nameof(rate));
        Rate = rate;
    }

    /// <summary>The learning rate.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public double GetLearningRate(long step) => Rate;
}
