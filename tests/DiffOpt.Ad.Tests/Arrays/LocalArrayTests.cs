using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.Arrays;

/// <summary>Local arrays (new double[n]) with element writes and reads, compound assignments, and arrays passed to callees.</summary>
public static partial class ArrayModel
{
    /// <summary>f = Σₖ cₖ² with cₖ = Σ_{i≤k} xᵢ: ∂f/∂xⱼ = 2 Σ_{k≥j} cₖ.</summary>
    [Differentiable]
    public static double PrefixSums(ReadOnlySpan<double> x)
    {
        double[] c = new double[x.Length];
        c[0] = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            c[i] = c[i - 1] + x[i];
        }

        double f = 0;
        for (int k = 0; k < c.Length; k++)
        {
            f += c[k] * c[k];
        }

        return f;
    }

    [Gradient(nameof(PrefixSums))]
    public static partial double PrefixSumsGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(PrefixSums))]
    public static partial double PrefixSumsJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>Every compound element assignment: = += -= *= /= ++ --.</summary>
    [Differentiable]
    public static double CompoundElements(double[] x, double a)
    {
        double[] y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i];
            y[i] += a * x[(i + 1) % x.Length];
            y[i] -= Math.Sin(x[i]) * 0.5;
            y[i] *= 1 + (0.1 * a * x[i]);
            y[i] /= 1.5 + (x[i] * x[i]);
            y[i]++;
            y[i]--;
            y[i]++;
        }

        double s = 0;
        for (int i = 0; i < y.Length; i++)
        {
            s += y[i] * y[(i + 2) % y.Length];
        }

        return s;
    }

    [Gradient(nameof(CompoundElements))]
    public static partial double CompoundElementsGradient(double[] x, double a, Span<double> dx, out double da);

    [Jvp(nameof(CompoundElements))]
    public static partial double CompoundElementsJvp(double[] x, double a, ReadOnlySpan<double> dx, double da, out double dResult);

    /// <summary>One element overwritten by a nonlinear function of itself, many times: the old values must be kept.</summary>
    [Differentiable]
    public static double ElementRecurrence(double x, double a, int n)
    {
        double[] y = new double[2];
        y[0] = x;
        for (int k = 0; k < n; k++)
        {
            y[1] += y[0] * y[0];
            y[0] = Math.Sin(y[0]) * a;
        }

        return y[0] + (0.1 * y[1]);
    }

    [Gradient(nameof(ElementRecurrence))]
    public static partial double ElementRecurrenceGradient(double x, double a, int n, out double dx, out double da);

    [Jvp(nameof(ElementRecurrence))]
    public static partial double ElementRecurrenceJvp(double x, double a, int n, double dx, double da, out double dResult);

    /// <summary>The same recurrence on scalars (reference for <see cref="ElementRecurrence"/>).</summary>
    public static double ScalarRecurrence(double x, double a, int n)
    {
        double y0 = x, y1 = 0;
        for (int k = 0; k < n; k++)
        {
            y1 += y0 * y0;
            y0 = Math.Sin(y0) * a;
        }

        return y0 + (0.1 * y1);
    }

    /// <summary>A whole array rewritten in place several times (a smoothing sweep), then read.</summary>
    [Differentiable]
    public static double InPlaceSweeps(ReadOnlySpan<double> x)
    {
        double[] y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i];
        }

        for (int sweep = 0; sweep < 3; sweep++)
        {
            for (int i = 1; i < y.Length; i++)
            {
                y[i] = Math.Tanh(y[i] + (0.5 * y[i - 1] * y[i]));
            }
        }

        double s = 0;
        for (int i = 0; i < y.Length; i++)
        {
            s += y[i] * (i + 1);
        }

        return s;
    }

    [Gradient(nameof(InPlaceSweeps))]
    public static partial double InPlaceSweepsGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Jvp(nameof(InPlaceSweeps))]
    public static partial double InPlaceSweepsJvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double dResult);

    [Differentiable]
    public static double SumOfSquares(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
        {
            s += v[i] * v[i];
        }

        return s;
    }

    [Differentiable]
    public static double Weighted(double[] w, ReadOnlySpan<double> v, double p)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
        {
            s += w[i] * Math.Exp(p * v[i]);
        }

        return s;
    }

    /// <summary>Local arrays as inputs of differentiable callees (span and double[] parameters).</summary>
    [Differentiable]
    public static double ArraysIntoCallees(ReadOnlySpan<double> x, double p)
    {
        double[] t = new double[x.Length];
        double[] w = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            t[i] = Math.Sin(x[i]) * p;
            w[i] = x[i] * x[i];
        }

        return SumOfSquares(t) + Weighted(w, t, p) + Weighted(w, x, 0.5);
    }

    [Gradient(nameof(ArraysIntoCallees))]
    public static partial double ArraysIntoCalleesGradient(ReadOnlySpan<double> x, double p, Span<double> dx, out double dp);

    [Jvp(nameof(ArraysIntoCallees))]
    public static partial double ArraysIntoCalleesJvp(ReadOnlySpan<double> x, double p, ReadOnlySpan<double> dx, double dp, out double dResult);

    /// <summary>A vector-valued callee: yᵢ = tanh(xᵢ + c·x₍ᵢ₊₁₎).</summary>
    [Differentiable]
    public static void Smooth(ReadOnlySpan<double> x, double c, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Tanh(x[i] + (c * x[(i + 1) % x.Length]));
        }
    }

    /// <summary>Local arrays as outputs of a vector-valued callee, read afterwards.</summary>
    [Differentiable]
    public static double ArraysOutOfCallees(ReadOnlySpan<double> x, double c)
    {
        double[] y = new double[x.Length];
        double[] z = new double[x.Length];
        Smooth(x, c, y);
        Smooth(y, c * c, z);
        double s = 0;
        for (int i = 0; i < z.Length; i++)
        {
            s += z[i] * y[i] + z[i];
        }

        return s;
    }

    [Gradient(nameof(ArraysOutOfCallees))]
    public static partial double ArraysOutOfCalleesGradient(ReadOnlySpan<double> x, double c, Span<double> dx, out double dc);

    [Jvp(nameof(ArraysOutOfCallees))]
    public static partial double ArraysOutOfCalleesJvp(ReadOnlySpan<double> x, double c, ReadOnlySpan<double> dx, double dc, out double dResult);

    /// <summary>A vector callee called in a loop whose input array is overwritten after each call.</summary>
    [Differentiable]
    public static double CalleeInLoopOverwritingItsInput(ReadOnlySpan<double> x, double c)
    {
        double[] y = new double[x.Length];
        double[] z = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i];
        }

        for (int k = 0; k < 3; k++)
        {
            Smooth(y, c, z);
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = z[i] * 1.5 + 0.1;
            }
        }

        double s = 0;
        for (int i = 0; i < y.Length; i++)
        {
            s += y[i] * y[i];
        }

        return s;
    }

    [Gradient(nameof(CalleeInLoopOverwritingItsInput))]
    public static partial double CalleeInLoopOverwritingItsInputGradient(ReadOnlySpan<double> x, double c, Span<double> dx, out double dc);

    [Jvp(nameof(CalleeInLoopOverwritingItsInput))]
    public static partial double CalleeInLoopOverwritingItsInputJvp(ReadOnlySpan<double> x, double c, ReadOnlySpan<double> dx, double dc, out double dResult);

    /// <summary>A callee reads a local array that is overwritten afterwards (no loop around the call): f = Σ xᵢ², ∂f/∂xᵢ = 2xᵢ.</summary>
    [Differentiable]
    public static double CalleeReadsArrayOverwrittenLater(ReadOnlySpan<double> x)
    {
        double[] t = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            t[i] = x[i];
        }

        double s = SumOfSquares(t);
        t[0] = 5;
        return s + (0 * t[0]);
    }

    [Gradient(nameof(CalleeReadsArrayOverwrittenLater))]
    public static partial double CalleeReadsArrayOverwrittenLaterGradient(ReadOnlySpan<double> x, Span<double> dx);

    /// <summary>x·A·x with A as double[,] (GetLength), then log(1 + s²).</summary>
    [Differentiable]
    public static double Quadratic(double[,] a, ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                s += x[i] * a[i, j] * x[j];
            }
        }

        return Math.Log(1 + (s * s));
    }

    [Gradient(nameof(Quadratic))]
    public static partial double QuadraticGradient(double[,] a, ReadOnlySpan<double> x, Span<double> da, Span<double> dx);

    [Jvp(nameof(Quadratic))]
    public static partial double QuadraticJvp(double[,] a, ReadOnlySpan<double> x, ReadOnlySpan<double> da, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>A non-square matrix: ‖tanh(W x)‖² with W m×n; gradient in W only.</summary>
    [Differentiable]
    public static double Layer(double[,] w, ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < w.GetLength(0); i++)
        {
            double z = 0;
            for (int j = 0; j < w.GetLength(1); j++)
            {
                z += w[i, j] * x[j];
            }

            double h = Math.Tanh(z);
            s += h * h;
        }

        return s;
    }

    /// <summary>HVP through local arrays written in loops.</summary>
    [Hvp(nameof(InPlaceSweeps))]
    public static partial void InPlaceSweepsHvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);

    /// <summary>HVP in the vector input, with the matrix input held constant.</summary>
    [Hvp(nameof(Quadratic), "x")]
    public static partial void QuadraticHvp(double[,] a, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);

    [Gradient(nameof(Layer))]
    public static partial double LayerGradient(double[,] w, ReadOnlySpan<double> x, Span<double> dw);
}

