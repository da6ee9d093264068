using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.CustomDerivatives;

/// <summary>[NonDifferentiable] parameters, Ad.StopGradient, and recursive differentiable methods.</summary>
public static partial class ConstantModel
{
    /// <summary>c is a constant: ∂/∂x (c x² + sin c) = 2 c x.</summary>
    [Differentiable]
    public static double Scaled(double x, [NonDifferentiable] double c) => (c * x * x) + Math.Sin(c);

    [Gradient(nameof(Scaled))]
    public static partial double ScaledGradient(double x, double c, out double dx);

    [Jvp(nameof(Scaled))]
    public static partial double ScaledJvp(double x, double c, double dx, out double dResult);

    /// <summary>Passing x to the constant parameter cuts that path: d/dx Scaled(x, x) = 2x² (not 3x² + cos x).</summary>
    [Differentiable]
    public static double ScaledBySelf(double x) => Scaled(x, x);

    [Gradient(nameof(ScaledBySelf))]
    public static partial double ScaledBySelfGradient(double x, out double dx);

    [Jvp(nameof(ScaledBySelf))]
    public static partial double ScaledBySelfJvp(double x, double dx, out double dResult);

    [Hvp(nameof(ScaledBySelf))]
    public static partial void ScaledBySelfHvp(double x, double v, out double hv);

    /// <summary>Σ sg(wᵢ) wᵢ + sg(exp wᵢ): ∂/∂wᵢ = wᵢ.</summary>
    [Differentiable]
    public static double Detached(ReadOnlySpan<double> w)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += (Ad.StopGradient(w[i]) * w[i]) + Ad.StopGradient(Math.Exp(w[i]));
        }

        return s;
    }

    [Gradient(nameof(Detached))]
    public static partial double DetachedGradient(ReadOnlySpan<double> w, Span<double> dw);

    [Jvp(nameof(Detached))]
    public static partial double DetachedJvp(ReadOnlySpan<double> w, ReadOnlySpan<double> dw, out double dResult);

    [Hvp(nameof(Detached))]
    public static partial void DetachedHvp(ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> hv);

    /// <summary>s ← sg(s)·½ + a²: every step sees the previous s as a constant.</summary>
    [Differentiable]
    public static double DetachedRecurrence(double s, double a, int n)
    {
        for (int i = 0; i < n; i++)
        {
            s = (Ad.StopGradient(s) * 0.5) + (a * a);
        }

        return s;
    }

    [Gradient(nameof(DetachedRecurrence))]
    public static partial double DetachedRecurrenceGradient(double s, double a, int n, out double ds, out double da);

    /// <summary>xⁿ by recursion: d/dx = n xⁿ⁻¹, d²/dx² = n(n−1) xⁿ⁻².</summary>
    [Differentiable]
    public static double Power(double x, int n)
    {
        if (n == 0)
        {
            return 1;
        }

        return x * Power(x, n - 1);
    }

    [Gradient(nameof(Power))]
    public static partial double PowerGradient(double x, int n, out double dx);

    [Jvp(nameof(Power))]
    public static partial double PowerJvp(double x, int n, double dx, out double dResult);

    [Hvp(nameof(Power))]
    public static partial void PowerHvp(double x, int n, double v, out double hv);

    /// <summary>Recursion over a span: Σᵢ 0.9ⁱ xᵢ sin xᵢ, one element per level.</summary>
    [Differentiable]
    public static double TailSum(ReadOnlySpan<double> x, int i)
    {
        if (i >= x.Length)
        {
            return 0;
        }

        return (Math.Sin(x[i]) * x[i]) + (0.9 * TailSum(x, i + 1));
    }

    [Gradient(nameof(TailSum))]
    public static partial double TailSumGradient(ReadOnlySpan<double> x, int i, Span<double> dx);

    [Jvp(nameof(TailSum))]
    public static partial double TailSumJvp(ReadOnlySpan<double> x, int i, ReadOnlySpan<double> dx, out double dResult);

    /// <summary>Two recursive calls per level (bounded depth), with a loop at each level.</summary>
    [Differentiable]
    public static double Tree(double x, double a, int depth)
    {
        if (depth <= 0)
        {
            return Math.Sin(x * a);
        }

        double s = 0;
        for (int i = 0; i < 2; i++)
        {
            s += Tree(x + (0.1 * i), a, depth - 1) * 0.5;
        }

        return Math.Tanh(s + (x * a * 0.1));
    }

    [Gradient(nameof(Tree))]
    public static partial double TreeGradient(double x, double a, int depth, out double dx, out double da);

    [Jvp(nameof(Tree))]
    public static partial double TreeJvp(double x, double a, int depth, double dx, double da, out double dResult);
}

