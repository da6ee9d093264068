using DiffOpt.Solvers;

namespace DiffOpt.Tests.Optimizers;

/// <summary>
/// Each optimizer, step by step, against its published update written out here from the paper
/// (not from the implementation), on fixed gradient sequences; every parameter compared to 1e-15 relative.
/// </summary>
public class PublishedUpdateTests
{
    private const int N = 13;
    private const int Steps = 6;
    private const double Tolerance = 1e-15;

    private static void RunAndCompare(IOptimizer optimizer, Action<int, double[], double[]> referenceStep)
    {
        double[] actual = Problems.InitialParameters(N);
        double[] expected = Problems.InitialParameters(N);
        for (int t = 1; t <= Steps; t++)
        {
            double[] g = Problems.Gradient(t, N);
            optimizer.Step(actual, g);
            referenceStep(t, expected, g);
            Problems.AssertRelativelyClose(expected, actual, Tolerance, $"step {t}: θ");
        }

        Assert.Equal(Steps, optimizer.StepCount);
    }

    [Fact]
    public void AdamMatchesKingmaBaAlgorithm1()
    {
        const double alpha = 0.01, beta1 = 0.8, beta2 = 0.95, eps = 1e-7;
        var m = new double[N];
        var v = new double[N];
        RunAndCompare(new Adam(alpha, beta1, beta2, eps), (t, theta, g) =>
        {
            for (int i = 0; i < N; i++)
            {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                theta[i] = theta[i] - alpha * mHat / (Math.Sqrt(vHat) + eps);
            }
        });
    }

    [Fact]
    public void AdamWMatchesLoshchilovHutterAlgorithm2()
    {
        const double eta = 0.02, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, lambda = 0.1;
        var m = new double[N];
        var v = new double[N];
        RunAndCompare(new AdamW(eta, beta1, beta2, eps, lambda), (t, theta, g) =>
        {
            for (int i = 0; i < N; i++)
            {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                theta[i] = theta[i] - eta * (mHat / (Math.Sqrt(vHat) + eps) + lambda * theta[i]);
            }
        });
    }

    [Fact]
    public void LionMatchesChenEtAlAlgorithm2()
    {
        const double eta = 3e-3, beta1 = 0.9, beta2 = 0.99, lambda = 0.5;
        var m = new double[N];
        RunAndCompare(new Lion(eta, beta1, beta2, lambda), (t, theta, g) =>
        {
            for (int i = 0; i < N; i++)
            {
                double c = beta1 * m[i] + (1 - beta1) * g[i];
                double update = c > 0 ? 1 : c < 0 ? -1 : 0;
                theta[i] = theta[i] - eta * (update + lambda * theta[i]);
                m[i] = beta2 * m[i] + (1 - beta2) * g[i];
            }
        });
    }

    [Fact]
    public void LionSignOfZeroIsZero()
    {
        var lion = new Lion(0.1, weightDecay: 0);
        double[] theta = [1.0, -2.0];
        lion.Step(theta, [0.0, 0.0]);
        Assert.Equal([1.0, -2.0], theta);
    }

    [Fact]
    public void PlainSgdIsThetaMinusRateTimesGradientPlusDecay()
    {
        const double eta = 0.05, lambda = 0.01;
        RunAndCompare(new Sgd(eta, weightDecay: lambda), (t, theta, g) =>
        {
            for (int i = 0; i < N; i++)
            {
                theta[i] = theta[i] - eta * (g[i] + lambda * theta[i]);
            }
        });
    }

    [Theory]
    [InlineData(0.9, 0.0, false)]
    [InlineData(0.9, 0.3, false)]
    [InlineData(0.8, 0.0, true)]
    public void MomentumSgdMatchesSutskeverFormulation(double mu, double tau, bool nesterov)
    {
        const double eta = 0.05, lambda = 0.02;
        var b = new double[N];
        RunAndCompare(new Sgd(eta, mu, tau, lambda, nesterov), (t, theta, g) =>
        {
            for (int i = 0; i < N; i++)
            {
                double gi = g[i] + lambda * theta[i];
                b[i] = t == 1 ? gi : mu * b[i] + (1 - tau) * gi;
                double d = nesterov ? gi + mu * b[i] : b[i];
                theta[i] = theta[i] - eta * d;
            }
        });
    }