public sealed class LocalArrayTests
{
    private static readonly double[] X = [0.3, -0.7, 1.1, 0.45, -0.2, 0.8];

    [Fact]
    public void PrefixSumsMatchClosedForm()
    {
        var g = new double[X.Length];
        ArrayModel.PrefixSumsGradient(X, g);
        var c = new double[X.Length];
        c[0] = X[0];
        for (var i = 1; i < X.Length; i++)
        {
            c[i] = c[i - 1] + X[i];
        }

        for (var j = 0; j < X.Length; j++)
        {
            var expected = 0.0;
            for (var k = j; k < X.Length; k++)
            {
                expected += 2 * c[k];
            }

            DerivativeAssert.Close(expected, g[j], 1e-14, "∂f/∂x" + j);
        }

        DerivativeAssert.Scalar("PrefixSums", x => ArrayModel.PrefixSums(x), (x, gg) => ArrayModel.PrefixSumsGradient(x, gg), (x, u) => (ArrayModel.PrefixSumsJvp(x, u, out var t), t), X);
    }

    [Fact]
    public void CompoundElements() => DerivativeAssert.Scalar(
        "CompoundElements",
        th => ArrayModel.CompoundElements(th[1..], th[0]),
        (th, g) =>
        {
            var v = ArrayModel.CompoundElementsGradient(th[1..], th[0], g.AsSpan(1), out var da);
            g[0] = da;
            return v;
        },
        (th, u) => (ArrayModel.CompoundElementsJvp(th[1..], th[0], u.AsSpan(1), u[0], out var t), t),
        [0.7, .. X]);

