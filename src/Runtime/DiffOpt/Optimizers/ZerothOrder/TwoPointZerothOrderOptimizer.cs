using System;
using System.Globalization;

namespace DiffOpt.Solvers;

/// <summary>
/// Two-point zeroth-order gradient estimation along one random direction per step, with the direction regenerated
/// from a per-step seed instead of stored, so the optimizer needs O(1) extra memory (Malladi et al. 2023,
/// "Fine-Tuning Language Models with Just Forward Passes", Algorithm 1).
/// </summary>
/// <remarks>
/// One step with perturbation scale ε, learning rate η, weight decay λ and direction z (regenerated each time):
/// <code>
/// θ ← θ + ε z;   f₊ = L(θ)
/// θ ← θ − 2ε z;  f₋ = L(θ)
/// ĝ = (f₊ − f₋) / (2ε)                    (the projected gradient, an estimate of zᵀ∇L)
/// θ ← θ + ε z;   θ ← θ − η (ĝ z + λ θ)     (restore and update, in one pass)
/// </code>
/// In floating point the restore returns θ up to rounding (a few ulps), as in MeZO. If the loss returns NaN or an
/// infinity, the parameters are restored and <see cref="InvalidOperationException"/> is thrown; if the loss
/// throws, the parameters are restored and the exception propagates.
/// </remarks>
public abstract class TwoPointZerothOrderOptimizer : IZerothOrderOptimizer
{
    private ILearningRateSchedule schedule;

    private protected TwoPointZerothOrderOptimizer(ILearningRateSchedule schedule, double perturbation, double weightDecay, ulong seed, PerturbationKind kind)
    {
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        OptimizerChecks.PositiveFinite(perturbation, nameof(perturbation));
        OptimizerChecks.NonNegativeFinite(weightDecay, nameof(weightDecay));
        Perturbation = perturbation;
        WeightDecay = weightDecay;
        Seed = seed;
        Kind = kind;
    }

    /// <summary>The perturbation scale ε (of the first step, for schedules that shrink it).</summary>
    public double Perturbation { get; }

    /// <summary>The weight decay λ (decoupled: added to the update, not to the loss).</summary>
    public double WeightDecay { get; }

    /// <summary>The distribution of the directions.</summary>
    public PerturbationKind Kind { get; }

    /// <inheritdoc/>
    public ulong Seed { get; }

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

    /// <summary>Always 0: no per-parameter state is kept; the direction is regenerated from the seed.</summary>
    public long StateBytes => 0;

    /// <summary>The projected gradient ĝ = (f₊ − f₋) / (2ε) of the last step (0 before the first).</summary>
    public double LastProjectedGradient { get; private set; }

    /// <inheritdoc/>
    public double Step(Span<double> parameters, LossFunction loss)
    {
        if (loss is null)
        {
            throw new ArgumentNullException(nameof(loss));
        }

        double rate = OptimizerChecks.CheckedRate(schedule, StepCount);
        double eps = PerturbationAt(StepCount);
        ulong key = RandomDirection.Key(Seed, StepCount, 0);

        double plus, minus;
        double offset = 0; // how many ε·z the parameters are displaced by, for restoring them if the loss throws
        try
        {
            RandomDirection.AddScaled(parameters, key, eps, Kind);
            offset = 1;
            plus = loss(parameters);
            RandomDirection.AddScaled(parameters, key, -2 * eps, Kind);
            offset = -1;
            minus = loss(parameters);
        }
        catch
        {
            if (offset != 0)
            {
                RandomDirection.AddScaled(parameters, key, -offset * eps, Kind);
            }

            throw;
        }

        if (!double.IsFinite(plus) || !double.IsFinite(minus))
        {
            RandomDirection.AddScaled(parameters, key, eps, Kind);
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "The loss returned {0} at θ + εz and {1} at θ − εz in step {2}; the parameters were restored.",
                plus, minus, StepCount));
        }

        double projected = (plus - minus) / (2 * eps);
        RestoreAndUpdate(parameters, key, eps, rate, projected);
        LastProjectedGradient = projected;
        StepCount++;
        return (plus + minus) / 2;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        StepCount = 0;
        LastProjectedGradient = 0;
    }

    /// <summary>The perturbation scale of the step with index <paramref name="step"/>.</summary>
    private protected virtual double PerturbationAt(long step) => Perturbation;

    private void RestoreAndUpdate(Span<double> x, ulong key, double eps, double rate, double projected)
    {
        double decay = WeightDecay;
        Span<double> z = stackalloc double[RandomDirection.ChunkSize];
        for (int start = 0; start < x.Length; start += RandomDirection.ChunkSize)
        {
            int length = Math.Min(RandomDirection.ChunkSize, x.Length - start);
            Span<double> chunk = z.Slice(0, length);
            RandomDirection.Fill(chunk, key, start, Kind);
            Span<double> xs = x.Slice(start, length);
            for (int i = 0; i < xs.Length; i++)
            {
                double theta = xs[i] + eps * chunk[i];
                xs[i] = theta - rate * (projected * chunk[i] + decay * theta);
            }
        }
    }
}
