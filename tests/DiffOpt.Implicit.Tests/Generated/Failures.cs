namespace DiffOpt.ImplicitTests.Generated;

/// <summary>Solvers whose implicit derivative cannot exist or whose outputs do not fit, for the failure-path tests.</summary>
public static partial class Failures
{
    /// <summary>
    /// F(x, a) = (x − a)² + a − ½: at a = ½ the root is x = a, where ∂F/∂x = 0 while ∂F/∂a = 1, so the implicit system is
    /// singular and inconsistent in both modes (no derivative exists: x*(a) = a ± √(½ − a)).
    /// </summary>
    [Differentiable]
    public static void Flat(ReadOnlySpan<double> x, double a, Span<double> residual)
    {
        for (int j = 0; j < x.Length; j++)
        {
            residual[j] = ((x[j] - a) * (x[j] - a)) + a - 0.5;
        }
    }

    [ImplicitDiff(nameof(Flat))]
    public static double[] Degenerate(ReadOnlySpan<double> x0, double a)
    {
        var x = new double[x0.Length];
        Array.Fill(x, a);
        return x;
    }

    [ImplicitDiff(nameof(Flat), LinearSolver = LinearSolver.DenseLu)]
    public static double[] DegenerateDense(ReadOnlySpan<double> x0, double a)
    {
        var x = new double[x0.Length];
        Array.Fill(x, a);
        return x;
    }

    /// <summary>Returns one value too many.</summary>
    [ImplicitDiff(nameof(Flat))]
    public static double[] TooLong(ReadOnlySpan<double> x0, double a) => new double[x0.Length + 1];

    [Differentiable]
    public static double Sum(double a)
    {
        double[] x = Degenerate(new double[3], a);
        return x[0] + x[1] + x[2];
    }

    [Differentiable]
    public static double SumDense(double a)
    {
        double[] x = DegenerateDense(new double[3], a);
        return x[0] + x[1] + x[2];
    }

    [Differentiable]
    public static double SumTooLong(double a)
    {
        double[] x = TooLong(new double[3], a);
        return x[0];
    }

    [Gradient(nameof(Sum))]
    public static partial double SumGradient(double a, out double dA);

    [Jvp(nameof(Sum))]
    public static partial double SumJvp(double a, double dA, out double dResult);

    [Gradient(nameof(SumDense))]
    public static partial double SumDenseGradient(double a, out double dA);

    [Gradient(nameof(SumTooLong))]
    public static partial double SumTooLongGradient(double a, out double dA);
}
