using System.Reflection;
using DiffOpt.AdTests.Hvp;
using DiffOpt.AdTests.Loops;
using DiffOpt.AdTests.VectorFunctions;
using Xunit.Abstractions;

namespace DiffOpt.AdTests.Deep;

/// <summary>
/// Memory properties of the pooled tape. These are correctness properties (what is stored, and that steady-state
/// calls allocate nothing), not timings: allocation is counted with GC.GetAllocatedBytesForCurrentThread, and
/// the values taped per iteration are found from the tape's capacity on a fresh thread.
/// </summary>
public sealed class TapeMemoryTests(ITestOutputHelper output)
{
    private const int Calls = 200;

    [Fact]
    public void LoopedGradientsAllocateNothingInSteadyState()
    {
        var x = new[] { 0.3, -0.7, 1.1, 0.45, -0.2, 0.8 };
        var g = new double[x.Length];
        AssertNoAllocation("10,000-step recurrence gradient", () => DeepRecurrenceModel.RecurrenceGradient(0.3, 1.2, 0.5, 10_000, out _, out _, out _));
        AssertNoAllocation("RK4 gradient", () => DeepRecurrenceModel.DampedOscillatorGradient(1, 0, 0.1, 2, 1000, 0.01, out _, out _, out _, out _));
        AssertNoAllocation("nested-loop gradient (inner trip counts taped)", () => ForLoopModel.TriangularGradient(x, g));
        AssertNoAllocation("three-level loop gradient", () => ForLoopModel.ThreeLevelsGradient(x, 0.4, g, out _));
        AssertNoAllocation("break/continue gradient", () => Loops.WhileModel.BreakAndContinueGradient(x, g));
        AssertNoAllocation("looped JVP", () => DeepRecurrenceModel.RecurrenceJvp(0.3, 1.2, 0.5, 1000, 1, 0, 0, out _));

        // A looped derivative whose callee's pullback has its own loop (and tape) inside the caller's loop.
        AssertNoAllocation("looped gradient calling a looped callee", () => HvpModel.OuterGradient(x, 0.4, g, out _));
        AssertNoAllocation("looped HVP calling a looped callee", () => HvpModel.OuterHvpX(x, 0.4, x, g));

        // Recursion: one tape per level is held at once (20 levels here, more than the tapes kept at any size).
        AssertNoAllocation("gradient of a 20-level recursion with a loop per level", () => RecursiveLoopModel.LevelsGradient(x, 20, g));
    }

    [Fact]
    public void RecursiveGradientMatchesFiniteDifferences()
    {
        var x = new[] { 0.3, -0.7, 1.1, 0.45 };
        var g = new double[x.Length];
        RecursiveLoopModel.LevelsGradient(x, 20, g);
        var expected = Infrastructure.FiniteDifferences.Gradient(p => RecursiveLoopModel.Levels(p, 20), x);
        Infrastructure.DerivativeAssert.AllClose(expected, g, 1e-6 * Math.Max(1, Infrastructure.FiniteDifferences.Norm(expected)), "gradient");
    }

    [Fact]
    public void VectorAndSecondOrderDerivativesWithoutLocalArraysAllocateNothingInSteadyState()
    {
        var x = new[] { 0.3, -0.7, 1.1, 0.45, -0.2 };
        var r = new double[x.Length];
        var dx = new double[x.Length];
        var w = new[] { 1.0, 0.5, -0.25, 2.0, 0.1 };

        // The VJP copies the output cotangent into a pooled array; pooled, so nothing is allocated per call.
        AssertNoAllocation("vector VJP", () => VectorModel.ResidualVjp(x, 0.7, r, dx, out _, w));
        AssertNoAllocation("vector JVP", () => VectorModel.ResidualJvp(x, 0.7, r, w, 0.1, dx));
        AssertNoAllocation("Rosenbrock HVP", () => HvpModel.RosenbrockHvp(x, w, dx));
    }

