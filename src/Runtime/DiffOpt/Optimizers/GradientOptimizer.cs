using System;
using System.Globalization;

namespace DiffOpt.Solvers;

/// <summary>
/// Shared machinery of the first-order optimizers: argument checks, the learning-rate schedule, the step count
/// and lazy allocation of per-parameter state on the first step.
/// </summary>
public abstract class GradientOptimizer : IOptimizer
{
    private ILearningRateSchedule schedule;
    private int parameterCount = -1;

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="schedule">The learning-rate schedule.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    private protected GradientOptimizer(ILearningRateSchedule schedule)
    {
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
    }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <inheritdoc/>
    public double LearningRate => schedule.GetLearningRate(StepCount);

    /// <inheritdoc/>
    public ILearningRateSchedule Schedule
    {
        get => schedule;
        set => schedule = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The parameter count the optimizer is bound to, or -1 before the first step.</summary>
    public int ParameterCount => parameterCount;

    /// <inheritdoc/>
    public abstract long StateBytes { get; }

    /// <inheritdoc/>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (gradient.Length != parameters.Length)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture,
                    "The gradient has {0} entries but there are {1} parameters.", gradient.Length, parameters.Length),
                nameof(gradient));
        }

        if (parameterCount < 0)
        {
            AllocateState(parameters.Length);
            parameterCount = parameters.Length;
        }
        else if (parameters.Length != parameterCount)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture,
                    "The optimizer holds state for {0} parameters (set on its first step) but was given {1}; call Reset() to start over with a different count.",
                    parameterCount, parameters.Length),
                nameof(parameters));
        }

        double rate = OptimizerChecks.CheckedRate(schedule, StepCount);
        StepCount++;
        Update(parameters, gradient, rate, StepCount);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        StepCount = 0;
        parameterCount = -1;
        ReleaseState();
    }

    /// <summary>Allocates the per-parameter state for <paramref name="count"/> parameters (first step only).</summary>
    /// <param name="count">The parameter count.</param>
    private protected abstract void AllocateState(int count);

    /// <summary>Drops the per-parameter state (on <see cref="Reset"/>).</summary>
    private protected abstract void ReleaseState();

    /// <summary>Applies one update. <paramref name="step"/> is 1 on the first step (the <c>t</c> of the papers).</summary>
    private protected abstract void Update(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, long step);
}
