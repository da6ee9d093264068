using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.CustomDerivatives;

/// <summary>[DerivativeOf] custom derivatives (scalar: gradient contract; vector: VJP contract) and their callers.</summary>
public static partial class CustomModel
{
    /// <summary>Not differentiable by the generator (Math.Round); its custom derivative is the straight-through 1.</summary>
    public static double Quantize(double x) => Math.Round(x * 4) / 4;

    [DerivativeOf(nameof(Quantize))]
    public static double QuantizeDerivative(double x, out double dx)
    {
        dx = 1;
        return Quantize(x);
    }

    /// <summary>A smooth function whose custom derivative deliberately differs from its true derivative (by a factor 3).</summary>
    public static double Cubic(double x) => x * x * x;

    [DerivativeOf(nameof(Cubic))]
    public static double CubicDerivative(double x, out double dx)
    {
        dx = 9 * x * x;
        return Cubic(x);
    }

    /// <summary>A numerically stable softplus with its exact derivative.</summary>
    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    [DerivativeOf(nameof(Softplus))]
    public static double SoftplusDerivative(double x, out double dx)
    {
        dx = 1 / (1 + Math.Exp(-x));
        return Softplus(x);
    }

    /// <summary>Two scalar inputs: the hypotenuse.</summary>
    public static double Hypot(double a, double b) => Math.Sqrt((a * a) + (b * b));

    [DerivativeOf(nameof(Hypot))]
    public static double HypotDerivative(double a, double b, out double da, out double db)
    {
        var h = Hypot(a, b);
        da = a / h;
        db = b / h;
        return h;
    }

    /// <summary>A span input (written with foreach, which the generator would reject).</summary>
    public static double Norm(ReadOnlySpan<double> w)
    {
        double s = 0;
        foreach (var v in w)
        {
            s += v * v;
        }

        return Math.Sqrt(s);
    }

    [DerivativeOf(nameof(Norm))]
    public static double NormDerivative(ReadOnlySpan<double> w, Span<double> dw)
    {
        var n = Norm(w);
        for (var i = 0; i < w.Length; i++)
        {
            dw[i] = w[i] / n;
        }

        return n;
    }

