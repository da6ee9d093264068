using DiffOpt.AdTests.Arrays;
using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.VectorFunctions;

/// <summary>Vector-valued functions (void methods writing Span&lt;double&gt; outputs) with [Jvp] and [Vjp], and their callers.</summary>
public static partial class VectorModel
{
    /// <summary>rᵢ = a sin(xᵢ) + x₍ᵢ₊₁₎ xᵢ.</summary>
    [Differentiable]
    public static void Residual(ReadOnlySpan<double> x, double a, Span<double> r)
    {
        for (int i = 0; i < x.Length; i++)
        {
            r[i] = (Math.Sin(x[i]) * a) + (x[(i + 1) % x.Length] * x[i]);
        }
    }

    [Vjp(nameof(Residual))]
    public static partial void ResidualVjp(ReadOnlySpan<double> x, double a, Span<double> r, Span<double> dx, out double da, ReadOnlySpan<double> dr);

    [Jvp(nameof(Residual))]
    public static partial void ResidualJvp(ReadOnlySpan<double> x, double a, Span<double> r, ReadOnlySpan<double> dx, double da, Span<double> dr);

    /// <summary>Two outputs; the second reads the first after writing it.</summary>
    [Differentiable]
    public static void TwoOutputs(ReadOnlySpan<double> x, Span<double> p, Span<double> q)
    {
        for (int i = 0; i < x.Length; i++)
        {
            p[i] = Math.Sqrt(1 + (x[i] * x[i]));
        }

        for (int i = 0; i < q.Length; i++)
        {
            q[i] = p[i] * Math.Exp(-x[(i + 1) % x.Length]);
        }
    }

    [Vjp(nameof(TwoOutputs))]
    public static partial void TwoOutputsVjp(ReadOnlySpan<double> x, Span<double> p, Span<double> q, Span<double> dx, ReadOnlySpan<double> dp, ReadOnlySpan<double> dq);

    [Jvp(nameof(TwoOutputs))]
    public static partial void TwoOutputsJvp(ReadOnlySpan<double> x, Span<double> p, Span<double> q, ReadOnlySpan<double> dx, Span<double> dp, Span<double> dq);

    /// <summary>A recurrence through the output: yᵢ = a yᵢ₋₁ + sin(xᵢ) (the output is read after being written).</summary>
    [Differentiable]
    public static void Filter(ReadOnlySpan<double> x, double a, Span<double> y)
    {
        y[0] = x[0];
        for (int i = 1; i < y.Length; i++)
        {
            y[i] = (a * y[i - 1]) + Math.Sin(x[i]);
        }
    }

    [Vjp(nameof(Filter))]
    public static partial void FilterVjp(ReadOnlySpan<double> x, double a, Span<double> y, Span<double> dx, out double da, ReadOnlySpan<double> dy);

    [Jvp(nameof(Filter))]
    public static partial void FilterJvp(ReadOnlySpan<double> x, double a, Span<double> y, ReadOnlySpan<double> dx, double da, Span<double> dy);

    /// <summary>Rosenbrock residuals: an output shorter than the input (rᵢ = 10(xᵢ₊₁ − xᵢ²), i &lt; r.Length).</summary>
    [Differentiable]
    public static void RosenbrockResiduals(ReadOnlySpan<double> x, Span<double> r)
    {
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = 10 * (x[i + 1] - (x[i] * x[i]));
        }
    }

    [Vjp(nameof(RosenbrockResiduals))]
    public static partial void RosenbrockResidualsVjp(ReadOnlySpan<double> x, Span<double> r, Span<double> dx, ReadOnlySpan<double> dr);

    [Jvp(nameof(RosenbrockResiduals))]
    public static partial void RosenbrockResidualsJvp(ReadOnlySpan<double> x, Span<double> r, ReadOnlySpan<double> dx, Span<double> dr);

    /// <summary>A vector function with a local array that calls another type's vector function.</summary>
    [Differentiable]
    public static void Chain(ReadOnlySpan<double> x, double c, Span<double> y)
    {
        double[] t = new double[x.Length];
        ArrayModel.Smooth(x, c, t);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = (t[i] * t[(i + 1) % t.Length]) + x[i];
        }
    }

    [Vjp(nameof(Chain))]
    public static partial void ChainVjp(ReadOnlySpan<double> x, double c, Span<double> y, Span<double> dx, out double dc, ReadOnlySpan<double> dy);

    [Jvp(nameof(Chain))]
    public static partial void ChainJvp(ReadOnlySpan<double> x, double c, Span<double> y, ReadOnlySpan<double> dx, double dc, Span<double> dy);

    /// <summary>A vector function that calls vector functions writing directly into its own output.</summary>
    [Differentiable]
    public static void Forward(ReadOnlySpan<double> x, double a, Span<double> y)
    {
        double[] r = new double[x.Length];
        Residual(x, a, r);
        Filter(r, a, y);
    }

    [Vjp(nameof(Forward))]
    public static partial void ForwardVjp(ReadOnlySpan<double> x, double a, Span<double> y, Span<double> dx, out double da, ReadOnlySpan<double> dy);

    [Jvp(nameof(Forward))]
    public static partial void ForwardJvp(ReadOnlySpan<double> x, double a, Span<double> y, ReadOnlySpan<double> dx, double da, Span<double> dy);

    /// <summary>Half the squared norm of the residual: a scalar function over a vector callee.</summary>
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> x, double a)
    {
        double[] r = new double[x.Length];
        Residual(x, a, r);
        double s = 0;
        for (int i = 0; i < r.Length; i++)
        {
            s += r[i] * r[i];
        }

        return 0.5 * s;
    }

    [Gradient(nameof(Loss))]
    public static partial double LossGradient(ReadOnlySpan<double> x, double a, Span<double> dx, out double da);

    [Jvp(nameof(Loss))]
    public static partial double LossJvp(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> dx, double da, out double dResult);

    [Hvp(nameof(Loss), "x")]
    public static partial void LossHvp(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> v, Span<double> hv);
}

