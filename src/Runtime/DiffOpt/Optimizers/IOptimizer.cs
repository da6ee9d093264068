using System;

namespace DiffOpt.Solvers;

/// <summary>
/// A stateful first-order optimizer for training loops: each <see cref="Step"/> reads a gradient and updates the
/// parameters in place, keeping whatever per-parameter state (momentum, moment estimates) the method needs.
/// </summary>
/// <remarks>
/// The optimizer binds to a parameter count on its first step; later steps must pass the same count until
/// <see cref="Reset"/> is called. After the first step a step allocates nothing.
/// </remarks>
public interface IOptimizer
{
    /// <summary>Updates <paramref name="parameters"/> in place from <paramref name="gradient"/> (one training step).</summary>
    /// <param name="parameters">The parameters, overwritten with the updated values.</param>
    /// <param name="gradient">The gradient of the loss at <paramref name="parameters"/>; same length.</param>
    /// <exception cref="ArgumentException">The lengths differ, or differ from the count of earlier steps.</exception>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradient);

    /// <summary>The number of steps taken since construction or the last <see cref="Reset"/>.</summary>
    long StepCount { get; }

    /// <summary>The learning rate the next step will use: <see cref="Schedule"/> evaluated at <see cref="StepCount"/>.</summary>
    double LearningRate { get; }

    /// <summary>The learning-rate schedule, evaluated at the index of each step (0 for the first).</summary>
    ILearningRateSchedule Schedule { get; set; }

    /// <summary>Bytes of per-parameter state the optimizer holds now (0 before the first step).</summary>
    long StateBytes { get; }

    /// <summary>Forgets all state and the step count, so the optimizer can start again, on any parameter count.</summary>
    void Reset();
}