public sealed class StopGradientAndRecursionTests
{
    [Fact]
    public void NonDifferentiableParameterIsAConstant()
    {
        ConstantModel.ScaledGradient(0.7, 1.3, out var dx);
        DerivativeAssert.Close(2 * 1.3 * 0.7, dx, 1e-15, "2cx");
        ConstantModel.ScaledJvp(0.7, 1.3, 2.0, out var t);
        DerivativeAssert.Close(2 * 2 * 1.3 * 0.7, t, 1e-15, "JVP");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.9)]
    public void NonDifferentiableArgumentCutsThePath(double x)
    {
        var value = ConstantModel.ScaledBySelfGradient(x, out var dx);
        DerivativeAssert.Close((x * x * x) + Math.Sin(x), value, 1e-15, "value");
        DerivativeAssert.Close(2 * x * x, dx, 1e-14, "2x² (c = x held constant)");
        ConstantModel.ScaledBySelfJvp(x, 1.0, out var t);
        DerivativeAssert.Close(2 * x * x, t, 1e-14, "JVP");

        // Constants stay constant at every order (the rule DiffOpt follows for Ad.StopGradient, as JAX's stop_gradient
        // does): the HVP differentiates 2 c x in x with c held constant, 2c = 2x (not d/dx 2x² = 4x).
        ConstantModel.ScaledBySelfHvp(x, 1.0, out var h);
        DerivativeAssert.Close(2 * x, h, 1e-14, "HVP with c held constant");
    }

    [Fact]
    public void StopGradientDetachesItsArgument()
    {
        double[] w = [0.3, -1.2, 2.0];
        var dw = new double[3];
        ConstantModel.DetachedGradient(w, dw);
        DerivativeAssert.AllClose(w, dw, 1e-15, "∂/∂wᵢ = wᵢ");
        double[] u = [0.5, 0.25, -1];
        ConstantModel.DetachedJvp(w, u, out var t);
        DerivativeAssert.Close(FiniteDifferences.Dot(w, u), t, 1e-15, "JVP");
        // StopGradient blocks at every order (JAX's stop_gradient semantics, DiffOpt's documented rule): the gradient is
        // sg(w), whose derivative is zero, so the HVP is 0, not the Jacobian of the gradient function w ↦ w.
        var hv = new double[3];
        ConstantModel.DetachedHvp(w, u, hv);
        DerivativeAssert.AllClose(new double[3], hv, 0, "HVP through StopGradient");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void StopGradientInARecurrence(int n)
    {
        // Each step sees the previous s as a constant, so only the last step depends on s₀ or a directly: ∂/∂s₀ = 0, ∂/∂a = 2a.
        ConstantModel.DetachedRecurrenceGradient(0.4, 0.9, n, out var ds, out var da);
        Assert.Equal(0.0, ds);
        DerivativeAssert.Close(1.8, da, 1e-15, "∂/∂a");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void RecursivePowerMatchesClosedForm(int n)
    {
        const double X = 1.3;
        var value = ConstantModel.PowerGradient(X, n, out var dx);
        DerivativeAssert.Close(Math.Pow(X, n), value, 1e-14, "xⁿ");
        DerivativeAssert.Close(n == 0 ? 0 : n * Math.Pow(X, n - 1), dx, 1e-14, "n xⁿ⁻¹");
        ConstantModel.PowerJvp(X, n, 1.0, out var t);
        DerivativeAssert.Close(dx, t, 1e-14, "JVP");
        ConstantModel.PowerHvp(X, n, 1.0, out var h);
        DerivativeAssert.Close(n < 2 ? 0 : n * (n - 1) * Math.Pow(X, n - 2), h, 1e-13, "n(n−1) xⁿ⁻²");
    }

    [Fact]
    public void RecursionOverASpan()
    {
        double[] x = [0.3, -0.7, 1.1, 0.45];
        var dx = new double[4];
        ConstantModel.TailSumGradient(x, 0, dx);
        for (var i = 0; i < 4; i++)
        {
            DerivativeAssert.Close(Math.Pow(0.9, i) * (Math.Sin(x[i]) + (x[i] * Math.Cos(x[i]))), dx[i], 1e-14, "∂/∂x" + i);
        }

        DerivativeAssert.Scalar("TailSum from 1", t => ConstantModel.TailSum(t, 1), (t, g) => ConstantModel.TailSumGradient(t, 1, g), (t, u) => (ConstantModel.TailSumJvp(t, 1, u, out var d), d), x);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void BinaryRecursionWithLoops(int depth) => DerivativeAssert.Scalar(
        "Tree depth " + depth,
        th => ConstantModel.Tree(th[0], th[1], depth),
        (th, g) => ConstantModel.TreeGradient(th[0], th[1], depth, out g[0], out g[1]),
        (th, u) => (ConstantModel.TreeJvp(th[0], th[1], depth, u[0], u[1], out var t), t),
        [0.6, 1.4]);
}
