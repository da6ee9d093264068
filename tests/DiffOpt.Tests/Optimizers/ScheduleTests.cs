using DiffOpt.Solvers;

namespace DiffOpt.Tests.Optimizers;

/// <summary>Learning-rate schedules at chosen steps against their formulas, evaluated by hand.</summary>
public class ScheduleTests
{
    private static void Near(double expected, double actual) => Assert.True(Math.Abs(expected - actual) <= 1e-15 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Constant()
    {
        var s = new ConstantSchedule(0.3);
        Assert.Equal(0.3, s.GetLearningRate(0));
        Assert.Equal(0.3, s.GetLearningRate(1_000_000));
    }

    [Fact]
    public void LinearWarmupRisesByPeakOverWarmupPerStepThenHolds()
    {
        var s = new LinearWarmupSchedule(0.8, 4);
        Near(0.2, s.GetLearningRate(0));
        Near(0.4, s.GetLearningRate(1));
        Near(0.6, s.GetLearningRate(2));
        Near(0.8, s.GetLearningRate(3));
        Near(0.8, s.GetLearningRate(100));
    }

    [Fact]
    public void CosineWithoutWarmupHalvesAtMidpointAndReachesTheFloor()
    {
        var s = new CosineSchedule(1.0, totalSteps: 100, warmupSteps: 0, minRate: 0.1);
        Near(1.0, s.GetLearningRate(0));
        Near(0.55, s.GetLearningRate(50));                        // (1 + cos(π/2)) / 2 = 1/2 of the way
        Near(0.1 + 0.9 * (1 + Math.Sqrt(0.5)) / 2, s.GetLearningRate(25)); // cos(π/4) = √½
        Near(0.1 + 0.9 * (1 - Math.Sqrt(0.5)) / 2, s.GetLearningRate(75));
        Near(0.1, s.GetLearningRate(100));
        Near(0.1, s.GetLearningRate(10_000));
    }

    [Fact]
    public void CosineWithWarmupWarmsUpLinearlyThenAnneals()
    {
        var s = new CosineSchedule(2.0, totalSteps: 110, warmupSteps: 10);
        Near(0.2, s.GetLearningRate(0));
        Near(1.0, s.GetLearningRate(4));
        Near(2.0, s.GetLearningRate(10));
        Near(1.0, s.GetLearningRate(60));
        Near(0.0, s.GetLearningRate(110));
    }

    [Fact]
    public void StepDecayDropsByTheFactorEveryInterval()
    {
        var s = new StepDecaySchedule(1.0, interval: 30, factor: 0.5);
        Near(1.0, s.GetLearningRate(0));
        Near(1.0, s.GetLearningRate(29));
        Near(0.5, s.GetLearningRate(30));
        Near(0.25, s.GetLearningRate(60));
        Near(0.125, s.GetLearningRate(119));
    }

    [Fact]
    public void PowerDecayIsSpallsGainSequence()
    {
        var s = new PowerDecaySchedule(2.0, stabilityConstant: 9, exponent: 0.5);
        Near(2.0 / Math.Sqrt(10), s.GetLearningRate(0));
        Near(2.0 / 10, s.GetLearningRate(90));
    }

    [Fact]
    public void OptimizersUseTheScheduleAtTheStepIndex()
    {
        // Plain SGD with g = 1 moves θ by exactly the rate of each step, so the rates can be read back.
        var schedule = new StepDecaySchedule(0.5, interval: 2, factor: 0.5);
        var sgd = new Sgd(schedule);
        double[] theta = [0.0];
        double[] seen = new double[5];
        for (int t = 0; t < 5; t++)
        {
            Assert.Equal(schedule.GetLearningRate(t), sgd.LearningRate);
            double before = theta[0];
            sgd.Step(theta, [1.0]);
            seen[t] = before - theta[0];
        }

        Assert.Equal([0.5, 0.5, 0.25, 0.25, 0.125], seen);
    }

    [Fact]
    public void SchedulesCanBeSwappedAndBadRatesAreRefused()
    {
        var adam = new Adam(0.1);
        adam.Schedule = new ConstantSchedule(0.2);
        Assert.Equal(0.2, adam.LearningRate);
        Assert.Throws<ArgumentNullException>("value", () => adam.Schedule = null!);
        adam.Schedule = new BrokenSchedule();
        Assert.Throws<InvalidOperationException>(() => adam.Step(new double[2], new double[2]));
    }

    private sealed class BrokenSchedule : ILearningRateSchedule
    {
        public double GetLearningRate(long step) => double.NaN;
    }
}
