using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.Loops;

/// <summary>Functions with <c>for</c> loops of various shapes (steps, directions, nesting, bounds).</summary>
public static partial class ForLoopModel
{
    /// <summary>Horner's rule counting down: p(t) = Σ cᵢ tⁱ. ∂p/∂cᵢ = tⁱ, ∂p/∂t = Σ i cᵢ tⁱ⁻¹.</summary>
    [Differentiable]
    public static double Horner(ReadOnlySpan<double> c, double t)
    {
        double p = 0;
        for (int i = c.Length - 1; i >= 0; i--)
        {
            p = p * t + c[i];
        }

        return p;
    }

    [Gradient(nameof(Horner))]
    public static partial double HornerGradient(ReadOnlySpan<double> c, double t, Span<double> dc, out double dt);

    [Jvp(nameof(Horner))]
    public static partial double HornerJvp(ReadOnlySpan<double> c, double t, ReadOnlySpan<double> dc, double dt, out double dResult);

    /// <summary>Step 2 from 1: pairs (x[i-1], x[i]).</summary>
    [Differentiable]
    public static double StepTwo(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 1; i < x.Length; i += 2)
        {
            s += x[i - 1] * Math.Exp(0.3 * x[i]);
        }

        return s;
    }

    [Gradient(nameof(StepTwo))]
    public static partial double StepTwoGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(StepTwo))]
    public static partial double StepTwoJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>Counting down by 3 with i = i - 3, and a loop-carried product.</summary>
    [Differentiable]
    public static double StepDownThree(ReadOnlySpan<double> x)
    {
        double p = 1;
        for (int i = x.Length - 1; i >= 0; i = i - 3)
        {
            p = p * Math.Cos(x[i]) + 0.5 * x[i];
        }

        return p;
    }

    [Gradient(nameof(StepDownThree))]
    public static partial double StepDownThreeGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(StepDownThree))]
    public static partial double StepDownThreeJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>A doubling counter (k *= 2): touches x[1], x[2], x[4], x[8].</summary>
    [Differentiable]
    public static double Doubling(ReadOnlySpan<double> x)
    {
        double s = 1;
        for (int k = 1; k < x.Length; k *= 2)
        {
            s = s * x[k] + Math.Sin(x[k - 1]);
        }

        return s;
    }

    [Gradient(nameof(Doubling))]
    public static partial double DoublingGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(Doubling))]
    public static partial double DoublingJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>Two counters moving towards each other: Σ x[i]·x[j] over mirrored pairs.</summary>
    [Differentiable]
    public static double TwoCounters(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0, j = x.Length - 1; i < j; i++, j--)
        {
            s += x[i] * x[j] * x[j];
        }

        return s;
    }

    [Gradient(nameof(TwoCounters))]
    public static partial double TwoCountersGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(TwoCounters))]
    public static partial double TwoCountersJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>Triangular nesting j ≤ i with a loop-carried value across both loops.</summary>
    [Differentiable]
    public static double Triangular(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                s = s * 0.9 + Math.Sin(x[i] * x[j]) / (1 + j);
            }
        }

        return s;
    }

    [Gradient(nameof(Triangular))]
    public static partial double TriangularGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(Triangular))]
    public static partial double TriangularJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>Upper triangle counting down in the inner loop, three levels deep.</summary>
    [Differentiable]
    public static double ThreeLevels(ReadOnlySpan<double> x, double a)
    {
        double s = a;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = x.Length - 1; j > i; j--)
            {
                for (int k = 0; k < 2; k++)
                {
                    s = Math.Tanh(s + a * x[i] - x[j] * k);
                }
            }
        }

        return s;
    }

    [Gradient(nameof(ThreeLevels))]
    public static partial double ThreeLevelsGradient(ReadOnlySpan<double> x, double a, Span<double> dx, out double da);

    [Jvp(nameof(ThreeLevels))]
    public static partial double ThreeLevelsJvp(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> dx, double da, out double dResult);

    /// <summary>A condition that reads data: stops once the running sum passes a bound.</summary>
    [Differentiable]
    public static double DataDependentBound(ReadOnlySpan<double> x)
    {
        double s = 0;
        int i;
        for (i = 0; i < x.Length && s < 2; i++)
        {
            s += x[i] * x[i];
        }

        return s * x[0] + i;
    }

    [Gradient(nameof(DataDependentBound))]
    public static partial double DataDependentBoundGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(DataDependentBound))]
    public static partial double DataDependentBoundJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>A zero-trip loop leaves the derivative of the initial value.</summary>
    [Differentiable]
    public static double MaybeEmpty(double a, int n)
    {
        double s = a * a;
        for (int i = 0; i < n; i++)
        {
            s = Math.Sin(s) + a;
        }

        return s;
    }

    /// <summary>A self-assignment before a loop that updates the same variable: f = (a/2 + 0.4)², f' = a/2 + 0.4.</summary>
    [Differentiable]
    public static double SelfAssignmentBeforeLoop(double a)
    {
        double s = 0.5 * a;
        s = s;
        for (int i = 0; i < 2; i++)
        {
            s += 0.2;
        }

        return s * s;
    }

    [Gradient(nameof(SelfAssignmentBeforeLoop))]
    public static partial double SelfAssignmentBeforeLoopGradient(double a, out double da);

    [Jvp(nameof(SelfAssignmentBeforeLoop))]
    public static partial double SelfAssignmentBeforeLoopJvp(double a, double da, out double dResult);

    [Gradient(nameof(MaybeEmpty))]
    public static partial double MaybeEmptyGradient(double a, int n, out double da);

    [Jvp(nameof(MaybeEmpty))]
    public static partial double MaybeEmptyJvp(double a, int n, double da, out double dResult);
}

