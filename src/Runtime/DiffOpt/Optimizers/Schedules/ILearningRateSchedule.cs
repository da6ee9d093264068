namespace DiffOpt.Solvers;

/// <summary>A learning rate as a function of the step index.</summary>
/// <remarks>
/// Optimizers evaluate the schedule at the index of the step they are about to take: 0 for the first step,
/// 1 for the second, and so on. Implementations must be pure (the same index gives the same rate) and
/// return a finite, non-negative rate; optimizers refuse anything else.
/// </remarks>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate of the step with index <paramref name="step"/> (0 for the first step).</summary>
    /// <param name="step">The step index, 0 or more.</param>
    /// <returns>The learning rate.</returns>
    double GetLearningRate(long step);
}
