using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Adam with 8-bit state: block-wise dynamic quantization of both moment estimates (Dettmers et al. 2022,
/// "8-bit Optimizers via Block-wise Quantization"), with optional decoupled weight decay as in <see cref="AdamW"/>.
/// </summary>
/// <remarks>
/// <para>
/// The first moment m is stored as codes of <see cref="DynamicQuantizationMap.Signed"/>, the second moment v as
/// codes of <see cref="DynamicQuantizationMap.Unsigned"/>, each with one absolute maximum per block of
/// <see cref="BlockSize"/> parameters (2048 by default, as in the paper). A step works block by block: dequantize
/// m and v, apply the AdamW update in double precision with the fresh m and v, then requantize them with the
/// block's new maxima. State: 2 bytes per parameter plus 16 bytes per block and two block-sized scratch buffers.
/// </para>
/// <para>
/// A positive second moment is never rounded to 0 (it is rounded up to the smallest positive code instead), so a
/// coordinate whose first moment survives quantization cannot take an unbounded step m̂ / ε.
/// </para>
/// <para>
/// Parameter vectors shorter than <see cref="MinQuantizedSize"/> (4096 by default) keep full-precision state, as
/// the paper keeps small tensors in 32 bits: quantization would save little there. With full-precision state the
/// update equals <see cref="AdamW"/>'s.
/// </para>
/// </remarks>
public sealed class Adam8Bit : GradientOptimizer
{
    private static readonly DynamicQuantizationMap FirstMomentMap = DynamicQuantizationMap.Signed;
    private static readonly DynamicQuantizationMap SecondMomentMap = DynamicQuantizationMap.Unsigned;

    // 8-bit state.
    private byte[]? mCodes;
    private byte[]? vCodes;
    private double[]? mMax;
    private double[]? vMax;
    private double[]? mScratch;
    private double[]? vScratch;

    // Full-precision state for short parameter vectors.
    private double[]? m;
    private double[]? v;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="learningRate">The learning rate η; finite, non-negative.</param>
    /// <param name="beta1">Decay rate β1 of the first-moment estimate, in [0, 1).</param>
    /// <param name="beta2">Decay rate β2 of the second-moment estimate, in [0, 1).</param>
    /// <param name="epsilon">ε added to √v̂; finite, positive.</param>
    /// <param name="weightDecay">The decoupled weight decay λ (as in <see cref="AdamW"/>); finite, non-negative; 0 for Adam.</param>
    /// <param name="blockSize">Parameters per quantization block; positive.</param>
    /// <param name="minQuantizedSize">Parameter vectors shorter than this keep full-precision state; 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Adam8Bit(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0,
                    int blockSize = 2048, int minQuantizedSize = 4096)
        : this(OptimizerChecks.Constant(learningRate, nameof(learningRate)), beta1, beta2, epsilon, weightDecay, blockSize, minQuantizedSize)
    {
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="schedule">The learning-rate schedule (η per step).</param>
    /// <param name="beta1">Decay rate β1 of the first-moment estimate, in [0, 1).</param>
    /// <param name="beta2">Decay rate β2 of the second-moment estimate, in [0, 1).</param>
    /// <param name="epsilon">ε added to √v̂; finite, positive.</param>
    /// <param name="weightDecay">The decoupled weight decay λ (as in <see cref="AdamW"/>); finite, non-negative; 0 for Adam.</param>
    /// <param name="blockSize">Parameters per quantization block; positive.</param>
    /// <param name="minQuantizedSize">Parameter vectors shorter than this keep full-precision state; 0 or more.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Adam8Bit(ILearningRateSchedule schedule, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0,
                    int blockSize = 2048, int minQuantizedSize = 4096)
        : base(schedule)
    {
        OptimizerChecks.Beta(beta1, nameof(beta1));
        OptimizerChecks.Beta(beta2, nameof(beta2));
        OptimizerChecks.PositiveFinite(epsilon, nameof(epsilon));
        OptimizerChecks.NonNegativeFinite(weightDecay, nameof(weightDecay));
        OptimizerChecks.Positive(blockSize, nameof(blockSize));
        if (minQuantizedSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minQuantizedSize), minQuantizedSize, "Must be 0 or more.");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        BlockSize = blockSize;
        MinQuantizedSize = minQuantizedSize;
    }

    /// <summary>Decay rate β1 of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>Decay rate β2 of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>ε added to √v̂.</summary>
    public double Epsilon { get; }

    /// <summary>The decoupled weight decay λ.</summary>
    public double WeightDecay { get; }

    /// <summary>Parameters per quantization block.</summary>
    public int BlockSize { get; }

    /// <summary>Parameter vectors shorter than this keep full-precision state.</summary>
    public int MinQuantizedSize { get; }

    /// <summary>Whether the state is held in 8 bits (decided on the first step from the parameter count).</summary>
    public bool IsQuantized => mCodes is not null;

    /// <inheritdoc/>
    public override long StateBytes
    {
        get
        {
            if (mCodes is not null)
            {
                return mCodes.LongLength + vCodes!.LongLength
                     + sizeof(double) * (mMax!.LongLength + vMax!.LongLength + mScratch!.LongLength + vScratch!.LongLength);
            }

            return m is null ? 0 : 2L * m.Length * sizeof(double);
        }
    }

    private protected override void AllocateState(int count)
    {
        if (count < MinQuantizedSize || count == 0)
        {
            m = new double[count];
            v = new double[count];
            return;
        }

        int blocks = BlockwiseQuantization.BlockCount(count, BlockSize);
        int scratch = Math.Min(BlockSize, count);
        mCodes = new byte[count];
        vCodes = new byte[count];
        mMax = new double[blocks];
        vMax = new double[blocks];
        mScratch = new double[scratch];
        vScratch = new double[scratch];
    }

    private protected override void ReleaseState()
    {
        mCodes = vCodes = null;
        mMax = vMax = mScratch = vScratch = null;
        m = v = null;
    }

    private protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, long step)
    {
        double c1 = 1 - Math.Pow(Beta1, step), c2 = 1 - Math.Pow(Beta2, step);
        if (mCodes is null)
        {
            AdamKernel.Update(parameters, gradient, m, v, learningRate, Beta1, Beta2, Epsilon, WeightDecay, c1, c2);
            return;
        }

        for (int b = 0, start = 0; start < parameters.Length; b++, start += BlockSize)
        {
            int length = Math.Min(BlockSize, parameters.Length - start);
            UpdateBlock(b, parameters.Slice(start, length), gradient.Slice(start, length), mCodes.AsSpan(start, length),
                        vCodes.AsSpan(start, length), learningRate, c1, c2);
        }
    }

    private void UpdateBlock(int block, Span<double> theta, ReadOnlySpan<double> gradient, Span<byte> mc, Span<byte> vc,
                             double learningRate, double c1, double c2)
    {
        double mScale = mMax![block], vScale = vMax![block];
        ReadOnlySpan<double> mTable = FirstMomentMap.Values, vTable = SecondMomentMap.Values;
        Span<double> ms = mScratch.AsSpan(0, theta.Length), vs = vScratch.AsSpan(0, theta.Length);
        for (int i = 0; i < theta.Length; i++)
        {
            ms[i] = mTable[mc[i]] * mScale;
            vs[i] = vTable[vc[i]] * vScale;
        }

        AdamKernel.Update(theta, gradient, ms, vs, learningRate, Beta1, Beta2, Epsilon, WeightDecay, c1, c2);
        mMax[block] = BlockwiseQuantization.QuantizeBlock(ms, FirstMomentMap, mc);
        vMax[block] = BlockwiseQuantization.QuantizeBlock(vs, SecondMomentMap, vc);
        byte zero = SecondMomentMap.ZeroCode, smallest = SecondMomentMap.SmallestPositiveCode;
        for (int i = 0; i < vc.Length; i++)
        {
            if (vc[i] == zero && vs[i] > 0)
            {
                vc[i] = smallest;
            }
        }
    }

}
