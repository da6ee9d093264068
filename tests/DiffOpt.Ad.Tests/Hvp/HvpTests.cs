using DiffOpt.AdTests.Arrays;
using DiffOpt.AdTests.Infrastructure;
using DiffOpt.AdTests.VectorFunctions;

namespace DiffOpt.AdTests.Hvp;

/// <summary>Hessian-vector products (forward over reverse) on scalar and vector inputs, with and without the input name.</summary>
public static partial class HvpModel
{
    /// <summary>f(x) = x⁴ + x sin x: f'' = 12x² + 2 cos x − x sin x.</summary>
    [Differentiable]
    public static double Quartic(double x) => (x * x * x * x) + (x * Math.Sin(x));

    [Hvp(nameof(Quartic))]
    public static partial void QuarticHvp(double x, double v, out double hv);

    [Differentiable]
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - (x[i] * x[i]);
            double b = 1 - x[i];
            s += (100 * a * a) + (b * b);
        }

        return s;
    }

    [Gradient(nameof(Rosenbrock))]
    public static partial double RosenbrockGradient(ReadOnlySpan<double> x, Span<double> dx);

    [Hvp(nameof(Rosenbrock))]
    public static partial void RosenbrockHvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);

    /// <summary>The same HVP declared to return the primal value.</summary>
    [Hvp(nameof(Rosenbrock))]
    public static partial double RosenbrockHvpWithValue(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);

    [Differentiable]
    public static double Inner(double u, double w) => Math.Exp(u * w) + Math.Sin(u);

    [Differentiable]
    public static double Middle(double u, ReadOnlySpan<double> x, int i)
    {
        double s = 0;
        for (int j = 0; j <= i; j++)
        {
            s += Inner(x[j], u) * x[i];
        }

        return s;
    }

    /// <summary>Three levels of calls, loops at two of them.</summary>
    [Differentiable]
    public static double Outer(ReadOnlySpan<double> x, double c)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Middle(c, x, i) * x[(i + 1) % x.Length];
        }

        return s + Math.Log(1 + (x[0] * x[0] * c * c));
    }

    [Gradient(nameof(Outer))]
    public static partial double OuterGradient(ReadOnlySpan<double> x, double c, Span<double> dx, out double dc);

    [Hvp(nameof(Outer), "x")]
    public static partial void OuterHvpX(ReadOnlySpan<double> x, double c, ReadOnlySpan<double> v, Span<double> hv);

    [Hvp(nameof(Outer), "c")]
    public static partial double OuterHvpC(ReadOnlySpan<double> x, double c, double v, out double hv);

    /// <summary>A loop-carried recurrence on the tape; HVP in the scalar inputs.</summary>
    [Differentiable]
    public static double Recurrence(double s, double a, int n)
    {
        for (int i = 0; i < n; i++)
        {
            s = Math.Sin(s) * a + (0.1 * s * s);
        }

        return s;
    }

    [Gradient(nameof(Recurrence))]
    public static partial double RecurrenceGradient(double s, double a, int n, out double ds, out double da);

    [Hvp(nameof(Recurrence), "s")]
    public static partial void RecurrenceHvpS(double s, double a, int n, double v, out double hv);


    [Differentiable]
    public static double LossOfResidual(ReadOnlySpan<double> x, double a) => VectorModel.Loss(x, a);

    [Gradient(nameof(LossOfResidual))]
    public static partial double LossOfResidualGradient(ReadOnlySpan<double> x, double a, Span<double> dx, out double da);

    /// <summary>Through a vector-valued callee with a local array output.</summary>
    [Hvp(nameof(LossOfResidual), "x")]
    public static partial void LossOfResidualHvp(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> v, Span<double> hv);
}

