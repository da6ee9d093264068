using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.Loops;

/// <summary>while / do-while loops with data-dependent trip counts, and break / continue / return inside loops.</summary>
public static partial class WhileModel
{
    /// <summary>Babylonian square root to full precision: the derivative of the iterate converges to 1/(2√a).</summary>
    [Differentiable]
    public static double Babylonian(double a)
    {
        double y = a > 1 ? a : 1;
        int iterations = 0;
        while (Math.Abs(y * y - a) > 1e-15 * a && iterations < 100)
        {
            y = 0.5 * (y + a / y);
            iterations++;
        }

        return y;
    }

    [Gradient(nameof(Babylonian))]
    public static partial double BabylonianGradient(double a, out double da);

    [Jvp(nameof(Babylonian))]
    public static partial double BabylonianJvp(double a, double da, out double dResult);

    /// <summary>Grow until above a bound (the trip count depends on x), then shrink with do/while.</summary>
    [Differentiable]
    public static double GrowThenShrink(double x, double c)
    {
        double y = x;
        int k = 0;
        while (y < 100)
        {
            y = y * 1.7 + c * x;
            k++;
        }

        do
        {
            y = Math.Sqrt(y) + 0.1 * c;
        }
        while (y > 3);

        return y * k;
    }

    [Gradient(nameof(GrowThenShrink))]
    public static partial double GrowThenShrinkGradient(double x, double c, out double dx, out double dc);

    [Jvp(nameof(GrowThenShrink))]
    public static partial double GrowThenShrinkJvp(double x, double c, double dx, double dc, out double dResult);

    /// <summary>A do/while whose body runs once even though the condition is false at the start.</summary>
    [Differentiable]
    public static double DoRunsOnce(double x)
    {
        double y = x;
        do
        {
            y = y * y + 1;
        }
        while (y < 0);

        return y;
    }

    [Gradient(nameof(DoRunsOnce))]
    public static partial double DoRunsOnceGradient(double x, out double dx);

    [Jvp(nameof(DoRunsOnce))]
    public static partial double DoRunsOnceJvp(double x, double dx, out double dResult);

    /// <summary>continue skips negative entries; break stops once the product is large; exp in the tail.</summary>
    [Differentiable]
    public static double BreakAndContinue(ReadOnlySpan<double> x)
    {
        double acc = 1;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] < 0)
            {
                continue;
            }

            acc *= 1 + x[i];
            if (acc > 10)
            {
                break;
            }

            acc = Math.Exp(acc * 0.1) + x[i];
        }

        return acc;
    }

    [Gradient(nameof(BreakAndContinue))]
    public static partial double BreakAndContinueGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(BreakAndContinue))]
    public static partial double BreakAndContinueJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>break inside a while(true)-style loop with its own counter, continue in a while loop.</summary>
    [Differentiable]
    public static double WhileWithJumps(ReadOnlySpan<double> x, double a)
    {
        double s = 0;
        int i = 0;
        while (true)
        {
            if (i >= x.Length)
            {
                break;
            }

            double xi = x[i];
            i++;
            if (i % 3 == 0)
            {
                continue;
            }

            s = s * a + Math.Sin(xi);
        }

        return s;
    }

    [Gradient(nameof(WhileWithJumps))]
    public static partial double WhileWithJumpsGradient(ReadOnlySpan<double> x, double a, Span<double> dx, out double da);

    [Jvp(nameof(WhileWithJumps))]
    public static partial double WhileWithJumpsJvp(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> dx, double da, out double dResult);

    /// <summary>return from inside a loop.</summary>
    [Differentiable]
    public static double ReturnInLoop(ReadOnlySpan<double> x)
    {
        double p = 1;
        for (int i = 0; i < x.Length; i++)
        {
            p *= x[i];
            if (p > 2)
            {
                return p * x[0];
            }
        }

        return -p;
    }

    [Gradient(nameof(ReturnInLoop))]
    public static partial double ReturnInLoopGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(ReturnInLoop))]
    public static partial double ReturnInLoopJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>return from the inner loop of two nested loops, and break out of an inner loop only.</summary>
    [Differentiable]
    public static double ReturnInNestedLoop(ReadOnlySpan<double> x, double limit)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                if (j > i)
                {
                    break;
                }

                s += x[i] * Math.Cos(x[j]);
                if (s > limit)
                {
                    return s * s;
                }
            }

            s *= 0.9;
        }

        return s;
    }

    [Gradient(nameof(ReturnInNestedLoop))]
    public static partial double ReturnInNestedLoopGradient(ReadOnlySpan<double> x, double limit, Span<double> dx);

    [Jvp(nameof(ReturnInNestedLoop))]
    public static partial double ReturnInNestedLoopJvp(ReadOnlySpan<double> x, double limit, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>Linear recurrence s ← a s + b, n times: sₙ = aⁿ s₀ + b (aⁿ − 1)/(a − 1).</summary>
    [Differentiable]
    public static double Affine(double s, double a, double b, int n)
    {
        for (int i = 0; i < n; i++)
        {
            s = a * s + b;
        }

        return s;
    }

    [Gradient(nameof(Affine))]
    public static partial double AffineGradient(double s, double a, double b, int n, out double ds, out double da, out double db);

    [Jvp(nameof(Affine))]
    public static partial double AffineJvp(double s, double a, double b, int n, double ds, double da, double db, out double dResult);

    /// <summary>Two coupled loop-carried values (a rotation with decay), read before both are overwritten.</summary>
    [Differentiable]
    public static double Coupled(double x, double y, double theta, int n)
    {
        for (int i = 0; i < n; i++)
        {
            double nx = Math.Cos(theta) * x - Math.Sin(theta) * y;
            double ny = Math.Sin(theta) * x + Math.Cos(theta) * y;
            x = 0.99 * nx;
            y = 0.99 * ny;
        }

        return x + 2 * y;
    }

    [Gradient(nameof(Coupled))]
    public static partial double CoupledGradient(double x, double y, double theta, int n, out double dx, out double dy, out double dTheta);

    [Jvp(nameof(Coupled))]
    public static partial double CoupledJvp(double x, double y, double theta, int n, double dx, double dy, double dTheta, out double dResult);
}

