using System.Reflection;
using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.SinglePrecision;

/// <summary>
/// float and MathF: derivatives of float methods (computed in double precision, rounded to float at the boundary)
/// against finite differences of the same functions written in double. Compiled in memory, so that a float
/// construct the generator mishandles fails its own test rather than this project's build.
/// </summary>
public sealed class FloatTests
{
    private const string SoftplusSource = """
        using System;
        using DiffOpt;

        namespace Floats;

        public static partial class Model
        {
            [Differentiable]
            public static float SoftplusSum(ReadOnlySpan<float> x, float a)
            {
                float s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += MathF.Log(1 + MathF.Exp(a * x[i])) * x[i];
                }

                return s;
            }

            [Gradient(nameof(SoftplusSum))]
            public static partial float SoftplusSumGradient(ReadOnlySpan<float> x, float a, Span<float> dx, out float da);

            [Jvp(nameof(SoftplusSum))]
            public static partial float SoftplusSumJvp(ReadOnlySpan<float> x, float a, ReadOnlySpan<float> dx, float da, out float dResult);

            [Hvp(nameof(SoftplusSum), "x")]
            public static partial void SoftplusSumHvp(ReadOnlySpan<float> x, float a, ReadOnlySpan<float> v, Span<float> hv);

            // Array-taking wrappers in double for the test (reflection cannot pass spans).
            public static double Value(double[] th) => SoftplusSum(F(th, 1), (float)th[0]);

            public static double Gradient(double[] th, double[] g)
            {
                var dx = new float[th.Length - 1];
                var v = SoftplusSumGradient(F(th, 1), (float)th[0], dx, out var da);
                g[0] = da;
                for (int i = 0; i < dx.Length; i++) g[i + 1] = dx[i];
                return v;
            }

            public static double Jvp(double[] th, double[] u)
            {
                SoftplusSumJvp(F(th, 1), (float)th[0], F(u, 1), (float)u[0], out var t);
                return t;
            }

            public static double[] Hvp(double[] x, double a, double[] v)
            {
                var hv = new float[x.Length];
                SoftplusSumHvp(F(x, 0), (float)a, F(v, 0), hv);
                return Array.ConvertAll(hv, h => (double)h);
            }

            private static float[] F(double[] values, int start)
            {
                var result = new float[values.Length - start];
                for (int i = 0; i < result.Length; i++) result[i] = (float)values[i + start];
                return result;
            }
        }
        """;

    private const string RecurrenceSource = """
        using System;
        using DiffOpt;

        namespace Floats;

        public static partial class Model
        {
            [Differentiable]
            public static float Recurrence(float s, float a, int n)
            {
                for (int i = 0; i < n; i++)
                {
                    s = (MathF.Sin(s) * a) + (0.1f * MathF.Cos(a));
                }

                return s;
            }

            [Gradient(nameof(Recurrence))]
            public static partial float RecurrenceGradient(float s, float a, int n, out float ds, out float da);

            public static double RecurrenceDs(double s, double a, int n)
            {
                RecurrenceGradient((float)s, (float)a, n, out var ds, out _);
                return ds;
            }

            public static double RecurrenceDa(double s, double a, int n)
            {
                RecurrenceGradient((float)s, (float)a, n, out _, out var da);
                return da;
            }

            private static float[] F(double[] values, int start)
            {
                var result = new float[values.Length - start];
                for (int i = 0; i < result.Length; i++) result[i] = (float)values[i + start];
                return result;
            }
        }
        """;

    private const string SmoothSource = """
        using System;
        using DiffOpt;

        namespace Floats;

        public static partial class Model
        {
            [Differentiable]
            public static void Smooth(ReadOnlySpan<float> x, float c, Span<float> y)
            {
                // Local arrays are double[] (float functions are differentiated in double precision anyway).
                double[] t = new double[x.Length];
                for (int i = 0; i < x.Length; i++)
                {
                    t[i] = MathF.Tanh(x[i] * c);
                }

                for (int i = 0; i < y.Length; i++)
                {
                    y[i] = (float)(t[i] * t[(i + 1) % t.Length] + x[i]);
                }
            }

            [Vjp(nameof(Smooth))]
            public static partial void SmoothVjp(ReadOnlySpan<float> x, float c, Span<float> y, Span<float> dx, out float dc, ReadOnlySpan<float> dy);

            [Jvp(nameof(Smooth))]
            public static partial void SmoothJvp(ReadOnlySpan<float> x, float c, Span<float> y, ReadOnlySpan<float> dx, float dc, Span<float> dy);

            public static double[] SmoothJvpOf(double[] th, double[] u)
            {
                var y = new float[th.Length - 1];
                var dy = new float[th.Length - 1];
                SmoothJvp(F(th, 1), (float)th[0], y, F(u, 1), (float)u[0], dy);
                return Array.ConvertAll(dy, d => (double)d);
            }

            public static double[] SmoothVjpOf(double[] th, double[] w)
            {
                var y = new float[th.Length - 1];
                var dx = new float[th.Length - 1];
                SmoothVjp(F(th, 1), (float)th[0], y, dx, out var dc, F(w, 0));
                var g = new double[th.Length];
                g[0] = dc;
                for (int i = 0; i < dx.Length; i++) g[i + 1] = dx[i];
                return g;
            }

            private static float[] F(double[] values, int start)
            {
                var result = new float[values.Length - start];
                for (int i = 0; i < result.Length; i++) result[i] = (float)values[i + start];
                return result;
            }
        }
        """;