    /// <summary>A vector function with an exact custom VJP: y = x / ‖x‖.</summary>
    public static void Normalize(ReadOnlySpan<double> x, Span<double> y)
    {
        var n = Norm(x);
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = x[i] / n;
        }
    }

    [DerivativeOf(nameof(Normalize))]
    public static void NormalizeVjp(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, ReadOnlySpan<double> dy)
    {
        // J = (I − y yᵀ)/‖x‖, symmetric: Jᵀ dy = (dy − y ⟨y, dy⟩)/‖x‖.
        Normalize(x, y);
        var n = Norm(x);
        double yDotDy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            yDotDy += y[i] * dy[i];
        }

        for (var i = 0; i < x.Length; i++)
        {
            dx[i] = (dy[i] - (y[i] * yDotDy)) / n;
        }
    }

    /// <summary>A vector function whose custom VJP is the straight-through identity (the true Jacobian is 0 outside [0, 1]).</summary>
    public static void Clamp01(ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = Math.Clamp(x[i], 0.0, 1.0);
        }
    }

    [DerivativeOf(nameof(Clamp01))]
    public static void Clamp01Vjp(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, ReadOnlySpan<double> dy)
    {
        Clamp01(x, y);
        dy.CopyTo(dx);
    }

    [Differentiable]
    public static double UsesScalarCustoms(ReadOnlySpan<double> w, double a)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += (Quantize(w[i] * a) * w[i]) + Cubic(w[i]) + Softplus(a * w[i]);
        }

        return s + Hypot(w[0], a) + Norm(w);
    }

    [Gradient(nameof(UsesScalarCustoms))]
    public static partial double UsesScalarCustomsGradient(ReadOnlySpan<double> w, double a, Span<double> dw, out double da);

    [Jvp(nameof(UsesScalarCustoms))]
    public static partial double UsesScalarCustomsJvp(ReadOnlySpan<double> w, double a, ReadOnlySpan<double> dw, double da, out double dResult);

    [Hvp(nameof(UsesScalarCustoms), "w")]
    public static partial void UsesScalarCustomsHvp(ReadOnlySpan<double> w, double a, ReadOnlySpan<double> v, Span<double> hv);

    /// <summary>Smooth scalar customs only, so that finite differences are a valid reference.</summary>
    [Differentiable]
    public static double UsesExactCustoms(ReadOnlySpan<double> w, double a)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += Softplus(a * w[i]) * w[i];
        }

        return s + Hypot(w[0] * a, w[1]) * Norm(w);
    }

    [Gradient(nameof(UsesExactCustoms))]
    public static partial double UsesExactCustomsGradient(ReadOnlySpan<double> w, double a, Span<double> dw, out double da);

    [Jvp(nameof(UsesExactCustoms))]
    public static partial double UsesExactCustomsJvp(ReadOnlySpan<double> w, double a, ReadOnlySpan<double> dw, double da, out double dResult);

    [Differentiable]
    public static double UsesVectorCustoms(ReadOnlySpan<double> x, double c)
    {
        double[] y = new double[x.Length];
        double[] z = new double[x.Length];
        Normalize(x, y);
        Clamp01(x, z);
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += (c * y[i] * y[(i + 1) % x.Length]) + (z[i] * z[i]);
        }

        return s;
    }

    [Gradient(nameof(UsesVectorCustoms))]
    public static partial double UsesVectorCustomsGradient(ReadOnlySpan<double> x, double c, Span<double> dx, out double dc);

    [Jvp(nameof(UsesVectorCustoms))]
    public static partial double UsesVectorCustomsJvp(ReadOnlySpan<double> x, double c, ReadOnlySpan<double> dx, double dc, out double dResult);

    /// <summary>A vector function over a custom-VJP callee, with its own VJP.</summary>
    [Differentiable]
    public static void NormalizeTwice(ReadOnlySpan<double> x, Span<double> y)
    {
        double[] t = new double[x.Length];
        Normalize(x, t);
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = t[i] + (0.5 * x[i]);
        }

        Normalize(t, y);
    }

    [Vjp(nameof(NormalizeTwice))]
    public static partial void NormalizeTwiceVjp(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, ReadOnlySpan<double> dy);
}

public sealed class CustomDerivativeTests
{
    private static readonly double[] W = [0.3, -1.2, 2.0, 0.55];

    [Fact]
    public void CallersUseTheCustomScalarDerivativesEvenWhenTheyDifferFromTheTrueOnes()
    {
        const double A = 0.8;
        var dw = new double[W.Length];
        var value = CustomModel.UsesScalarCustomsGradient(W, A, dw, out var da);
        var norm = CustomModel.Norm(W);
        var hyp = CustomModel.Hypot(W[0], A);
        var expectedValue = hyp + norm;
        var expectedDa = W[0] != 0 ? A / hyp : 0;
        for (var i = 0; i < W.Length; i++)
        {
            expectedValue += (CustomModel.Quantize(W[i] * A) * W[i]) + CustomModel.Cubic(W[i]) + CustomModel.Softplus(A * W[i]);
            var sigmoid = 1 / (1 + Math.Exp(-A * W[i]));

            // Quantize' := 1 (straight-through), Cubic' := 9x² (not the true 3x²).
            var expected = (A * W[i]) + CustomModel.Quantize(W[i] * A) + (9 * W[i] * W[i]) + (A * sigmoid) + (W[i] / norm) + (i == 0 ? W[0] / hyp : 0);
            DerivativeAssert.Close(expected, dw[i], 1e-13, "∂f/∂w" + i);
            expectedDa += (W[i] * W[i]) + (W[i] * sigmoid);
        }

        DerivativeAssert.Close(expectedValue, value, 1e-14, "value");
        DerivativeAssert.Close(expectedDa, da, 1e-13, "∂f/∂a");

        // Forward mode goes through the same custom derivatives.
        var u = new[] { 0.2, -0.5, 0.9, 0.4 };
        CustomModel.UsesScalarCustomsJvp(W, A, u, -0.3, out var tangent);
        DerivativeAssert.Close(FiniteDifferences.Dot(dw, u) - (0.3 * da), tangent, 1e-12, "JVP through custom derivatives");
    }

