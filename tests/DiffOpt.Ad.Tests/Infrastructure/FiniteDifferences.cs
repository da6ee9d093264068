namespace DiffOpt.AdTests.Infrastructure;

/// <summary>
/// Central finite differences: the independent reference every generated derivative is compared with.
/// The step scales with |x| so that the truncation error (O(h²)) and the rounding error (O(ε/h)) stay balanced.
/// </summary>
internal static class FiniteDifferences
{
    /// <summary>The relative step of first differences: ε^(1/3) balances h² truncation against ε/h rounding.</summary>
    public const double FirstOrderStep = 1e-5;

    /// <summary>The relative step of second differences: ε^(1/4).</summary>
    public const double SecondOrderStep = 1e-4;

    /// <summary>∂f/∂xᵢ for every i, by (f(x + h eᵢ) − f(x − h eᵢ)) / 2h.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x, double relativeStep = FirstOrderStep)
    {
        var gradient = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var h = relativeStep * Math.Max(1.0, Math.Abs(x[i]));
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[i] += h;
            minus[i] -= h;
            gradient[i] = (f(plus) - f(minus)) / (2 * h);
        }

        return gradient;
    }

    /// <summary>The directional derivative d/dt f(x + t u) at t = 0.</summary>
    public static double Directional(Func<double[], double> f, double[] x, double[] u, double relativeStep = FirstOrderStep)
    {
        var h = relativeStep * Math.Max(1.0, Norm(x));
        return (f(Axpy(x, h, u)) - f(Axpy(x, -h, u))) / (2 * h);
    }

    /// <summary>The directional derivative of a vector-valued f: d/dt f(x + t u) at t = 0.</summary>
    public static double[] Directional(Func<double[], double[]> f, double[] x, double[] u, double relativeStep = FirstOrderStep)
    {
        var h = relativeStep * Math.Max(1.0, Norm(x));
        var plus = f(Axpy(x, h, u));
        var minus = f(Axpy(x, -h, u));
        var result = new double[plus.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (plus[i] - minus[i]) / (2 * h);
        }

        return result;
    }

    /// <summary>
    /// ⟨w, ∇²f(x) u⟩ from f alone: (f(x+hu+hw) − f(x+hu−hw) − f(x−hu+hw) + f(x−hu−hw)) / 4h².
    /// </summary>
    public static double SecondDirectional(Func<double[], double> f, double[] x, double[] u, double[] w, double relativeStep = SecondOrderStep)
    {
        var h = relativeStep * Math.Max(1.0, Norm(x));
        var pp = f(Axpy(Axpy(x, h, u), h, w));
        var pm = f(Axpy(Axpy(x, h, u), -h, w));
        var mp = f(Axpy(Axpy(x, -h, u), h, w));
        var mm = f(Axpy(Axpy(x, -h, u), -h, w));
        return (pp - pm - mp + mm) / (4 * h * h);
    }

    public static double[] Axpy(double[] x, double a, double[] u)
    {
        var result = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = x[i] + (a * u[i]);
        }

        return result;
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));
}
