using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Lion, "EvoLved Sign Momentum" (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2).
/// </summary>
/// <remarks>
/// At each step with learning rate η:
/// <code>
/// c ← β1 m + (1 − β1) g
/// θ ← θ − η (sign(c) + λ θ)
/// m ← β2 m + (1 − β2) g
/// </code>
/// sign(0) = 0, and a NaN in c stays NaN in θ (it is never hidden). Every coordinate moves by ±η (plus decay), so
/// Lion wants a learning rate 3–10× smaller than AdamW's and a weight decay 3–10× larger, as the paper advises.
/// State: one buffer of n doubles (8 bytes per parameter).
/// </remarks>
public sealed class Lion : GradientOptimizer
{
    private double[]? m;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="learningRate">The learning rate η; finite, non-negative.</param>
    /// <param name="beta1">The interpolation factor β1 of the update direction, in [0, 1).</param>
    /// <param name="beta2">The decay rate β2 of the momentum, in [0, 1).</param>
    /// <param name="weightDecay">The decoupled weight decay λ; finite, non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Lion(double learningRate, double beta1 = 0.9, double beta2 = 0.99, double weightDecay = 0)
        : this(OptimizerChecks.Constant(learningRate, nameof(learningRate)), beta1, beta2, weightDecay)
    {
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="schedule">The learning-rate schedule (η per step).</param>
    /// <param name="beta1">The interpolation factor β1 of the update direction, in [0, 1).</param>
    /// <param name="beta2">The decay rate β2 of the momentum, in [0, 1).</param>
    /// <param name="weightDecay">The decoupled weight decay λ; finite, non-negative.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Lion(ILearningRateSchedule schedule, double beta1 = 0.9, double beta2 = 0.99, double weightDecay = 0)
        : base(schedule)
    {
        OptimizerChecks.Beta(beta1, nameof(beta1));
        OptimizerChecks.Beta(beta2, nameof(beta2));
        OptimizerChecks.NonNegativeFinite(weightDecay, nameof(weightDecay));
        Beta1 = beta1;
        Beta2 = beta2;
        WeightDecay = weightDecay;
    }

    /// <summary>The interpolation factor β1 of the update direction.</summary>
    public double Beta1 { get; }

    /// <summary>The decay rate β2 of the momentum.</summary>
    public double Beta2 { get; }

    /// <summary>The decoupled weight decay λ.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    public override long StateBytes => m is null ? 0 : (long)m.Length * sizeof(double);

    private protected override void AllocateState(int count) => m = new double[count];

    private protected override void ReleaseState() => m = null;

    private protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, long step)
    {
        Span<double> ms = m;
        double b1 = Beta1, b2 = Beta2, decay = WeightDecay;
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = gradient[i];
            double c = b1 * ms[i] + (1 - b1) * g;
            double theta = parameters[i];
            parameters[i] = theta - learningRate * (Sign(c) + decay * theta);
            ms[i] = b2 * ms[i] + (1 - b2) * g;
        }
    }

    // Math.Sign throws on NaN; here a NaN must reach the parameters instead.
    private static double Sign(double c) => c > 0 ? 1.0 : c < 0 ? -1.0 : c == 0 ? 0.0 : double.NaN;
}