public sealed class HvpTests
{
    private static readonly double[] X = [0.3, -0.2, 0.5, 0.1, -0.45];

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(-2.1)]
    public void ScalarInputMatchesClosedForm(double x)
    {
        HvpModel.QuarticHvp(x, 1.0, out var h);
        DerivativeAssert.Close((12 * x * x) + (2 * Math.Cos(x)) - (x * Math.Sin(x)), h, 1e-13, "f''(x)");
        HvpModel.QuarticHvp(x, -2.5, out var h2);
        DerivativeAssert.Close(-2.5 * h, h2, 1e-13, "f''(x)·v is linear in v");
    }

    [Fact]
    public void RosenbrockMatchesExplicitHessian()
    {
        var n = X.Length;
        var hessian = new double[n, n];
        for (var i = 0; i + 1 < n; i++)
        {
            // 100 (x_{i+1} − x_i²)² + (1 − x_i)²
            hessian[i, i] += (1200 * X[i] * X[i]) - (400 * X[i + 1]) + 2;
            hessian[i, i + 1] += -400 * X[i];
            hessian[i + 1, i] += -400 * X[i];
            hessian[i + 1, i + 1] += 200;
        }

        var v = new[] { 0.7, 0.1, -0.4, 0.2, 0.9 };
        var hv = new double[n];
        HvpModel.RosenbrockHvp(X, v, hv);
        var hv2 = new double[n];
        var value = HvpModel.RosenbrockHvpWithValue(X, v, hv2);
        DerivativeAssert.Close(HvpModel.Rosenbrock(X), value, 1e-15, "value returned by the HVP");
        for (var i = 0; i < n; i++)
        {
            var expected = 0.0;
            for (var j = 0; j < n; j++)
            {
                expected += hessian[i, j] * v[j];
            }

            DerivativeAssert.Close(expected, hv[i], 1e-12, "(Hv)[" + i + "]");
            Assert.Equal(hv[i], hv2[i]);
        }

        DerivativeAssert.Hvp(
            "Rosenbrock",
            x => HvpModel.Rosenbrock(x),
            (x, g) => HvpModel.RosenbrockGradient(x, g),
            (x, u) =>
            {
                var r = new double[n];
                HvpModel.RosenbrockHvp(x, u, r);
                return r;
            },
            X);
    }

    [Fact]
    public void NestedCallsInTheVectorInput()
    {
        const double C = 0.4;
        DerivativeAssert.Hvp(
            "Outer (x)",
            x => HvpModel.Outer(x, C),
            (x, g) => HvpModel.OuterGradient(x, C, g, out _),
            (x, u) =>
            {
                var r = new double[x.Length];
                HvpModel.OuterHvpX(x, C, u, r);
                return r;
            },
            X);
    }

    [Fact]
    public void NestedCallsInTheScalarInput()
    {
        DerivativeAssert.Hvp(
            "Outer (c)",
            th => HvpModel.Outer(X, th[0]),
            (th, g) => HvpModel.OuterGradient(X, th[0], new double[X.Length], out g[0]),
            (th, u) =>
            {
                HvpModel.OuterHvpC(X, th[0], u[0], out var hv);
                return [hv];
            },
            [0.4]);
        var value = HvpModel.OuterHvpC(X, 0.4, 1.0, out _);
        DerivativeAssert.Close(HvpModel.Outer(X, 0.4), value, 1e-15, "value returned by the HVP");
    }

    [Fact]
    public void RecurrenceInTheReassignedInput()
    {
        const int N = 40;
        DerivativeAssert.Hvp(
            "Recurrence (s)",
            th => HvpModel.Recurrence(th[0], 1.1, N),
            (th, g) => HvpModel.RecurrenceGradient(th[0], 1.1, N, out g[0], out _),
            (th, u) =>
            {
                HvpModel.RecurrenceHvpS(th[0], 1.1, N, u[0], out var hv);
                return [hv];
            },
            [0.5]);
    }

    [Fact]
    public void ThroughVectorCallees()
    {
        const double A = 0.7;
        Func<double[], double[], double[]> unnamed = (x, u) =>
        {
            var r = new double[x.Length];
            VectorModel.LossHvp(x, A, u, r);
            return r;
        };
        Func<double[], double[], double[]> named = (x, u) =>
        {
            var r = new double[x.Length];
            HvpModel.LossOfResidualHvp(x, A, u, r);
            return r;
        };
        DerivativeAssert.Hvp("Loss (x)", x => VectorModel.Loss(x, A), (x, g) => VectorModel.LossGradient(x, A, g, out _), unnamed, X);
        DerivativeAssert.Hvp("LossOfResidual", x => HvpModel.LossOfResidual(x, A), (x, g) => HvpModel.LossOfResidualGradient(x, A, g, out _), named, X);
    }

    [Fact]
    public void ThroughLocalArrays() => DerivativeAssert.Hvp(
        "InPlaceSweeps",
        x => ArrayModel.InPlaceSweeps(x),
        (x, g) => ArrayModel.InPlaceSweepsGradient(x, g),
        (x, u) =>
        {
            var r = new double[x.Length];
            ArrayModel.InPlaceSweepsHvp(x, u, r);
            return r;
        },
        X);

    [Fact]
    public void WithAMatrixInputHeldConstant()
    {
        var a = new double[,] { { 1.0, 0.5, -0.2 }, { -0.3, 2.0, 0.4 }, { 0.1, 0.7, 1.5 } };
        DerivativeAssert.Hvp(
            "Quadratic (x)",
            x => ArrayModel.Quadratic(a, x),
            (x, g) => ArrayModel.QuadraticGradient(a, x, new double[9], g),
            (x, u) =>
            {
                var r = new double[x.Length];
                ArrayModel.QuadraticHvp(a, x, u, r);
                return r;
            },
            [0.4, -0.7, 0.3]);
    }

    [Fact]
    public void LengthMismatchIsArgumentException()
    {
        Assert.Throws<ArgumentException>("hv", () => HvpModel.RosenbrockHvp(X, new double[X.Length], new double[X.Length - 1]));
        Assert.Throws<ArgumentException>("v", () => HvpModel.RosenbrockHvp(X, new double[X.Length + 1], new double[X.Length]));
    }
}
