using DiffOpt.Solvers;

namespace DiffOpt.Tests.Optimizers;

/// <summary>After the first step (which allocates the state), steps allocate nothing; zeroth-order methods hold no per-parameter state.</summary>
public class AllocationTests
{
    [Fact]
    public void FirstOrderStepsAllocateNothingAfterTheFirst()
    {
        const int n = 10_000;
        double[] p = Problems.InitialParameters(n), g = Problems.Gradient(1, n);
        IOptimizer[] optimizers =
        [
            new Sgd(1e-3), new Sgd(1e-3, 0.9, nesterov: true), new Adam(1e-3), new AdamW(1e-3), new Lion(1e-4),
            new Adam8Bit(1e-3), new Adam8Bit(1e-3, minQuantizedSize: 1_000_000),
        ];
        foreach (IOptimizer optimizer in optimizers)
        {
            optimizer.Step(p, g);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int t = 0; t < 5; t++)
            {
                optimizer.Step(p, g);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void ZerothOrderStepsAllocateNothingAndHoldNoPerParameterState()
    {
        const int n = 10_000;
        double[] p = Problems.InitialParameters(n);
        LossFunction loss = x => x[0] * x[0] + x[n - 1];
        IZerothOrderOptimizer[] optimizers = [new MeZo(1e-6), new Spsa(1e-6)];
        foreach (IZerothOrderOptimizer optimizer in optimizers)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int t = 0; t < 5; t++)
            {
                optimizer.Step(p, loss);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(0, optimizer.StateBytes);
        }

        var rank = new ZoRankSgd(1e-6, candidateCount: 4);
        RankingOracle oracle = RankingOracles.FromLoss(loss);
        rank.Step(p, oracle);
        long start = GC.GetAllocatedBytesForCurrentThread();
        rank.Step(p, oracle);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - start);
        Assert.InRange(rank.StateBytes, 4L * n * sizeof(double), 4L * n * sizeof(double) + 100);
    }
}
