using System;

namespace DiffOpt.Tests.Solvers.Problems;

/// <summary>
/// The extended Rosenbrock function f(x) = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1);
/// gradient and Hessian–vector product from the hand-derived formulas.
/// </summary>
internal static class Rosenbrock
{
    public static double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * x[i] * a - 2 * b;
            g[i + 1] += 200 * a;
        }

        return f;
    }

    public static void HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv)
    {
        hv.Clear();
        for (int i = 0; i + 1 < x.Length; i++)
        {
            // Hessian of the i-th term in (xᵢ, xᵢ₊₁).
            double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            double hij = -400 * x[i];
            hv[i] += hii * v[i] + hij * v[i + 1];
            hv[i + 1] += hij * v[i] + 200 * v[i + 1];
        }
    }

    /// <summary>The residual form: r = (10(xᵢ₊₁ − xᵢ²), 1 − xᵢ) for each i, so ½‖r‖² = f/2.</summary>
    public static void Residual(ReadOnlySpan<double> x, Span<double> r)
    {
        for (int i = 0; i + 1 < x.Length; i++)
        {
            r[2 * i] = 10 * (x[i + 1] - x[i] * x[i]);
            r[2 * i + 1] = 1 - x[i];
        }
    }

    public static void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i + 1 < x.Length; i++)
        {
            result[2 * i] = 10 * v[i + 1] - 20 * x[i] * v[i];
            result[2 * i + 1] = -v[i];
        }
    }

    public static void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> result)
    {
        result.Clear();
        for (int i = 0; i + 1 < x.Length; i++)
        {
            result[i] += -20 * x[i] * u[2 * i] - u[2 * i + 1];
            result[i + 1] += 10 * u[2 * i];
        }
    }
}