public sealed class VectorFunctionTests
{
    private static readonly double[] X = [0.3, -0.7, 1.1, 0.45, -0.2];

    [Fact]
    public void Residual() => CheckWithScalar(
        "Residual",
        (x, a, y) => VectorModel.Residual(x, a, y),
        (x, a, y, u, ua, dy) => VectorModel.ResidualJvp(x, a, y, u, ua, dy),
        (x, a, y, dx, w) =>
        {
            VectorModel.ResidualVjp(x, a, y, dx, out var da, w);
            return da;
        },
        X.Length);

    [Fact]
    public void ResidualJacobianMatchesClosedForm()
    {
        // J = diag(a cos xᵢ + x₍ᵢ₊₁₎) + (∂rᵢ/∂x₍ᵢ₊₁₎ = xᵢ); VJP with eₖ gives row k of J.
        const double A = 0.7;
        var n = X.Length;
        for (var k = 0; k < n; k++)
        {
            var w = new double[n];
            w[k] = 1;
            var dx = new double[n];
            VectorModel.ResidualVjp(X, A, new double[n], dx, out var da, w);
            for (var j = 0; j < n; j++)
            {
                var expected = (j == k ? (A * Math.Cos(X[k])) + X[(k + 1) % n] : 0) + (j == (k + 1) % n ? X[k] : 0);
                DerivativeAssert.Close(expected, dx[j], 1e-14, "J[" + k + "," + j + "]");
            }

            DerivativeAssert.Close(Math.Sin(X[k]), da, 1e-14, "∂r" + k + "/∂a");
        }
    }

    [Fact]
    public void VjpOverwritesItsCotangentOutputs()
    {
        var dx = new double[X.Length];
        Array.Fill(dx, 123.0);
        var w = new double[X.Length];
        w[0] = 1;
        VectorModel.ResidualVjp(X, 0.7, new double[X.Length], dx, out _, w);
        DerivativeAssert.Close((0.7 * Math.Cos(X[0])) + X[1], dx[0], 1e-14, "dx[0] (overwritten, not accumulated)");
        Assert.Equal(0.0, dx[2]);
    }

    [Fact]
    public void TwoOutputs()
    {
        var n = X.Length;
        DerivativeAssert.Vector(
            "TwoOutputs",
            th =>
            {
                var y = new double[2 * n];
                VectorModel.TwoOutputs(th, y.AsSpan(0, n), y.AsSpan(n));
                return y;
            },
            (th, u) =>
            {
                var y = new double[2 * n];
                var dy = new double[2 * n];
                VectorModel.TwoOutputsJvp(th, y.AsSpan(0, n), y.AsSpan(n), u, dy.AsSpan(0, n), dy.AsSpan(n));
                return (y, dy);
            },
            (th, w) =>
            {
                var y = new double[2 * n];
                var dx = new double[n];
                VectorModel.TwoOutputsVjp(th, y.AsSpan(0, n), y.AsSpan(n), dx, w.AsSpan(0, n), w.AsSpan(n));
                return (y, dx);
            },
            X);
    }

    [Fact]
    public void FilterReadsItsOutput() => CheckWithScalar(
        "Filter",
        (x, a, y) => VectorModel.Filter(x, a, y),
        (x, a, y, u, ua, dy) => VectorModel.FilterJvp(x, a, y, u, ua, dy),
        (x, a, y, dx, w) =>
        {
            VectorModel.FilterVjp(x, a, y, dx, out var da, w);
            return da;
        },
        X.Length);