    [Fact]
    public void ExactCustomDerivativesMatchFiniteDifferences() => DerivativeAssert.Scalar(
        "UsesExactCustoms",
        th => CustomModel.UsesExactCustoms(th.AsSpan(1), th[0]),
        (th, g) =>
        {
            var v = CustomModel.UsesExactCustomsGradient(th.AsSpan(1), th[0], g.AsSpan(1), out var da);
            g[0] = da;
            return v;
        },
        (th, u) => (CustomModel.UsesExactCustomsJvp(th.AsSpan(1), th[0], u.AsSpan(1), u[0], out var t), t),
        [0.8, .. W]);

    [Fact]
    public void CallersUseTheCustomVjp()
    {
        // x has entries outside [0, 1], where Clamp01's true derivative is 0 but its custom VJP passes the cotangent through.
        const double C = 1.3;
        var dx = new double[W.Length];
        CustomModel.UsesVectorCustomsGradient(W, C, dx, out var dc);
        var n = W.Length;
        var y = new double[n];
        CustomModel.Normalize(W, y);

        // ∂s/∂y_i = c (y_{i+1} + y_{i−1}); ∂s/∂z_i = 2 z_i; then Jᵀ of Normalize and the identity of Clamp01's custom VJP.
        var gy = new double[n];
        var expectedDc = 0.0;
        for (var i = 0; i < n; i++)
        {
            gy[i] = C * (y[(i + 1) % n] + y[(i + n - 1) % n]);
            expectedDc += y[i] * y[(i + 1) % n];
        }

        var norm = CustomModel.Norm(W);
        var yDotG = FiniteDifferences.Dot(y, gy);
        for (var i = 0; i < n; i++)
        {
            var expected = ((gy[i] - (y[i] * yDotG)) / norm) + (2 * Math.Clamp(W[i], 0.0, 1.0));
            DerivativeAssert.Close(expected, dx[i], 1e-13, "∂s/∂x" + i);
        }

        DerivativeAssert.Close(expectedDc, dc, 1e-13, "∂s/∂c");

        // The straight-through entry (x₂ = 2 > 1) shows that the custom VJP, not the true derivative, was used.
        Assert.NotEqual(0.0, 2 * Math.Clamp(W[2], 0.0, 1.0));
    }

    [Fact]
    public void VectorFunctionOverCustomVjpMatchesFiniteDifferences()
    {
        var n = W.Length;
        var random = new Random(5);
        for (var k = 0; k < 3; k++)
        {
            var w = DerivativeAssert.RandomVector(random, n);
            var dx = new double[n];
            var y = new double[n];
            CustomModel.NormalizeTwiceVjp(W, y, dx, w);
            var fd = FiniteDifferences.Gradient(
                x =>
                {
                    var yy = new double[n];
                    CustomModel.NormalizeTwice(x, yy);
                    return FiniteDifferences.Dot(w, yy);
                },
                W);
            DerivativeAssert.AllClose(fd, dx, 1e-6, "Jᵀw of NormalizeTwice");
        }
    }

    [Fact]
    public void HvpThroughACustomDerivativeThrowsNotSupported()
    {
        var exception = Assert.Throws<NotSupportedException>(() => CustomModel.UsesScalarCustomsHvp(W, 0.8, W, new double[W.Length]));
        string[] customs = ["Quantize", "Cubic", "Softplus", "Hypot", "Norm"];
        Assert.True(customs.Any(c => exception.Message.Contains("CustomModel." + c + "'", StringComparison.Ordinal)), exception.Message);
    }

    [Fact]
    public void ForwardModeThroughACustomVjpThrowsNotSupported()
    {
        var exception = Assert.Throws<NotSupportedException>(() => CustomModel.UsesVectorCustomsJvp(W, 1.3, W, 0.0, out _));
        Assert.True(exception.Message.Contains("Normalize", StringComparison.Ordinal) || exception.Message.Contains("Clamp01", StringComparison.Ordinal), exception.Message);
    }
}
