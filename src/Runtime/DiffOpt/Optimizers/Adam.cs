using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1).
/// </summary>
/// <remarks>
/// At step t = 1, 2, … with learning rate α:
/// <code>
/// m ← β1 m + (1 − β1) g
/// v ← β2 v + (1 − β2) g²
/// m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
/// θ ← θ − α m̂ / (√v̂ + ε)
/// </code>
/// State: two buffers of n doubles (16 bytes per parameter). For weight decay use <see cref="AdamW"/>.
/// </remarks>
public sealed class Adam : GradientOptimizer
{
    private double[]? m;
    private double[]? v;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="learningRate">The step size α; finite, non-negative.</param>
    /// <param name="beta1">Decay rate β1 of the first-moment estimate, in [0, 1).</param>
    /// <param name="beta2">Decay rate β2 of the second-moment estimate, in [0, 1).</param>
    /// <param name="epsilon">ε added to √v̂; finite, positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : this(OptimizerChecks.Constant(learningRate, nameof(learningRate)), beta1, beta2, epsilon)
    {
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="schedule">The learning-rate schedule (α per step).</param>
    /// <param name="beta1">Decay rate β1 of the first-moment estimate, in [0, 1).</param>
    /// <param name="beta2">Decay rate β2 of the second-moment estimate, in [0, 1).</param>
    /// <param name="epsilon">ε added to √v̂; finite, positive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Adam(ILearningRateSchedule schedule, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(schedule)
    {
        OptimizerChecks.Beta(beta1, nameof(beta1));
        OptimizerChecks.Beta(beta2, nameof(beta2));
        OptimizerChecks.PositiveFinite(epsilon, nameof(epsilon));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Decay rate β1 of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>Decay rate β2 of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>ε added to √v̂.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override long StateBytes => m is null ? 0 : 2L * m.Length * sizeof(double);

    private protected override void AllocateState(int count)
    {
        m = new double[count];
        v = new double[count];
    }

    private protected override void ReleaseState() => m = v = null;

    private protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, long step)
        => AdamKernel.Update(parameters, gradient, m, v, learningRate, Beta1, Beta2, Epsilon, 0,
                             1 - Math.Pow(Beta1, step), 1 - Math.Pow(Beta2, step));
}
