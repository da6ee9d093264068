using DiffOpt.Solvers;

namespace DiffOpt.Tests.Optimizers;

public class ArgumentValidationTests
{
    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ABadLearningRateIsNamed(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new Sgd(rate));
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new Adam(rate));
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new AdamW(rate));
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new Lion(rate));
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new Adam8Bit(rate));
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new MeZo(rate));
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new Spsa(rate));
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new ZoRankSgd(rate));
    }

    [Fact]
    public void BadConstantsAreNamed()
    {
        Assert.Throws<ArgumentOutOfRangeException>("beta1", () => new Adam(0.1, beta1: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>("beta2", () => new Adam(0.1, beta2: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>("epsilon", () => new Adam(0.1, epsilon: 0));
        Assert.Throws<ArgumentOutOfRangeException>("beta1", () => new AdamW(0.1, beta1: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("weightDecay", () => new AdamW(0.1, weightDecay: -1));
        Assert.Throws<ArgumentOutOfRangeException>("beta2", () => new Lion(0.1, beta2: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>("weightDecay", () => new Lion(0.1, weightDecay: double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>("momentum", () => new Sgd(0.1, momentum: 1));
        Assert.Throws<ArgumentOutOfRangeException>("dampening", () => new Sgd(0.1, 0.9, dampening: 2));
        Assert.Throws<ArgumentException>("nesterov", () => new Sgd(0.1, momentum: 0, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>("blockSize", () => new Adam8Bit(0.1, blockSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>("minQuantizedSize", () => new Adam8Bit(0.1, minQuantizedSize: -1));
        Assert.Throws<ArgumentOutOfRangeException>("perturbation", () => new MeZo(0.1, perturbation: 0));
        Assert.Throws<ArgumentOutOfRangeException>("perturbationDecay", () => new Spsa(0.1, perturbationDecay: -1));
        Assert.Throws<ArgumentOutOfRangeException>("candidateCount", () => new ZoRankSgd(0.1, candidateCount: 1));
        Assert.Throws<ArgumentOutOfRangeException>("rankedCount", () => new ZoRankSgd(0.1, candidateCount: 4, rankedCount: 5));
        Assert.Throws<ArgumentOutOfRangeException>("smoothing", () => new ZoRankSgd(0.1, smoothing: -1));
        Assert.Throws<ArgumentNullException>("schedule", () => new Adam((ILearningRateSchedule)null!));
    }

    [Fact]
    public void BadScheduleArgumentsAreNamed()
    {
        Assert.Throws<ArgumentOutOfRangeException>("rate", () => new ConstantSchedule(-1));
        Assert.Throws<ArgumentOutOfRangeException>("warmupSteps", () => new LinearWarmupSchedule(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("totalSteps", () => new CosineSchedule(0.1, totalSteps: 10, warmupSteps: 10));
        Assert.Throws<ArgumentOutOfRangeException>("minRate", () => new CosineSchedule(0.1, 100, minRate: 0.2));
        Assert.Throws<ArgumentOutOfRangeException>("interval", () => new StepDecaySchedule(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("factor", () => new StepDecaySchedule(0.1, 10, factor: 0));
        Assert.Throws<ArgumentOutOfRangeException>("exponent", () => new PowerDecaySchedule(0.1, exponent: -1));
    }

    [Fact]
    public void LengthMismatchNamesTheGradientAndACountChangeNamesTheParameters()
    {
        IOptimizer[] optimizers = [new Sgd(0.1, 0.5), new Adam(0.1), new AdamW(0.1), new Lion(0.1), new Adam8Bit(0.1)];
        foreach (IOptimizer optimizer in optimizers)
        {
            var e = Assert.Throws<ArgumentException>("gradient", () => optimizer.Step(new double[3], new double[4]));
            Assert.Contains("4", e.Message);
            optimizer.Step(new double[3], new double[3]);
            var change = Assert.Throws<ArgumentException>("parameters", () => optimizer.Step(new double[5], new double[5]));
            Assert.Contains("Reset", change.Message);
            Assert.Equal(1, optimizer.StepCount); // the refused steps did not count
        }

        var rank = new ZoRankSgd(0.1);
        rank.Step(new double[3], RankingOracles.FromLoss(x => x[0]));
        Assert.Throws<ArgumentException>("parameters", () => rank.Step(new double[4], RankingOracles.FromLoss(x => x[0])));
    }

    [Fact]
    public void NullDelegatesAreNamed()
    {
        Assert.Throws<ArgumentNullException>("loss", () => new MeZo(0.1).Step(new double[2], null!));
        Assert.Throws<ArgumentNullException>("oracle", () => new ZoRankSgd(0.1).Step(new double[2], null!));
        Assert.Throws<ArgumentNullException>("loss", () => RankingOracles.FromLoss(null!));
        Assert.Throws<ArgumentNullException>("comparison", () => RankingOracles.FromComparison(null!));
    }
}
