using DiffOpt.Solvers;

namespace DiffOpt.Tests.Optimizers;

/// <summary>The loops shown in docs/optimizers.md, run on a small least-squares model.</summary>
public class DocumentationExampleTests
{
    // Least squares on fixed data: loss = mean (xᵀw − y)² / 2, planted w* = (1, −2, 3), no noise.
    private static readonly double[][] X = Enumerable.Range(0, 40).Select(i => new[] { Math.Sin(i), Math.Cos(0.7 * i), 1.0 }).ToArray();
    private static readonly double[] Y = X.Select(x => x[0] - 2 * x[1] + 3 * x[2]).ToArray();

    private static double Loss(ReadOnlySpan<double> w)
    {
        double f = 0;
        for (int s = 0; s < X.Length; s++)
        {
            double r = X[s][0] * w[0] + X[s][1] * w[1] + X[s][2] * w[2] - Y[s];
            f += r * r / 2;
        }

        return f / X.Length;
    }

    private static double LossGradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        gradient.Clear();
        for (int s = 0; s < X.Length; s++)
        {
            double r = X[s][0] * w[0] + X[s][1] * w[1] + X[s][2] * w[2] - Y[s];
            for (int j = 0; j < 3; j++)
            {
                gradient[j] += r * X[s][j] / X.Length;
            }
        }

        return Loss(w);
    }

    [Fact]
    public void TrainingLoopFromTheGuide()
    {
        var w = new double[3];
        var gradient = new double[3];
        var optimizer = new AdamW(new CosineSchedule(peakRate: 1e-1, totalSteps: 1_000, warmupSteps: 50), weightDecay: 1e-4);
        for (int step = 0; step < 1_000; step++)
        {
            LossGradient(w, gradient);
            optimizer.Step(w, gradient);
        }

        Assert.Equal(1_000, optimizer.StepCount);
        Assert.Equal(0.0, optimizer.LearningRate); // the cosine has reached its floor
        Assert.Equal(1.0, w[0], 2);
        Assert.Equal(-2.0, w[1], 2);
        Assert.Equal(3.0, w[2], 2);
    }

    [Fact]
    public void MeZoLoopFromTheGuide()
    {
        var w = new double[3];
        var optimizer = new MeZo(learningRate: 0.05, perturbation: 1e-3, seed: 42);
        double first = optimizer.Step(w, p => Loss(p));
        for (int step = 1; step < 3_000; step++)
        {
            optimizer.Step(w, p => Loss(p));
        }

        Assert.True(Loss(w) < 1e-6 * first, $"{Loss(w):E3} from {first:E3}");
    }
}
