using System;
using System.Globalization;

namespace DiffOpt.Solvers;

/// <summary>Argument checks shared by the optimizers (one message style, the parameter always named).</summary>
internal static class OptimizerChecks
{
    public static void NonNegativeFinite(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be finite and non-negative.");
        }
    }

    public static void PositiveFinite(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be finite and positive.");
        }
    }

    /// <summary>A decay rate β of a moving average: 0 ≤ β &lt; 1.</summary>
    public static void Beta(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be in [0, 1).");
        }
    }

    public static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
        }
    }

    public static ILearningRateSchedule Constant(double learningRate, string name)
    {
        NonNegativeFinite(learningRate, name);
        return new ConstantSchedule(learningRate);
    }

    /// <summary>The schedule's rate at <paramref name="stepIndex"/>, refused when it is negative or not finite.</summary>
    public static double CheckedRate(ILearningRateSchedule schedule, long stepIndex)
    {
        double rate = schedule.GetLearningRate(stepIndex);
        if (!(rate >= 0) || double.IsInfinity(rate))
        {
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "The learning-rate schedule {0} returned {1} at step {2}; a learning rate must be finite and non-negative.",
                schedule.GetType().Name, rate, stepIndex));
        }

        return rate;
    }
}
