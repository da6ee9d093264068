namespace DiffOpt.ImplicitTests.Applications.Support;

/// <summary>Central finite differences of a full re-solve: (f(θ + h) − f(θ − h)) / 2h, error O(h²) plus solver error / h.</summary>
internal static class FiniteDifference
{
    public static double Central(Func<double, double> f, double at, double step) => (f(at + step) - f(at - step)) / (2 * step);

    /// <summary>
    /// The fourth-order central stencil (−f(θ+2h) + 8f(θ+h) − 8f(θ−h) + f(θ−2h)) / 12h, error O(h⁴): for smooth
    /// solution paths where a step small enough for the second-order stencil would magnify the solver's error.
    /// </summary>
    public static double FivePoint(Func<double, double> f, double at, double step) =>
        (-f(at + 2 * step) + 8 * f(at + step) - 8 * f(at - step) + f(at - 2 * step)) / (12 * step);

    /// <summary>The Jacobian column d x(θ)/dθ of a vector-valued re-solve.</summary>
    public static double[] Central(Func<double, double[]> f, double at, double step)
    {
        double[] plus = f(at + step), minus = f(at - step);
        var result = new double[plus.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (plus[i] - minus[i]) / (2 * step);
        }

        return result;
    }
}