public sealed class WhileAndJumpTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    [InlineData(50.0)]
    public void BabylonianMatchesDerivativeOfSquareRoot(double a)
    {
        var value = WhileModel.BabylonianGradient(a, out var da);
        DerivativeAssert.Close(Math.Sqrt(a), value, 1e-14, "√a");
        DerivativeAssert.Close(0.5 / Math.Sqrt(a), da, 1e-10, "d√a/da");
        WhileModel.BabylonianJvp(a, 1.0, out var tangent);
        DerivativeAssert.Close(0.5 / Math.Sqrt(a), tangent, 1e-10, "JVP of √a");
    }

    [Theory]
    [InlineData(0.37, 0.5)]
    [InlineData(2.3, 1.2)]
    public void GrowThenShrink(double x, double c) => DerivativeAssert.Scalar(
        "GrowThenShrink",
        th => WhileModel.GrowThenShrink(th[0], th[1]),
        (th, g) =>
        {
            var v = WhileModel.GrowThenShrinkGradient(th[0], th[1], out g[0], out g[1]);
            return v;
        },
        (th, u) => (WhileModel.GrowThenShrinkJvp(th[0], th[1], u[0], u[1], out var t), t),
        [x, c]);

    [Fact]
    public void DoRunsOnce()
    {
        WhileModel.DoRunsOnceGradient(1.5, out var dx);
        Assert.Equal(3.0, dx, 15);
        WhileModel.DoRunsOnceJvp(1.5, 1.0, out var t);
        Assert.Equal(3.0, t, 15);
    }

    [Theory]
    [InlineData(new[] { 0.5, -1.5, 2.0, 0.3, 4.0, 0.2 })]
    [InlineData(new[] { -0.5, -1.5, 0.1, 0.3, 0.4, 0.2 })]
    [InlineData(new[] { 3.0, 4.0, 0.1 })]
    public void BreakAndContinue(double[] x) => ForLoopTests.CheckSpan(
        "BreakAndContinue", t => WhileModel.BreakAndContinue(t), (t, g) => WhileModel.BreakAndContinueGradient(t, g), (t, u) => (WhileModel.BreakAndContinueJvp(t, u, out var d), d), x);

    [Fact]
    public void ContinueSkipsNegativeEntriesEntirely()
    {
        double[] x = [0.5, -1.5, 2.0, -0.3];
        var g = new double[4];
        WhileModel.BreakAndContinueGradient(x, g);
        Assert.Equal(0.0, g[1]);
        Assert.Equal(0.0, g[3]);
        Assert.NotEqual(0.0, g[0]);
    }

    [Fact]
    public void WhileWithJumps() => DerivativeAssert.Scalar(
        "WhileWithJumps",
        th => WhileModel.WhileWithJumps(th.AsSpan(1), th[0]),
        (th, g) =>
        {
            var v = WhileModel.WhileWithJumpsGradient(th.AsSpan(1), th[0], g.AsSpan(1), out var da);
            g[0] = da;
            return v;
        },
        (th, u) => (WhileModel.WhileWithJumpsJvp(th.AsSpan(1), th[0], u.AsSpan(1), u[0], out var t), t),
        [0.8, 0.3, -0.7, 1.1, 0.45, -0.2, 0.8, -1.3]);

    [Fact]
    public void WhileWithJumpsSkipsEveryThirdElement()
    {
        double[] x = [0.3, -0.7, 1.1, 0.45, -0.2, 0.8];
        var g = new double[6];
        WhileModel.WhileWithJumpsGradient(x, 0.8, g, out _);
        Assert.Equal(0.0, g[2]);
        Assert.Equal(0.0, g[5]);
        DerivativeAssert.Close(Math.Cos(x[4]), g[4], 1e-14, "last counted element");
    }

    [Theory]
    [InlineData(new[] { 0.5, 1.5, 2.0, 3.0 })]
    [InlineData(new[] { 1.5, 1.5, 2.0, 3.0 })]
    [InlineData(new[] { 0.5, 0.5, 0.5 })]
    public void ReturnInLoop(double[] x) => ForLoopTests.CheckSpan(
        "ReturnInLoop", t => WhileModel.ReturnInLoop(t), (t, g) => WhileModel.ReturnInLoopGradient(t, g), (t, u) => (WhileModel.ReturnInLoopJvp(t, u, out var d), d), x);

    [Theory]
    [InlineData(100.0)]
    [InlineData(1.0)]
    [InlineData(0.2)]
    public void ReturnInNestedLoop(double limit) => ForLoopTests.CheckSpan(
        "ReturnInNestedLoop",
        t => WhileModel.ReturnInNestedLoop(t, limit),
        (t, g) => WhileModel.ReturnInNestedLoopGradient(t, limit, g),
        (t, u) => (WhileModel.ReturnInNestedLoopJvp(t, limit, u, out var d), d),
        [0.3, 0.9, 0.6, 0.55]);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(25)]
    public void AffineRecurrenceMatchesClosedForm(int n)
    {
        const double S = 0.7, A = 0.93, B = -0.4;
        var value = WhileModel.AffineGradient(S, A, B, n, out var ds, out var da, out var db);
        var an = Math.Pow(A, n);
        DerivativeAssert.Close((an * S) + (B * (an - 1) / (A - 1)), value, 1e-13, "sₙ");
        DerivativeAssert.Close(an, ds, 1e-13, "∂sₙ/∂s₀");
        DerivativeAssert.Close((an - 1) / (A - 1), db, 1e-13, "∂sₙ/∂b");
        var dAn = n * Math.Pow(A, n - 1);
        DerivativeAssert.Close((dAn * S) + (B * ((dAn * (A - 1)) - (an - 1)) / ((A - 1) * (A - 1))), da, 1e-12, "∂sₙ/∂a");
        WhileModel.AffineJvp(S, A, B, n, 0.3, -0.2, 0.5, out var tangent);
        DerivativeAssert.Close((0.3 * ds) - (0.2 * da) + (0.5 * db), tangent, 1e-12, "JVP");
    }

    [Fact]
    public void CoupledRotationMatchesClosedForm()
    {
        // n rotations by θ scaled by 0.99: (x, y) → 0.99ⁿ R(nθ)(x, y).
        const double X0 = 0.4, Y0 = -1.1, Theta = 0.3;
        const int N = 40;
        WhileModel.CoupledGradient(X0, Y0, Theta, N, out var dx, out var dy, out var dTheta);
        var r = Math.Pow(0.99, N);
        var c = Math.Cos(N * Theta);
        var s = Math.Sin(N * Theta);

        // result = r[(c x − s y) + 2 (s x + c y)]
        DerivativeAssert.Close(r * (c + (2 * s)), dx, 1e-12, "∂/∂x");
        DerivativeAssert.Close(r * (-s + (2 * c)), dy, 1e-12, "∂/∂y");
        DerivativeAssert.Close(r * N * ((-s * X0) - (c * Y0) + (2 * ((c * X0) - (s * Y0)))), dTheta, 1e-11, "∂/∂θ");
        DerivativeAssert.Scalar(
            "Coupled",
            th => WhileModel.Coupled(th[0], th[1], th[2], N),
            (th, g) => WhileModel.CoupledGradient(th[0], th[1], th[2], N, out g[0], out g[1], out g[2]),
            (th, u) => (WhileModel.CoupledJvp(th[0], th[1], th[2], N, u[0], u[1], u[2], out var t), t),
            [X0, Y0, Theta]);
    }
}
