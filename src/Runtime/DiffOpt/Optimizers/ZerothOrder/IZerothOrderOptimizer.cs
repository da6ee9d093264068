using System;

namespace DiffOpt.Solvers;

/// <summary>
/// A stateful zeroth-order optimizer for training loops: each <see cref="Step"/> evaluates the loss (no gradient)
/// at perturbed parameters and updates the parameters in place.
/// </summary>
public interface IZerothOrderOptimizer
{
    /// <summary>Takes one step: evaluates <paramref name="loss"/> at perturbed parameters and updates them in place.</summary>
    /// <param name="parameters">The parameters, overwritten with the updated values.</param>
    /// <param name="loss">The loss. It may be evaluated on a new minibatch per step, but must be the same function within a step.</param>
    /// <returns>An estimate of the loss at the parameters before the step (the mean of the evaluations).</returns>
    double Step(Span<double> parameters, LossFunction loss);

    /// <summary>The number of steps taken since construction or the last <see cref="Reset"/>.</summary>
    long StepCount { get; }

    /// <summary>The learning rate the next step will use: <see cref="Schedule"/> evaluated at <see cref="StepCount"/>.</summary>
    double LearningRate { get; }

    /// <summary>The learning-rate schedule, evaluated at the index of each step (0 for the first).</summary>
    ILearningRateSchedule Schedule { get; set; }

    /// <summary>The seed of the random directions; with the step index it determines every direction.</summary>
    ulong Seed { get; }

    /// <summary>Bytes of per-parameter state the optimizer holds.</summary>
    long StateBytes { get; }

    /// <summary>Sets the step count back to 0; the directions then repeat from the first step's.</summary>
    void Reset();
}