    private static readonly Lazy<Assembly> Softplus = new(() => InMemoryGenerator.CompileAndLoad(SoftplusSource));
    private static readonly Lazy<Assembly> RecurrenceAssembly = new(() => InMemoryGenerator.CompileAndLoad(RecurrenceSource));
    private static readonly Lazy<Assembly> SmoothAssembly = new(() => InMemoryGenerator.CompileAndLoad(SmoothSource));

    /// <summary>θ = (a, x), with every entry exactly representable in float.</summary>
    private static readonly double[] Theta = [0.75, 0.5, -1.25, 2.0, 0.375];

    /// <summary>Single-precision results: the derivatives are computed in double but returned rounded to float.</summary>
    private const double Tolerance = 1e-6;

    private static double SoftplusSum(double[] th)
    {
        double s = 0;
        for (var i = 1; i < th.Length; i++)
        {
            s += Math.Log(1 + Math.Exp(th[0] * th[i])) * th[i];
        }

        return s;
    }

    private static double Recurrence(double s, double a, int n)
    {
        for (var i = 0; i < n; i++)
        {
            s = (Math.Sin(s) * a) + (0.1 * Math.Cos(a));
        }

        return s;
    }

    private static double[] Smooth(double[] th)
    {
        var n = th.Length - 1;
        var t = new double[n];
        for (var i = 0; i < n; i++)
        {
            t[i] = Math.Tanh(th[i + 1] * th[0]);
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = (t[i] * t[(i + 1) % n]) + th[i + 1];
        }

        return y;
    }

    [Fact]
    public void GradientAndJvpOfAFloatLoop()
    {
        var gradient = InMemoryGenerator.Method<Func<double[], double[], double>>(Softplus.Value, "Floats.Model", "Gradient");
        var jvp = InMemoryGenerator.Method<Func<double[], double[], double>>(Softplus.Value, "Floats.Model", "Jvp");
        var g = new double[Theta.Length];
        var value = gradient(Theta, g);
        DerivativeAssert.Close(SoftplusSum(Theta), value, Tolerance, "value (float)");
        DerivativeAssert.AllClose(FiniteDifferences.Gradient(SoftplusSum, Theta), g, Tolerance, "float gradient against differences of the double version");

        // A direction exactly representable in float.
        double[] u = [0.5, -0.25, 1.0, 0.125, -0.75];
        DerivativeAssert.Close(FiniteDifferences.Directional(SoftplusSum, Theta, u), jvp(Theta, u), Tolerance, "float JVP");
    }

    [Fact]
    public void HvpOfAFloatLoop()
    {
        var hvp = InMemoryGenerator.Method<Func<double[], double, double[], double[]>>(Softplus.Value, "Floats.Model", "Hvp");
        var x = Theta[1..];
        double[] v = [0.5, -0.25, 1.0, 0.125];
        var hv = hvp(x, Theta[0], v);

        // Reference: differences of the double version's exact gradient, ∂/∂xᵢ = log(1 + e^{a xᵢ}) + a xᵢ σ(a xᵢ).
        double[] Gradient(double[] xx)
        {
            var g = new double[xx.Length];
            for (var i = 0; i < xx.Length; i++)
            {
                var z = Theta[0] * xx[i];
                g[i] = Math.Log(1 + Math.Exp(z)) + (z / (1 + Math.Exp(-z)));
            }

            return g;
        }

        DerivativeAssert.AllClose(FiniteDifferences.Directional(Gradient, x, v), hv, Tolerance, "float HVP");
    }

    [Fact]
    public void FloatRecurrence()
    {
        var ds = InMemoryGenerator.Method<Func<double, double, int, double>>(RecurrenceAssembly.Value, "Floats.Model", "RecurrenceDs");
        var da = InMemoryGenerator.Method<Func<double, double, int, double>>(RecurrenceAssembly.Value, "Floats.Model", "RecurrenceDa");
        const int N = 50;
        var fd = FiniteDifferences.Gradient(th => Recurrence(th[0], th[1], N), [0.5, 1.25]);
        DerivativeAssert.Close(fd[0], ds(0.5, 1.25, N), Tolerance, "∂/∂s (float)");
        DerivativeAssert.Close(fd[1], da(0.5, 1.25, N), Tolerance, "∂/∂a (float)");
    }

    [Fact]
    public void FloatVectorFunctionWithALocalArray()
    {
        var jvp = InMemoryGenerator.Method<Func<double[], double[], double[]>>(SmoothAssembly.Value, "Floats.Model", "SmoothJvpOf");
        var vjp = InMemoryGenerator.Method<Func<double[], double[], double[]>>(SmoothAssembly.Value, "Floats.Model", "SmoothVjpOf");
        double[] u = [0.5, -0.25, 1.0, 0.125, -0.75];
        double[] w = [1.0, 0.5, -0.25, 2.0];
        var ju = jvp(Theta, u);
        DerivativeAssert.AllClose(FiniteDifferences.Directional(Smooth, Theta, u), ju, Tolerance, "float JVP of a vector function");
        var jtw = vjp(Theta, w);
        DerivativeAssert.AllClose(FiniteDifferences.Gradient(th => FiniteDifferences.Dot(w, Smooth(th)), Theta), jtw, Tolerance, "float VJP of a vector function");
        DerivativeAssert.Close(FiniteDifferences.Dot(ju, w), FiniteDifferences.Dot(u, jtw), 1e-6, "dot-product test in float");
    }
}
