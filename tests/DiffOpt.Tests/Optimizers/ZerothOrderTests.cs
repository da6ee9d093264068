using DiffOpt.Solvers;

namespace DiffOpt.Tests.Optimizers;

public class ZerothOrderTests
{
    /// <summary>The best loss reachable, from many full-gradient steps (the reference the decreases are measured against).</summary>
    private static double Optimum(Problems.Logistic problem)
    {
        var w = new double[problem.Features];
        var g = new double[problem.Features];
        var adam = new Adam(0.05);
        for (int t = 0; t < 3000; t++)
        {
            problem.ValueAndGradient(w, g);
            adam.Step(w, g);
        }

        return problem.Value(w);
    }

    private static double Run(IZerothOrderOptimizer optimizer, LossFunction loss, int dimension, int steps)
    {
        var x = new double[dimension];
        for (int t = 0; t < steps; t++)
        {
            optimizer.Step(x, loss);
        }

        return loss(x);
    }

    public static TheoryData<string> TwoPointMethods => new() { "MeZo", "Spsa" };

    private static IZerothOrderOptimizer Create(string name, ILearningRateSchedule schedule, ulong seed = 1) => name switch
    {
        "MeZo" => new MeZo(schedule, perturbation: 1e-3, seed: seed),
        _ => new Spsa(schedule, perturbation: 1e-2, seed: seed),
    };

    [Theory]
    [MemberData(nameof(TwoPointMethods))]
    public void TwoPointMethodsDecreaseAQuadratic(string name)
    {
        var problem = new Problems.Quadratic(20, 10);
        double initial = problem.Value(new double[20]);
        double final = Run(Create(name, new ConstantSchedule(2e-3)), problem.Value, 20, 4000);
        Assert.True(final < 0.01 * initial, $"{name}: {final:E3} from {initial:E3}");
    }

    [Theory]
    [MemberData(nameof(TwoPointMethods))]
    public void TwoPointMethodsDecreaseALogisticLoss(string name)
    {
        var problem = new Problems.Logistic(samples: 200, features: 10, seed: 5);
        double initial = problem.Value(new double[10]), best = Optimum(problem);
        double final = Run(Create(name, new ConstantSchedule(0.02)), problem.Value, 10, 3000);
        Assert.True(final - best < 0.05 * (initial - best), $"{name}: {final:R}, start {initial:R}, optimum {best:R}");
    }

    [Theory]
    [InlineData(8, null)]
    [InlineData(8, 3)]
    public void ZoRankSgdDecreasesAQuadratic(int m, int? k)
    {
        var problem = new Problems.Quadratic(20, 10);
        var x = new double[20];
        double initial = problem.Value(x);
        var optimizer = new ZoRankSgd(new CosineSchedule(0.1, 1500), m, k, smoothing: 1e-3, seed: 3);
        RankingOracle oracle = RankingOracles.FromLoss(problem.Value);
        for (int t = 0; t < 1500; t++)
        {
            optimizer.Step(x, oracle);
        }

        Assert.True(problem.Value(x) < 0.01 * initial, $"{problem.Value(x):E3} from {initial:E3}");
    }