    [Fact]
    public void ElementRecurrenceMatchesScalarVersion()
    {
        const int N = 30;
        DerivativeAssert.Scalar(
            "ElementRecurrence",
            th => ArrayModel.ScalarRecurrence(th[0], th[1], N),
            (th, g) => ArrayModel.ElementRecurrenceGradient(th[0], th[1], N, out g[0], out g[1]),
            (th, u) => (ArrayModel.ElementRecurrenceJvp(th[0], th[1], N, u[0], u[1], out var t), t),
            [0.9, 1.3]);
    }

    [Fact]
    public void InPlaceSweeps() => DerivativeAssert.Scalar(
        "InPlaceSweeps", x => ArrayModel.InPlaceSweeps(x), (x, g) => ArrayModel.InPlaceSweepsGradient(x, g), (x, u) => (ArrayModel.InPlaceSweepsJvp(x, u, out var t), t), X);

    [Fact]
    public void ArraysIntoCallees() => DerivativeAssert.Scalar(
        "ArraysIntoCallees",
        th => ArrayModel.ArraysIntoCallees(th.AsSpan(1), th[0]),
        (th, g) =>
        {
            var v = ArrayModel.ArraysIntoCalleesGradient(th.AsSpan(1), th[0], g.AsSpan(1), out var dp);
            g[0] = dp;
            return v;
        },
        (th, u) => (ArrayModel.ArraysIntoCalleesJvp(th.AsSpan(1), th[0], u.AsSpan(1), u[0], out var t), t),
        [0.6, .. X]);

