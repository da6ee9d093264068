using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Stochastic gradient descent with optional momentum (heavy ball, or Nesterov's as reformulated by
/// Sutskever et al. 2013, "On the importance of initialization and momentum in deep learning") and L2 weight decay.
/// </summary>
/// <remarks>
/// At step t, with learning rate η, momentum μ, dampening τ and weight decay λ:
/// <code>
/// g ← g + λ θ
/// b ← g                     (t = 1)
/// b ← μ b + (1 − τ) g       (t > 1)
/// d ← g + μ b  (Nesterov)   or   d ← b   (heavy ball)   or   d ← g   (μ = 0)
/// θ ← θ − η d
/// </code>
/// This is the parametrization of PyTorch's <c>torch.optim.SGD</c>, so hyper-parameters carry over.
/// State: one buffer of n doubles when μ &gt; 0, none otherwise.
/// </remarks>
public sealed class Sgd : GradientOptimizer
{
    private double[]? momentumBuffer;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="learningRate">The learning rate η; finite, non-negative.</param>
    /// <param name="momentum">The momentum μ, in [0, 1); 0 for plain SGD.</param>
    /// <param name="dampening">The dampening τ, in [0, 1].</param>
    /// <param name="weightDecay">The L2 weight decay λ (added to the gradient); finite, non-negative.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs μ &gt; 0 and τ = 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="nesterov"/> without momentum, or with dampening.</exception>
    public Sgd(double learningRate, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : this(OptimizerChecks.Constant(learningRate, nameof(learningRate)), momentum, dampening, weightDecay, nesterov)
    {
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="schedule">The learning-rate schedule.</param>
    /// <param name="momentum">The momentum μ, in [0, 1); 0 for plain SGD.</param>
    /// <param name="dampening">The dampening τ, in [0, 1].</param>
    /// <param name="weightDecay">The L2 weight decay λ (added to the gradient); finite, non-negative.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs μ &gt; 0 and τ = 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="nesterov"/> without momentum, or with dampening.</exception>
    public Sgd(ILearningRateSchedule schedule, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(schedule)
    {
        OptimizerChecks.Beta(momentum, nameof(momentum));
        if (!(dampening >= 0 && dampening <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dampening), dampening, "Must be in [0, 1].");
        }

        OptimizerChecks.NonNegativeFinite(weightDecay, nameof(weightDecay));
        if (nesterov && (momentum == 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum needs momentum > 0 and dampening = 0.", nameof(nesterov));
        }

        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
    }

    /// <summary>The momentum μ.</summary>
    public double Momentum { get; }

    /// <summary>The dampening τ.</summary>
    public double Dampening { get; }

    /// <summary>The L2 weight decay λ.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public override long StateBytes => momentumBuffer is null ? 0 : (long)momentumBuffer.Length * sizeof(double);

    private protected override void AllocateState(int count)
    {
        momentumBuffer = Momentum > 0 ? new double[count] : null;
    }

    private protected override void ReleaseState() => momentumBuffer = null;

    private protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, long step)
    {
        double mu = Momentum, decay = WeightDecay, keep = 1 - Dampening;
        if (momentumBuffer is null)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                double g = gradient[i] + decay * parameters[i];
                parameters[i] -= learningRate * g;
            }

            return;
        }

        Span<double> b = momentumBuffer;
        bool first = step == 1;
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = gradient[i] + decay * parameters[i];
            double bi = first ? g : mu * b[i] + keep * g;
            b[i] = bi;
            double d = Nesterov ? g + mu * bi : bi;
            parameters[i] -= learningRate * d;
        }
    }
}