    [Fact]
    public void AdamBiasCorrectionMakesEveryStepOfAConstantGradientMoveByTheLearningRate()
    {
        // With g constant, m̂ = g and v̂ = g² at every t exactly because of the bias correction, so each step is
        // −α g / (|g| + ε). Without the correction the first step would be about 0.1/√0.001 ≈ 3.2 times larger.
        const double alpha = 0.01, eps = 1e-8;
        double[] g = [2.0, -0.5, 1e-3, 30];
        var adam = new Adam(alpha, epsilon: eps);
        double[] theta = [0, 0, 0, 0];
        for (int t = 1; t <= 50; t++)
        {
            double[] before = (double[])theta.Clone();
            adam.Step(theta, g);
            for (int i = 0; i < g.Length; i++)
            {
                double expected = -alpha * g[i] / (Math.Abs(g[i]) + eps);
                Assert.True(Math.Abs(theta[i] - before[i] - expected) <= 1e-9 * alpha, $"t={t}, i={i}: step {theta[i] - before[i]:R}");
            }
        }
    }

    [Fact]
    public void AdamWDecaysParametersEvenWithZeroGradient()
    {
        // Decoupled decay: with g = 0 the moments stay 0 and θ shrinks by (1 − ηλ) per step.
        const double eta = 0.1, lambda = 0.5;
        var adamW = new AdamW(eta, weightDecay: lambda);
        double[] theta = [4.0, -1.0];
        for (int t = 0; t < 3; t++)
        {
            adamW.Step(theta, [0.0, 0.0]);
        }

        double factor = Math.Pow(1 - eta * lambda, 3);
        Problems.AssertRelativelyClose([4.0 * factor, -1.0 * factor], theta, 1e-15, "θ");
    }

    [Fact]
    public void OptimizersMinimizeAQuadratic()
    {
        var problem = new Problems.Quadratic(10, 10);
        IOptimizer[] optimizers = [new Sgd(0.05, 0.9), new Adam(0.05), new AdamW(0.05, weightDecay: 0), new Lion(0.005), new Adam8Bit(0.05, minQuantizedSize: 0, blockSize: 4)];
        foreach (IOptimizer optimizer in optimizers)
        {
            var x = new double[problem.Dimension];
            var g = new double[problem.Dimension];
            double initial = problem.Value(x);
            for (int t = 0; t < 1000; t++)
            {
                problem.Gradient(x, g);
                optimizer.Step(x, g);
            }

            Assert.True(problem.Value(x) < 1e-4 * initial, $"{optimizer.GetType().Name}: {problem.Value(x):E3} from {initial:E3}");
        }
    }

    [Fact]
    public void ResetStartsOverExactly()
    {
        IOptimizer[] optimizers = [new Sgd(0.1, 0.9), new Adam(0.1), new AdamW(0.1), new Lion(0.1), new Adam8Bit(0.1, minQuantizedSize: 0, blockSize: 4)];
        foreach (IOptimizer optimizer in optimizers)
        {
            double[] first = Problems.InitialParameters(N);
            for (int t = 1; t <= 3; t++)
            {
                optimizer.Step(first, Problems.Gradient(t, N));
            }

            optimizer.Reset();
            Assert.Equal(0, optimizer.StepCount);
            Assert.Equal(0, optimizer.StateBytes);
            optimizer.Step(new double[5], new double[5]); // a new count is accepted after Reset
            optimizer.Reset();
            double[] second = Problems.InitialParameters(N);
            for (int t = 1; t <= 3; t++)
            {
                optimizer.Step(second, Problems.Gradient(t, N));
            }

            Assert.Equal(first, second);
        }
    }
}