public sealed class ForLoopTests
{
    private static readonly double[] X = [0.3, -0.7, 1.1, 0.45, -0.2, 0.8, -1.3, 0.6, 0.25];

    [Fact]
    public void HornerMatchesClosedFormAndDifferences()
    {
        double[] c = [0.5, -1.0, 2.0, 0.25, -0.75];
        const double T = 0.8;
        var dc = new double[c.Length];
        var value = ForLoopModel.HornerGradient(c, T, dc, out var dt);
        double expectedValue = 0, expectedDt = 0;
        for (var i = 0; i < c.Length; i++)
        {
            expectedValue += c[i] * Math.Pow(T, i);
            DerivativeAssert.Close(Math.Pow(T, i), dc[i], 1e-13, "∂p/∂c" + i);
            if (i > 0)
            {
                expectedDt += i * c[i] * Math.Pow(T, i - 1);
            }
        }

        DerivativeAssert.Close(expectedValue, value, 1e-13, "p(t)");
        DerivativeAssert.Close(expectedDt, dt, 1e-13, "∂p/∂t");

        DerivativeAssert.Scalar(
            "Horner",
            th => ForLoopModel.Horner(th.AsSpan(0, 5), th[5]),
            (th, g) =>
            {
                var v = ForLoopModel.HornerGradient(th.AsSpan(0, 5), th[5], g.AsSpan(0, 5), out var d);
                g[5] = d;
                return v;
            },
            (th, u) => (ForLoopModel.HornerJvp(th.AsSpan(0, 5), th[5], u.AsSpan(0, 5), u[5], out var t), t),
            [.. c, T]);
    }

    [Fact]
    public void StepTwo() => CheckSpan("StepTwo", x => ForLoopModel.StepTwo(x), (x, g) => ForLoopModel.StepTwoGradient(x, g), (x, u) => (ForLoopModel.StepTwoJvp(x, u, out var t), t), X);

    [Fact]
    public void StepTwoWithOddLength() => CheckSpan("StepTwo odd", x => ForLoopModel.StepTwo(x), (x, g) => ForLoopModel.StepTwoGradient(x, g), (x, u) => (ForLoopModel.StepTwoJvp(x, u, out var t), t), X[..7]);

    [Fact]
    public void StepDownThree() => CheckSpan("StepDownThree", x => ForLoopModel.StepDownThree(x), (x, g) => ForLoopModel.StepDownThreeGradient(x, g), (x, u) => (ForLoopModel.StepDownThreeJvp(x, u, out var t), t), X);

    [Fact]
    public void StepDownThreeLeavesSkippedElementsWithZeroGradient()
    {
        var g = new double[X.Length];
        ForLoopModel.StepDownThreeGradient(X, g);
        for (var i = 0; i < X.Length; i++)
        {
            if ((X.Length - 1 - i) % 3 != 0)
            {
                Assert.Equal(0.0, g[i]);
            }
            else
            {
                Assert.NotEqual(0.0, g[i]);
            }
        }
    }

