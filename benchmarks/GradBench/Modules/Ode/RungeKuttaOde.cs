namespace DiffOpt.GradBench.Modules.Ode;

/// <summary>
/// GradBench's ode eval (after cmpad's <c>an_ode</c>): y₀′ = x₀, yᵢ′ = xᵢ yᵢ₋₁ (i &gt; 0), y(0) = 0, integrated to
/// t = 2 with <c>s</c> steps of the classical fourth-order Runge–Kutta method.
/// </summary>
internal static partial class RungeKuttaOde
{
    /// <summary>Writes y(2) ≈ the RK4 solution after <paramref name="s"/> steps to <paramref name="y"/>.</summary>
    [Differentiable]
    public static void Solve(ReadOnlySpan<double> x, int s, Span<double> y)
    {
        int n = x.Length;
        double[] k1 = new double[n];
        double[] k2 = new double[n];
        double[] k3 = new double[n];
        double[] k4 = new double[n];
        double[] stage = new double[n];
        double h = 2.0 / s;
        for (int i = 0; i < n; i++)
        {
            y[i] = 0;
        }

        for (int step = 0; step < s; step++)
        {
            Rate(x, y, k1);
            for (int i = 0; i < n; i++)
            {
                stage[i] = y[i] + (h * k1[i] / 2);
            }

            Rate(x, stage, k2);
            for (int i = 0; i < n; i++)
            {
                stage[i] = y[i] + (h * k2[i] / 2);
            }

            Rate(x, stage, k3);
            for (int i = 0; i < n; i++)
            {
                stage[i] = y[i] + (h * k3[i]);
            }

            Rate(x, stage, k4);
            for (int i = 0; i < n; i++)
            {
                y[i] += h * (k1[i] + (2 * k2[i]) + (2 * k3[i]) + k4[i]) / 6;
            }
        }
    }

    /// <summary>The right-hand side: z₀ = x₀, zᵢ = xᵢ yᵢ₋₁.</summary>
    [Differentiable]
    public static void Rate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z)
    {
        z[0] = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            z[i] = x[i] * y[i - 1];
        }
    }

    /// <summary>The last component y_{n−1}(2) of the RK4 solution: the function the eval differentiates.</summary>
    [Differentiable]
    public static double LastComponent(ReadOnlySpan<double> x, int s)
    {
        double[] y = new double[x.Length];
        Solve(x, s, y);
        return y[x.Length - 1];
    }

    /// <summary>Returns y_{n−1}(2) and writes its gradient in x to <paramref name="dx"/>.</summary>
    [Gradient(nameof(LastComponent))]
    public static partial double LastComponentGradient(ReadOnlySpan<double> x, int s, Span<double> dx);
}