    [Fact]
    public void TapedValuesPerIterationAreOnlyWhatTheReverseSweepReads()
    {
        // s ← a sin s + 10⁻³ b reads the old s (for cos s) and sin s (for ∂/∂a): at most two doubles per iteration, no ints.
        var recurrence = Measure("s ← a·sin(s) + 1e-3·b", n => DeepRecurrenceModel.RecurrenceGradient(0.3, 1.2, 0.5, n, out _, out _, out _));
        Assert.InRange(recurrence.Doubles, 0.5, 2.0);
        Assert.Equal(0.0, recurrence.Ints);

        // s ← a s + b reads only the old s (for ∂/∂a).
        var affine = Measure("s ← a·s + b", n => DeepRecurrenceModel.AffineGradient(0.3, 0.9, 0.5, n, out _, out _, out _));
        Assert.Equal(1.0, affine.Doubles);
        Assert.Equal(0.0, affine.Ints);

        // s ← s + b/2 is linear: the reverse sweep reads nothing from the forward sweep.
        var linear = Measure("s ← s + 0.5·b", n => DeepRecurrenceModel.LinearGradient(0.3, 0.5, n, out _, out _));
        Assert.Equal(0.0, linear.Doubles);
        Assert.Equal(0.0, linear.Ints);

        // Nested: two inner steps of the recurrence per outer iteration, plus the inner loop's trip count (one int).
        var nested = Measure("nested 2 × (s ← a·sin(s))", n => DeepRecurrenceModel.NestedGradient(0.3, 1.2, n, out _, out _));
        Assert.InRange(nested.Doubles, 1.0, 4.0);
        Assert.InRange(nested.Ints, 1.0, 3.0);

        // Σ xᵢ²: reported (xᵢ could be reloaded from the read-only input rather than taped).
        var sum = Measure("s += x[i]·x[i]", n => DeepRecurrenceModel.SumOfSquaresGradient(new double[n], new double[n]));
        Assert.InRange(sum.Doubles, 0.0, 2.0);
        Assert.InRange(sum.Ints, 0.0, 1.0);

        // RK4: the reverse sweep reads the 8 stage states x, v, x2, v2, x3, v3, x4, v4 (operands of products with the
        // active c = 2ζω and k = ω²); everything else is loop-invariant (−c, dt/2, dt/6), a copy, or only multiplies inactive factors.
        var rk4 = Measure("RK4 step", n => DeepRecurrenceModel.DampedOscillatorGradient(1, 0, 0.1, 2, n, 0.01, out _, out _, out _, out _));
        Assert.InRange(rk4.Doubles, 0.0, 8.0);
        Assert.Equal(0.0, rk4.Ints);
    }

    [Fact]
    public void ValuesThatOnlyFeedComparisonsAreNotTaped()
    {
        // The search over centres only compares distances: no reverse code for it, so nothing is taped per centre.
        // Per point, the search's result (the closest index) and the point's error are kept: the same with 4 or 16 centres.
        var centres = new[] { -1.0, 0.2, 0.9, 2.5 };
        var manyCentres = Enumerable.Range(0, 16).Select(j => (j * 0.3) - 2.0).ToArray();
        var search = Measure("nearest-centre cost, 4 centres", n => SearchModel.NearestCentreCostGradient(new double[n], centres, new double[centres.Length]));
        var wider = Measure("nearest-centre cost, 16 centres", n => SearchModel.NearestCentreCostGradient(new double[n], manyCentres, new double[manyCentres.Length]));
        Assert.Equal(search, wider);
        Assert.InRange(search.Ints, 0.0, 4.0);
        Assert.InRange(search.Doubles, 0.0, 1.0);

        var x = new[] { 0.3, -1.2, 2.2, 0.4, 1.9 };
        var g = new double[x.Length];
        var gc = new double[centres.Length];
        SearchModel.NearestCentreCostGradient(x, centres, gc);
        Infrastructure.DerivativeAssert.AllClose(Infrastructure.FiniteDifferences.Gradient(c => SearchModel.NearestCentreCost(x, c), centres), gc, 1e-6, "d centres");

        // Σ exp(xᵢ − a), then log of the sum: the sum is read only after the loop, so only exp's value is taped.
        var logSumExp = Measure("log-sum-exp", n => SearchModel.LogSumExpGradient(new double[n], new double[n]));
        Assert.InRange(logSumExp.Doubles, 0.0, 1.0);
        Assert.Equal(0.0, logSumExp.Ints);

        SearchModel.LogSumExpGradient(x, g);
        Infrastructure.DerivativeAssert.AllClose(Infrastructure.FiniteDifferences.Gradient(p => SearchModel.LogSumExp(p), x), g, 1e-7, "d log-sum-exp");
    }

