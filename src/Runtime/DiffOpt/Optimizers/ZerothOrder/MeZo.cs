namespace DiffOpt.Solvers;

/// <summary>
/// MeZO, the memory-efficient zeroth-order SGD of Malladi et al. 2023 ("Fine-Tuning Language Models with Just
/// Forward Passes"): two loss evaluations per step along a Gaussian direction z ~ N(0, I) regenerated from a
/// per-step seed, so training needs the memory of inference only.
/// </summary>
/// <remarks>
/// See <see cref="TwoPointZerothOrderOptimizer"/> for the update. The paper uses ε = 1e-3 and learning rates
/// around 1e-6–1e-7 for language models; the step size must be small compared with 1 / (d · L) for a
/// d-dimensional, L-smooth loss, because the estimate ĝ z has variance growing with d.
/// </remarks>
public sealed class MeZo : TwoPointZerothOrderOptimizer
{
    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="learningRate">The learning rate η; finite, non-negative.</param>
    /// <param name="perturbation">The perturbation scale ε; finite, positive.</param>
    /// <param name="weightDecay">The weight decay λ; finite, non-negative.</param>
    /// <param name="seed">The seed of the directions.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">An argument is out of range.</exception>
    public MeZo(double learningRate, double perturbation = 1e-3, double weightDecay = 0, ulong seed = 0)
        : this(OptimizerChecks.Constant(learningRate, nameof(learningRate)), perturbation, weightDecay, seed)
    {
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="schedule">The learning-rate schedule.</param>
    /// <param name="perturbation">The perturbation scale ε; finite, positive.</param>
    /// <param name="weightDecay">The weight decay λ; finite, non-negative.</param>
    /// <param name="seed">The seed of the directions.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">An argument is out of range.</exception>
    public MeZo(ILearningRateSchedule schedule, double perturbation = 1e-3, double weightDecay = 0, ulong seed = 0)
        : base(schedule, perturbation, weightDecay, seed, PerturbationKind.Gaussian)
    {
    }
}