    [Fact]
    public void RosenbrockResidualsWithShorterOutput()
    {
        var n = X.Length;
        DerivativeAssert.Vector(
            "RosenbrockResiduals",
            th =>
            {
                var y = new double[n - 1];
                VectorModel.RosenbrockResiduals(th, y);
                return y;
            },
            (th, u) =>
            {
                var y = new double[n - 1];
                var dy = new double[n - 1];
                VectorModel.RosenbrockResidualsJvp(th, y, u, dy);
                return (y, dy);
            },
            (th, w) =>
            {
                var y = new double[n - 1];
                var dx = new double[n];
                VectorModel.RosenbrockResidualsVjp(th, y, dx, w);
                return (y, dx);
            },
            X);
    }

    [Fact]
    public void Chain() => CheckWithScalar(
        "Chain",
        (x, a, y) => VectorModel.Chain(x, a, y),
        (x, a, y, u, ua, dy) => VectorModel.ChainJvp(x, a, y, u, ua, dy),
        (x, a, y, dx, w) =>
        {
            VectorModel.ChainVjp(x, a, y, dx, out var da, w);
            return da;
        },
        X.Length);

    [Fact]
    public void ForwardThroughTwoVectorCallees() => CheckWithScalar(
        "Forward",
        (x, a, y) => VectorModel.Forward(x, a, y),
        (x, a, y, u, ua, dy) => VectorModel.ForwardJvp(x, a, y, u, ua, dy),
        (x, a, y, dx, w) =>
        {
            VectorModel.ForwardVjp(x, a, y, dx, out var da, w);
            return da;
        },
        X.Length);

    [Fact]
    public void ScalarLossOverVectorCallee()
    {
        DerivativeAssert.Scalar(
            "Loss",
            th => VectorModel.Loss(th.AsSpan(1), th[0]),
            (th, g) =>
            {
                var v = VectorModel.LossGradient(th.AsSpan(1), th[0], g.AsSpan(1), out var da);
                g[0] = da;
                return v;
            },
            (th, u) => (VectorModel.LossJvp(th.AsSpan(1), th[0], u.AsSpan(1), u[0], out var t), t),
            [0.7, .. X]);

        // ∇(½‖r‖²) = Jᵀ r, with Jᵀ r from the generated VJP.
        var r = new double[X.Length];
        VectorModel.Residual(X, 0.7, r);
        var jtr = new double[X.Length];
        VectorModel.ResidualVjp(X, 0.7, new double[X.Length], jtr, out var jtrA, r);
        var g = new double[X.Length];
        VectorModel.LossGradient(X, 0.7, g, out var ga);
        DerivativeAssert.AllClose(jtr, g, 1e-13, "∇ loss = Jᵀr");
        DerivativeAssert.Close(jtrA, ga, 1e-13, "∂loss/∂a = (Jᵀr)_a");
    }

    [Fact]
    public void LengthMismatchesAreArgumentExceptions()
    {
        var y = new double[X.Length];
        Assert.Throws<ArgumentException>("dx", () => VectorModel.ResidualVjp(X, 0.7, y, new double[X.Length - 1], out _, new double[X.Length]));
        Assert.Throws<ArgumentException>("dr", () => VectorModel.ResidualJvp(X, 0.7, y, new double[X.Length], 0, new double[X.Length + 1]));
    }

    private delegate void Primal(ReadOnlySpan<double> x, double a, Span<double> y);

    private delegate void JvpCall(ReadOnlySpan<double> x, double a, Span<double> y, ReadOnlySpan<double> u, double ua, Span<double> dy);

    private delegate double VjpCall(ReadOnlySpan<double> x, double a, Span<double> y, Span<double> dx, ReadOnlySpan<double> w);

    /// <summary>θ = (a, x); y has the length of x.</summary>
    private static void CheckWithScalar(string name, Primal f, JvpCall jvp, VjpCall vjp, int n) => DerivativeAssert.Vector(
        name,
        th =>
        {
            var y = new double[n];
            f(th.AsSpan(1), th[0], y);
            return y;
        },
        (th, u) =>
        {
            var y = new double[n];
            var dy = new double[n];
            jvp(th.AsSpan(1), th[0], y, u.AsSpan(1), u[0], dy);
            return (y, dy);
        },
        (th, w) =>
        {
            var y = new double[n];
            var g = new double[n + 1];
            g[0] = vjp(th.AsSpan(1), th[0], y, g.AsSpan(1), w);
            return (y, g);
        },
        [0.7, .. X]);
}