    [Fact]
    public void ForwardModeSkipsValuesThatOnlyFeedComparisonsAndStaysExact()
    {
        var x = new[] { 0.3, -1.2, 2.2, 0.4, 1.9 };
        var u = new[] { 0.5, -0.25, 1.0, 0.75, -1.5 };
        var dX = new double[x.Length];
        ComparisonOnlyModel.SelectedSquaresGradient(x, 0.7, dX, out var dA);
        ComparisonOnlyModel.SelectedSquaresJvp(x, 0.7, u, 0.4, out var tangent);
        Infrastructure.DerivativeAssert.Close(Infrastructure.FiniteDifferences.Dot(dX, u) + (0.4 * dA), tangent, 1e-12, "JVP = ⟨gradient, direction⟩");
        Infrastructure.DerivativeAssert.AllClose(Infrastructure.FiniteDifferences.Gradient(p => ComparisonOnlyModel.SelectedSquares(p, 0.7), x), dX, 1e-6, "dx");

        var centres = new[] { -1.0, 0.2, 0.9, 2.5 };
        var w = new[] { 0.3, -0.6, 1.1, 0.2 };
        var dCentres = new double[centres.Length];
        SearchModel.NearestCentreCostGradient(x, centres, dCentres);
        SearchModel.NearestCentreCostJvp(x, centres, w, out var centreTangent);
        Infrastructure.DerivativeAssert.Close(Infrastructure.FiniteDifferences.Dot(dCentres, w), centreTangent, 1e-12, "nearest-centre JVP");
    }

    /// <summary>
    /// After warm-up, some round of <see cref="Calls"/> calls allocates nothing. One-off allocations by the runtime
    /// (tiered JIT promotion, on-stack replacement) can land in any one round under load; an allocation per call
    /// (what the pooled tape must avoid) shows in every round.
    /// </summary>
    private void AssertNoAllocation(string what, Action call)
    {
        for (var i = 0; i < 50; i++)
        {
            call();
        }

        var rounds = new List<long>();
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                call();
            }

            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            if (rounds[^1] == 0)
            {
                break;
            }
        }

        output.WriteLine(what + ": bytes per round of " + Calls + " calls: " + string.Join(", ", rounds));
        Assert.True(rounds[^1] == 0, what + ": every round of " + Calls + " steady-state calls allocated (bytes: " + string.Join(", ", rounds) + ")");
    }

    /// <summary>
    /// Values taped per loop iteration, as (doubles, ints). A fresh thread's tape starts with room for 256 of each
    /// and doubles when full, so the smallest n whose call outgrows 256 and the smallest that outgrows 8192 differ by
    /// (8192 − 256) / (values per iteration).
    /// </summary>
    private (double Doubles, double Ints) Measure(string what, Action<int> gradient)
    {
        var doubles = PerIteration(n => Capacity(gradient, n).Doubles);
        var ints = PerIteration(n => Capacity(gradient, n).Ints);
        output.WriteLine(what + ": " + doubles + " doubles and " + ints + " ints taped per iteration");
        return (doubles, ints);
    }

    private static double PerIteration(Func<int, int> capacity)
    {
        // Two thresholds far apart (256 and 8192 values) give the count to within a few percent even for 30 values per iteration.
        const int Limit = 20_000;
        var first = SmallestExceeding(capacity, 256, Limit);
        if (first is null)
        {
            return 0;
        }

        var second = SmallestExceeding(capacity, 8192, Limit) ?? throw new InvalidOperationException("the tape outgrew 256 but not 8192 values");
        return Math.Round((8192.0 - 256.0) / (second - first.Value), 1);
    }

    private static int? SmallestExceeding(Func<int, int> capacity, int bound, int limit)
    {
        if (capacity(limit) <= bound)
        {
            return null;
        }

        int low = 0, high = limit;
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            if (capacity(middle) > bound)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    /// <summary>
    /// The tape's capacity after one call on a fresh thread (whose pooled tape is new). CapacityBytes (8·doubles + 4·ints)
    /// cannot be split into the two stacks unambiguously, so their lengths are read from the tape's private arrays.
    /// </summary>
    private static (int Doubles, int Ints) Capacity(Action<int> gradient, int n)
    {
        (int, int) result = default;
        long bytes = 0;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                gradient(n);
                var tape = Tape.Rent();
                result = (StackLength(tape, "doubles"), StackLength(tape, "ints"));
                bytes = tape.CapacityBytes;
                tape.Return();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        Assert.Equal((8L * result.Item1) + (4L * result.Item2), bytes);
        return result;
    }

    private static int StackLength(Tape tape, string field) =>
        (typeof(Tape).GetField(field, BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(tape) as Array)?.Length
        ?? throw new InvalidOperationException("DiffOpt.Tape has no array field '" + field + "' any more; update this measurement");
}
