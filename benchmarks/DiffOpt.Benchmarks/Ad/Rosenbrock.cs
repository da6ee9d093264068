namespace DiffOpt.Benchmarks.Ad;

/// <summary>
/// The extended Rosenbrock function f(x) = Σ_{i&lt;n-1} 100 (x_{i+1} − x_i²)² + (1 − x_i)², written as a plain loop,
/// with the generated gradient and Hessian-vector product next to hand-written ones.
/// </summary>
public static partial class Rosenbrock
{
    /// <summary>The primal.</summary>
    [Differentiable]
    public static double Value(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }
        return s;
    }

    /// <summary>Generated reverse-mode gradient.</summary>
    [Gradient(nameof(Value))]
    public static partial double Gradient(ReadOnlySpan<double> x, Span<double> dx);

    /// <summary>Generated Hessian-vector product (forward over reverse).</summary>
    [Hvp(nameof(Value))]
    public static partial void Hvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv);

    /// <summary>
    /// Hand-written gradient: ∂f/∂x_i = −400 x_i a_i − 2 b_i (term i) + 200 a_{i−1} (term i−1),
    /// with a_i = x_{i+1} − x_i², b_i = 1 − x_i. One pass, no tape.
    /// </summary>
    public static double HandGradient(ReadOnlySpan<double> x, Span<double> dx)
    {
        dx.Clear();
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double xi = x[i];
            double a = x[i + 1] - xi * xi;
            double b = 1 - xi;
            s += 100 * a * a + b * b;
            dx[i] += -400 * xi * a - 2 * b;
            dx[i + 1] += 200 * a;
        }
        return s;
    }

    /// <summary>
    /// Hand-written Hessian-vector product. Per term i the Hessian block on (x_i, x_{i+1}) is
    /// [[1200 x_i² − 400 x_{i+1} + 2, −400 x_i], [−400 x_i, 200]].
    /// </summary>
    public static void HandHvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv)
    {
        hv.Clear();
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double xi = x[i];
            double h00 = 1200 * xi * xi - 400 * x[i + 1] + 2;
            double h01 = -400 * xi;
            hv[i] += h00 * v[i] + h01 * v[i + 1];
            hv[i + 1] += h01 * v[i] + 200 * v[i + 1];
        }
    }
}