    [Fact]
    public void ArraysOutOfCallees() => DerivativeAssert.Scalar(
        "ArraysOutOfCallees",
        th => ArrayModel.ArraysOutOfCallees(th.AsSpan(1), th[0]),
        (th, g) =>
        {
            var v = ArrayModel.ArraysOutOfCalleesGradient(th.AsSpan(1), th[0], g.AsSpan(1), out var dc);
            g[0] = dc;
            return v;
        },
        (th, u) => (ArrayModel.ArraysOutOfCalleesJvp(th.AsSpan(1), th[0], u.AsSpan(1), u[0], out var t), t),
        [0.6, .. X]);

    [Fact]
    public void CalleeInLoopOverwritingItsInput() => DerivativeAssert.Scalar(
        "CalleeInLoopOverwritingItsInput",
        th => ArrayModel.CalleeInLoopOverwritingItsInput(th.AsSpan(1), th[0]),
        (th, g) =>
        {
            var v = ArrayModel.CalleeInLoopOverwritingItsInputGradient(th.AsSpan(1), th[0], g.AsSpan(1), out var dc);
            g[0] = dc;
            return v;
        },
        (th, u) => (ArrayModel.CalleeInLoopOverwritingItsInputJvp(th.AsSpan(1), th[0], u.AsSpan(1), u[0], out var t), t),
        [0.6, .. X]);

    [Fact]
    public void CalleeReadsArrayOverwrittenLater()
    {
        var dx = new double[X.Length];
        ArrayModel.CalleeReadsArrayOverwrittenLaterGradient(X, dx);
        for (var i = 0; i < X.Length; i++)
        {
            DerivativeAssert.Close(2 * X[i], dx[i], 1e-15, "∂f/∂x" + i);
        }
    }

    [Fact]
    public void MatrixInputGradientIsRowMajor()
    {
        var a = new double[,] { { 1.0, 0.5, -0.2 }, { -0.3, 2.0, 0.4 }, { 0.1, 0.7, 1.5 } };
        double[] x = [0.4, -0.7, 0.3];
        DerivativeAssert.Scalar(
            "Quadratic",
            th => ArrayModel.Quadratic(Matrix(th, 3, 3), th.AsSpan(9)),
            (th, g) => ArrayModel.QuadraticGradient(Matrix(th, 3, 3), th.AsSpan(9), g.AsSpan(0, 9), g.AsSpan(9)),
            (th, u) => (ArrayModel.QuadraticJvp(Matrix(th, 3, 3), th.AsSpan(9), u.AsSpan(0, 9), u.AsSpan(9), out var t), t),
            [.. Flatten(a), .. x]);

        // Closed form: ∂/∂A_ij log(1 + s²) = 2s/(1 + s²) · xᵢ xⱼ.
        var da = new double[9];
        ArrayModel.QuadraticGradient(a, x, da, new double[3]);
        var s = 0.0;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                s += x[i] * a[i, j] * x[j];
            }
        }

        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                DerivativeAssert.Close(2 * s / (1 + (s * s)) * x[i] * x[j], da[(i * 3) + j], 1e-14, "∂f/∂A[" + i + "," + j + "]");
            }
        }
    }

    [Fact]
    public void NonSquareMatrixGradient()
    {
        var w = new double[,] { { 0.2, -0.4, 0.9, 0.1 }, { 0.5, 0.3, -0.8, 0.6 } };
        double[] x = [0.7, -1.1, 0.25, 0.9];
        var dw = new double[8];
        ArrayModel.LayerGradient(w, x, dw);
        for (var i = 0; i < 2; i++)
        {
            var z = 0.0;
            for (var j = 0; j < 4; j++)
            {
                z += w[i, j] * x[j];
            }

            var h = Math.Tanh(z);
            for (var j = 0; j < 4; j++)
            {
                DerivativeAssert.Close(2 * h * (1 - (h * h)) * x[j], dw[(i * 4) + j], 1e-14, "∂f/∂W[" + i + "," + j + "]");
            }
        }

        Assert.Throws<ArgumentException>("dw", () => ArrayModel.LayerGradient(w, x, new double[6]));
    }

    internal static double[,] Matrix(double[] flat, int rows, int columns)
    {
        var m = new double[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                m[i, j] = flat[(i * columns) + j];
            }
        }

        return m;
    }

    internal static double[] Flatten(double[,] m)
    {
        var flat = new double[m.Length];
        for (var i = 0; i < m.GetLength(0); i++)
        {
            for (var j = 0; j < m.GetLength(1); j++)
            {
                flat[(i * m.GetLength(1)) + j] = m[i, j];
            }
        }

        return flat;
    }
}