    [Fact]
    public void Doubling() => CheckSpan("Doubling", x => ForLoopModel.Doubling(x), (x, g) => ForLoopModel.DoublingGradient(x, g), (x, u) => (ForLoopModel.DoublingJvp(x, u, out var t), t), X);

    [Fact]
    public void TwoCounters()
    {
        CheckSpan("TwoCounters", x => ForLoopModel.TwoCounters(x), (x, g) => ForLoopModel.TwoCountersGradient(x, g), (x, u) => (ForLoopModel.TwoCountersJvp(x, u, out var t), t), X);

        // Closed form: f = Σ_{i<j mirrored} x_i x_j², so ∂f/∂x_i = x_j² and ∂f/∂x_j = 2 x_i x_j; the middle element is untouched.
        var g = new double[X.Length];
        ForLoopModel.TwoCountersGradient(X, g);
        for (int i = 0, j = X.Length - 1; i < j; i++, j--)
        {
            DerivativeAssert.Close(X[j] * X[j], g[i], 1e-14, "∂f/∂x" + i);
            DerivativeAssert.Close(2 * X[i] * X[j], g[j], 1e-14, "∂f/∂x" + j);
        }

        Assert.Equal(0.0, g[X.Length / 2]);
    }

    [Fact]
    public void Triangular() => CheckSpan("Triangular", x => ForLoopModel.Triangular(x), (x, g) => ForLoopModel.TriangularGradient(x, g), (x, u) => (ForLoopModel.TriangularJvp(x, u, out var t), t), X);

    [Fact]
    public void ThreeLevels() => DerivativeAssert.Scalar(
        "ThreeLevels",
        th => ForLoopModel.ThreeLevels(th.AsSpan(1), th[0]),
        (th, g) =>
        {
            var v = ForLoopModel.ThreeLevelsGradient(th.AsSpan(1), th[0], g.AsSpan(1), out var da);
            g[0] = da;
            return v;
        },
        (th, u) => (ForLoopModel.ThreeLevelsJvp(th.AsSpan(1), th[0], u.AsSpan(1), u[0], out var t), t),
        [0.4, .. X[..6]]);

    [Fact]
    public void DataDependentBound()
    {
        // 0.09 + 0.49 + 1.21 + 0.2025 = 1.99... < 2 after four terms, > 2 after five: the point is away from a switch.
        CheckSpan("DataDependentBound", x => ForLoopModel.DataDependentBound(x), (x, g) => ForLoopModel.DataDependentBoundGradient(x, g), (x, u) => (ForLoopModel.DataDependentBoundJvp(x, u, out var t), t), X);
        var g = new double[X.Length];
        ForLoopModel.DataDependentBoundGradient(X, g);
        for (var i = 5; i < X.Length; i++)
        {
            Assert.Equal(0.0, g[i]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void MaybeEmpty(int n) => DerivativeAssert.Scalar(
        "MaybeEmpty n=" + n,
        th => ForLoopModel.MaybeEmpty(th[0], n),
        (th, g) =>
        {
            var v = ForLoopModel.MaybeEmptyGradient(th[0], n, out var d);
            g[0] = d;
            return v;
        },
        (th, u) => (ForLoopModel.MaybeEmptyJvp(th[0], n, u[0], out var t), t),
        [0.6]);

    [Fact]
    public void SelfAssignmentBeforeLoop()
    {
        const double A = 0.873;
        ForLoopModel.SelfAssignmentBeforeLoopGradient(A, out var da);
        DerivativeAssert.Close((0.5 * A) + 0.4, da, 1e-15, "∂/∂a");
        ForLoopModel.SelfAssignmentBeforeLoopJvp(A, 1.0, out var t);
        DerivativeAssert.Close((0.5 * A) + 0.4, t, 1e-15, "JVP");
    }

    [Fact]
    public void ZeroTripLoopGivesDerivativeOfInitialValue()
    {
        ForLoopModel.MaybeEmptyGradient(0.6, 0, out var da);
        Assert.Equal(1.2, da, 15);
    }

    internal static void CheckSpan(string name, Func<double[], double> f, Func<double[], double[], double> gradient, Func<double[], double[], (double, double)> jvp, double[] x) =>
        DerivativeAssert.Scalar(name, f, gradient, jvp, x);
}