    [Fact]
    public void ZoRankSgdDecreasesALogisticLossWithAComparisonOracle()
    {
        var problem = new Problems.Logistic(samples: 200, features: 10, seed: 5);
        double initial = problem.Value(new double[10]), best = Optimum(problem);
        int comparisons = 0;
        RankingOracle oracle = RankingOracles.FromComparison((a, b) =>
        {
            comparisons++;
            return problem.Value(a).CompareTo(problem.Value(b));
        });
        var optimizer = new ZoRankSgd(new CosineSchedule(0.1, 800), candidateCount: 6, smoothing: 1e-3, seed: 9);
        var x = new double[10];
        for (int t = 0; t < 800; t++)
        {
            optimizer.Step(x, oracle);
        }

        double final = problem.Value(x);
        Assert.True(final - best < 0.05 * (initial - best), $"{final:R}, start {initial:R}, optimum {best:R}");
        Assert.InRange(comparisons, 800 * 5, 800 * 15); // an insertion sort of 6 makes 5 to 15 comparisons
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void MeZoStepIsTheProjectedGradientUpdateAlongTheDirectionItEvaluated(double weightDecay)
    {
        // The loss records where it is called; the direction is read back from the first call.
        const int d = 37;
        const double eps = 1e-3, eta = 0.05;
        double[] theta0 = Problems.InitialParameters(d);
        var points = new List<double[]>();
        var values = new List<double>();
        LossFunction loss = p =>
        {
            points.Add(p.ToArray());
            double f = 0;
            for (int i = 0; i < p.Length; i++)
            {
                f += (i + 1) * p[i] + 0.5 * p[i] * p[i] * p[i];
            }

            values.Add(f);
            return f;
        };

        var mezo = new MeZo(eta, eps, weightDecay, seed: 42);
        double[] theta = (double[])theta0.Clone();
        double estimate = mezo.Step(theta, loss);

        Assert.Equal(2, points.Count);
        var z = new double[d];
        for (int i = 0; i < d; i++)
        {
            z[i] = (points[0][i] - theta0[i]) / eps;
            Assert.True(Math.Abs(points[1][i] - (theta0[i] - eps * z[i])) < 1e-13, "second evaluation at θ − εz");
        }

        double projected = (values[0] - values[1]) / (2 * eps);
        Assert.Equal(projected, mezo.LastProjectedGradient, 1e-9);
        Assert.Equal((values[0] + values[1]) / 2, estimate);
        for (int i = 0; i < d; i++)
        {
            double expected = theta0[i] - eta * (projected * z[i] + weightDecay * theta0[i]);
            Assert.True(Math.Abs(theta[i] - expected) < 1e-10, $"θ[{i}] = {theta[i]:R}, expected {expected:R}");
        }
    }

    [Theory]
    [InlineData(PerturbationKind.Gaussian)]
    [InlineData(PerturbationKind.Rademacher)]
    public void DirectionsHaveTheirDistribution(PerturbationKind kind)
    {
        const int d = 20_001; // odd, and not a multiple of the chunk size
        const double eps = 1e-2;
        double[] seen = [];
        LossFunction capture = p =>
        {
            if (seen.Length == 0)
            {
                seen = p.ToArray();
            }

            return 0;
        };
        TwoPointZerothOrderOptimizer optimizer = kind == PerturbationKind.Gaussian
            ? new MeZo(0.1, eps, seed: 5)
            : new Spsa(0.1, eps, perturbationDecay: 0, seed: 5);
        optimizer.Step(new double[d], capture);
        double[] z = seen.Select(v => v / eps).ToArray();
        double mean = z.Average(), variance = z.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.96, 1.04);
        if (kind == PerturbationKind.Rademacher)
        {
            Assert.All(z, v => Assert.Equal(1.0, Math.Abs(v), 1e-12));
        }
        else
        {
            double kurtosis = z.Select(v => Math.Pow(v - mean, 4)).Average() / (variance * variance);
            Assert.InRange(kurtosis, 2.8, 3.2); // 3 for a normal distribution, 1 for ±1
        }
    }

    [Fact]
    public void SpsaShrinksThePerturbationAsSpallPrescribes()
    {
        var spsa = new Spsa(0.1, perturbation: 0.2, perturbationDecay: 0.101);
        Assert.Equal(0.2, spsa.PerturbationAtStep(0), 1e-15);
        Assert.Equal(0.2 / Math.Pow(100, 0.101), spsa.PerturbationAtStep(99), 1e-15);
    }

    [Fact]
    public void ZoRankSgdStepAveragesDirectionDifferencesOverTheRevealedPairs()
    {
        // Written from the paper's definition: every ordered pair (better i, worse j) the ranking reveals adds ξⱼ − ξᵢ.
        const int d = 9, m = 5, k = 2;
        const double mu = 1e-2, eta = 0.3;
        double[] theta0 = Problems.InitialParameters(d);
        var problem = new Problems.Quadratic(d, 4);
        var seenCandidates = new double[m][];
        int[] seenRanking = [];
        RankingOracle byLoss = RankingOracles.FromLoss(problem.Value);
        RankingOracle oracle = (candidates, ranking) =>
        {
            for (int i = 0; i < candidates.Count; i++)
            {
                seenCandidates[i] = candidates[i].ToArray();
            }

            byLoss(candidates, ranking);
            seenRanking = ranking.ToArray();
        };

        var optimizer = new ZoRankSgd(eta, m, k, mu, seed: 8);
        double[] theta = (double[])theta0.Clone();
        optimizer.Step(theta, oracle);

        Assert.Equal(k, seenRanking.Length);
        double[][] xi = seenCandidates.Select(c => c.Select((v, i) => (v - theta0[i]) / mu).ToArray()).ToArray();
        // The ranking must order the candidates by loss, and the unranked ones must all be worse.
        var losses = seenCandidates.Select(c => problem.Value(c)).ToArray();
        Assert.True(losses[seenRanking[0]] <= losses[seenRanking[1]]);
        Assert.All(Enumerable.Range(0, m).Except(seenRanking), j => Assert.True(losses[j] >= losses[seenRanking[1]]));

        var pairs = new List<(int Better, int Worse)>();
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                pairs.Add((seenRanking[a], seenRanking[b]));
            }

