using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Simultaneous perturbation stochastic approximation (Spall 1992, "Multivariate Stochastic Approximation Using a
/// Simultaneous Perturbation Gradient Approximation"): two loss evaluations per step along a Rademacher (±1)
/// direction Δ, with a perturbation scale that shrinks as c_k = c / (k + 1)^γ.
/// </summary>
/// <remarks>
/// For ±1 entries 1/Δᵢ = Δᵢ, so Spall's estimate ĝᵢ = (f₊ − f₋) / (2 c_k Δᵢ) is ĝ Δᵢ with the projected gradient ĝ of
/// <see cref="TwoPointZerothOrderOptimizer"/>; the direction is regenerated from a per-step seed, never stored.
/// Spall's gain a_k = a / (k + 1 + A)^α is available as <see cref="PowerDecaySchedule"/>; the recommended
/// exponents are α = 0.602 and γ = 0.101 (Spall 1998).
/// </remarks>
public sealed class Spsa : TwoPointZerothOrderOptimizer
{
    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="learningRate">The gain a (a constant learning rate); finite, non-negative.</param>
    /// <param name="perturbation">The perturbation scale c of the first step; finite, positive.</param>
    /// <param name="perturbationDecay">The exponent γ of c_k = c / (k + 1)^γ; finite, non-negative (0 keeps c fixed).</param>
    /// <param name="seed">The seed of the directions.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Spsa(double learningRate, double perturbation = 0.01, double perturbationDecay = 0.101, ulong seed = 0)
        : this(OptimizerChecks.Constant(learningRate, nameof(learningRate)), perturbation, perturbationDecay, seed)
    {
    }

    /// <summary>Creates the optimizer with a learning-rate schedule (for example <see cref="PowerDecaySchedule"/>).</summary>
    /// <param name="schedule">The gain sequence a_k.</param>
    /// <param name="perturbation">The perturbation scale c of the first step; finite, positive.</param>
    /// <param name="perturbationDecay">The exponent γ of c_k = c / (k + 1)^γ; finite, non-negative (0 keeps c fixed).</param>
    /// <param name="seed">The seed of the directions.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Spsa(ILearningRateSchedule schedule, double perturbation = 0.01, double perturbationDecay = 0.101, ulong seed = 0)
        : base(schedule, perturbation, 0, seed, PerturbationKind.Rademacher)
    {
        OptimizerChecks.NonNegativeFinite(perturbationDecay, nameof(perturbationDecay));
        PerturbationDecay = perturbationDecay;
    }

    /// <summary>The exponent γ of the perturbation scale c_k = c / (k + 1)^γ.</summary>
    public double PerturbationDecay { get; }

    /// <summary>The perturbation scale c_k of the step with index <paramref name="step"/> (0 for the first).</summary>
    /// <param name="step">The step index.</param>
    /// <returns>c / (step + 1)^γ.</returns>
    public double PerturbationAtStep(long step) => PerturbationAt(step);

    private protected override double PerturbationAt(long step) => Perturbation / Math.Pow(Math.Max(step, 0) + 1, PerturbationDecay);
}
