using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Spall's gain sequence for stochastic approximation: rate(t) = a / (t + 1 + A)^α
/// (Spall 1998, "Implementation of the Simultaneous Perturbation Algorithm for Stochastic Optimization",
/// recommends α = 0.602 and A about a tenth of the planned steps). The usual companion of <see cref="Spsa"/>.
/// </summary>
public sealed class PowerDecaySchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="scale">The numerator a; finite, non-negative.</param>
    /// <param name="stabilityConstant">The offset A; finite, non-negative.</param>
    /// <param name="exponent">The exponent α; finite, non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public PowerDecaySchedule(double scale, double stabilityConstant = 0, double exponent = 0.602)
    {
        OptimizerChecks.NonNegativeFinite(scale, nameof(scale));
        OptimizerChecks.NonNegativeFinite(stabilityConstant, nameof(stabilityConstant));
        OptimizerChecks.NonNegativeFinite(exponent, nameof(exponent));
        Scale = scale;
        StabilityConstant = stabilityConstant;
        Exponent = exponent;
    }

    /// <summary>The numerator a.</summary>
    public double Scale { get; }

    /// <summary>The offset A.</summary>
    public double StabilityConstant { get; }

    /// <summary>The exponent α.</summary>
    public double Exponent { get; }

    /// <inheritdoc/>
    public double GetLearningRate(long step) => Scale / Math.Pow(Math.Max(step, 0) + 1 + StabilityConstant, Exponent);
}