            foreach (int j in Enumerable.Range(0, m).Except(seenRanking))
            {
                pairs.Add((seenRanking[a], j));
            }
        }

        Assert.Equal(k * (k - 1) / 2 + k * (m - k), pairs.Count);
        Assert.Equal(pairs.Count, optimizer.PairCount);
        for (int i = 0; i < d; i++)
        {
            double estimate = pairs.Sum(p => xi[p.Worse][i] - xi[p.Better][i]) / pairs.Count;
            double expected = theta0[i] - eta * estimate;
            Assert.True(Math.Abs(theta[i] - expected) < 1e-10, $"θ[{i}] = {theta[i]:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void ABrokenRankingIsRefused()
    {
        var optimizer = new ZoRankSgd(0.1, candidateCount: 4);
        Assert.Throws<InvalidOperationException>(() => optimizer.Step(new double[3], (c, r) => r.Fill(0)));
        Assert.Throws<InvalidOperationException>(() => optimizer.Step(new double[3], (c, r) => { for (int i = 0; i < r.Length; i++) r[i] = i + 1; }));
    }

    [Fact]
    public void ANonFiniteLossStopsTheStepAndRestoresTheParameters()
    {
        var mezo = new MeZo(0.1, seed: 3);
        double[] theta = Problems.InitialParameters(50), before = (double[])theta.Clone();
        Assert.Throws<InvalidOperationException>(() => mezo.Step(theta, _ => double.NaN));
        Problems.AssertRelativelyClose(before, theta, 1e-12, "θ");
        Assert.Equal(0, mezo.StepCount);
    }

    [Fact]
    public void ALossThatThrowsLeavesTheParametersWhereTheyWere()
    {
        var spsa = new Spsa(0.1, seed: 3);
        double[] theta = Problems.InitialParameters(50), before = (double[])theta.Clone();
        int calls = 0;
        Assert.Throws<TimeoutException>(() => spsa.Step(theta, _ => ++calls == 2 ? throw new TimeoutException() : 1.0));
        Problems.AssertRelativelyClose(before, theta, 1e-12, "θ");
        Assert.Equal(0, spsa.StepCount);
    }

    [Fact]
    public void TheSeedDeterminesTheRun()
    {
        var problem = new Problems.Quadratic(30, 5);
        double[] Train(Func<IZerothOrderOptimizer> create)
        {
            var x = new double[30];
            IZerothOrderOptimizer optimizer = create();
            for (int t = 0; t < 50; t++)
            {
                optimizer.Step(x, problem.Value);
            }

            return x;
        }

        Assert.Equal(Train(() => new MeZo(1e-3, seed: 7)), Train(() => new MeZo(1e-3, seed: 7)));
        Assert.NotEqual(Train(() => new MeZo(1e-3, seed: 7)), Train(() => new MeZo(1e-3, seed: 8)));
        Assert.Equal(Train(() => new Spsa(1e-3, seed: 7)), Train(() => new Spsa(1e-3, seed: 7)));
        Assert.NotEqual(Train(() => new Spsa(1e-3, seed: 7)), Train(() => new Spsa(1e-3, seed: 8)));

        double[] Rank(ulong seed)
        {
            var x = new double[30];
            var optimizer = new ZoRankSgd(0.01, seed: seed);
            RankingOracle oracle = RankingOracles.FromLoss(problem.Value);
            for (int t = 0; t < 20; t++)
            {
                optimizer.Step(x, oracle);
            }

            return x;
        }

        Assert.Equal(Rank(4), Rank(4));
        Assert.NotEqual(Rank(4), Rank(5));

        // Reset replays the same directions.
        var mezo = new MeZo(1e-3, seed: 7);
        double[] a = new double[30], b = new double[30];
        mezo.Step(a, problem.Value);
        mezo.Reset();
        mezo.Step(b, problem.Value);
        Assert.Equal(a, b);
    }
}
