using DiffOpt.Solvers;

namespace DiffOpt.Tests.Optimizers;

public class Adam8BitTests
{
    [Fact]
    public void StateIsAboutTwoBytesPerParameterAgainstSixteenForAdam()
    {
        const int n = 1_000_000;
        var parameters = new double[n];
        var gradient = Problems.Gradient(1, n);

        static long Measure(IOptimizer optimizer, double[] p, double[] g)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            optimizer.Step(p, g); // state is allocated on the first step
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // Warm up first, so one-time costs (the quantization maps' static tables, JIT) are not counted.
        new Adam8Bit(1e-3, blockSize: 4, minQuantizedSize: 0).Step(new double[8], new double[8]);
        new Adam(1e-3).Step(new double[8], new double[8]);

        var adam8 = new Adam8Bit(1e-3);
        long measured8 = Measure(adam8, parameters, gradient);
        var adam = new Adam(1e-3);
        long measured32 = Measure(adam, parameters, gradient);

        Assert.True(adam8.IsQuantized);
        double perParameter8 = (double)measured8 / n, perParameter32 = (double)measured32 / n;
        Assert.InRange(perParameter8, 2.0, 2.05);   // 2 codes + 2 doubles per 2048-block + 2 block scratch buffers
        Assert.InRange(perParameter32, 16.0, 16.001);
        // The reported state matches what was allocated, up to object headers.
        Assert.InRange(measured8 - adam8.StateBytes, 0, 1024);
        Assert.InRange(measured32 - adam.StateBytes, 0, 1024);
    }

    [Fact]
    public void ShortVectorsKeepFullPrecisionStateAndMatchAdamW()
    {
        const int n = 100;
        var adam8 = new Adam8Bit(0.01, weightDecay: 0.1);
        var adamW = new AdamW(0.01, weightDecay: 0.1);
        double[] a = Problems.InitialParameters(n), b = Problems.InitialParameters(n);
        for (int t = 1; t <= 5; t++)
        {
            adam8.Step(a, Problems.Gradient(t, n));
            adamW.Step(b, Problems.Gradient(t, n));
        }

        Assert.False(adam8.IsQuantized);
        Assert.Equal(b, a);
        Assert.Equal(16L * n, adam8.StateBytes);
    }

    [Fact]
    public void TrainingLossOnLogisticRegressionIsWithinOnePercentOfAdam()
    {
        // 5000 features: three blocks of the default 2048, the last one partial; above the 4096 threshold.
        var problem = new Problems.Logistic(samples: 200, features: 5000, seed: 3, l2: 1e-2);
        const int steps = 150;
        double initial = problem.Value(new double[problem.Features]);
        var adam8 = new Adam8Bit(2e-3);
        double loss8 = Problems.Train(adam8, problem, steps);
        double loss32 = Problems.Train(new Adam(2e-3), problem, steps);

        Assert.True(adam8.IsQuantized);
        Assert.True(loss32 < 0.5 * initial, $"Adam barely trained: {loss32} from {initial}"); // the comparison is meaningful
        Assert.True(Math.Abs(loss8 - loss32) <= 0.01 * loss32, $"8-bit {loss8:R} vs 32-bit {loss32:R}");
    }

    [Fact]
    public void ACoordinateWhoseGradientStopsNeverTakesAnUnboundedStep()
    {
        // One large coordinate sets the block maxima; a small one (1e-5 of it) gets a gradient for three steps,
        // then none. Its first moment survives quantization while its second moment would round to 0, which
        // would make the step m̂ / ε ≈ 100 learning rates. Adam's steps are bounded by about 3 learning rates.
        const double rate = 1e-3;
        var adam8 = new Adam8Bit(rate, blockSize: 8, minQuantizedSize: 0);
        double[] theta = new double[8];
        for (int t = 0; t < 30; t++)
        {
            double[] g = [1.0, t < 3 ? 1e-5 : 0, 0, 0, 0, 0, 0, 0];
            double[] before = (double[])theta.Clone();
            adam8.Step(theta, g);
            for (int i = 0; i < theta.Length; i++)
            {
                Assert.True(Math.Abs(theta[i] - before[i]) <= 5 * rate, $"step {t}, coordinate {i}: moved {theta[i] - before[i]:E3}");
            }
        }
    }

    [Fact]
    public void ANaNGradientPoisonsItsBlockVisibly()
    {
        var adam8 = new Adam8Bit(1e-3, blockSize: 4, minQuantizedSize: 0);
        double[] theta = new double[8];
        adam8.Step(theta, [1, 1, 1, 1, 1, 1, 1, 1]);
        adam8.Step(theta, [1, double.NaN, 1, 1, 1, 1, 1, 1]);
        Assert.True(double.IsNaN(theta[1]));
        adam8.Step(theta, [1, 1, 1, 1, 1, 1, 1, 1]);
        Assert.All(theta.Take(4), t => Assert.True(double.IsNaN(t)));   // the block's state is NaN from now on
        Assert.All(theta.Skip(4), t => Assert.True(double.IsFinite(t))); // the other block is untouched
    }
}
