namespace DiffOpt.Generators.Tests.Infrastructure;

/// <summary>
/// Central finite differences, the independent reference every generated derivative is checked against.
/// The step is relative to the point's magnitude: h = 1e-6 · max(1, |x|∞). With a truncation error of
/// O(h²·f''') ≈ 1e-12 and a rounding error of O(ε·|f|/h) ≈ 1e-10·|f|, a tolerance of 1e-6 (relative plus
/// absolute) leaves a wide margin without hiding a wrong rule.
/// </summary>
public static class FiniteDifferences
{
    /// <summary>The relative step.</summary>
    public const double RelativeStep = 1e-6;

    /// <summary>The tolerance against finite differences, used relatively and absolutely.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>(f(x + h·v) − f(x − h·v)) / 2h: the derivative of f at x along v.</summary>
    public static double Directional(Func<double[], double> f, double[] x, double[] v)
    {
        var scale = Math.Max(1.0, x.Length == 0 ? 0.0 : x.Max(Math.Abs));
        var direction = Math.Max(v.Length == 0 ? 0.0 : v.Max(Math.Abs), double.Epsilon);
        var h = RelativeStep * scale / direction;
        var plus = new double[x.Length];
        var minus = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            plus[i] = x[i] + h * v[i];
            minus[i] = x[i] - h * v[i];
        }

        return (f(plus) - f(minus)) / (2 * h);
    }

    /// <summary>The gradient by central differences, one coordinate at a time.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x)
    {
        var gradient = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            gradient[i] = Partial(f, x, i);
        }

        return gradient;
    }

    /// <summary>(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h with h = <paramref name="relativeStep"/> · max(1, |xᵢ|).</summary>
    public static double Partial(Func<double[], double> f, double[] x, int i, double relativeStep = RelativeStep)
    {
        var h = relativeStep * Math.Max(1.0, Math.Abs(x[i]));
        var plus = (double[])x.Clone();
        var minus = (double[])x.Clone();
        plus[i] += h;
        minus[i] -= h;
        return (f(plus) - f(minus)) / (plus[i] - minus[i]);
    }

    /// <summary>
    /// The forward and backward one-sided differences along coordinate i. At a kink they differ by the jump in
    /// slope, while their central average can look smooth; where f is smooth they differ by about h·f''.
    /// </summary>
    public static (double Forward, double Backward) OneSided(Func<double[], double> f, double[] x, int i)
    {
        var h = RelativeStep * Math.Max(1.0, Math.Abs(x[i]));
        var plus = (double[])x.Clone();
        var minus = (double[])x.Clone();
        plus[i] += h;
        minus[i] -= h;
        var center = f(x);
        return ((f(plus) - center) / (plus[i] - x[i]), (center - f(minus)) / (x[i] - minus[i]));
    }

    /// <summary>Whether <paramref name="actual"/> is within the finite-difference tolerance of <paramref name="reference"/>.</summary>
    public static bool Agrees(double actual, double reference) =>
        Math.Abs(actual - reference) <= Tolerance * (1 + Math.Abs(reference));
}
