namespace DiffOpt.AdTests.GradientCalls;

/// <summary>
/// Differentiable code that calls generated [Gradient] declarations: unrolled gradient descent (the baseline that implicit
/// differentiation is compared with) and nested differentiation (a function of a gradient).
/// </summary>
public static partial class GradientCallModel
{
    /// <summary>Σ (wᵢ − tᵢ)² + λ Σ wᵢ²: ∇w = 2(w − t) + 2λw.</summary>
    [Differentiable]
    public static double Ridge(ReadOnlySpan<double> w, double lambda, double[] t)
    {
        double s = 0.0;
        for (int i = 0; i < w.Length; i++)
        {
            double r = w[i] - t[i];
            s += (r * r) + (lambda * w[i] * w[i]);
        }

        return s;
    }

    [Gradient(nameof(Ridge))]
    public static partial double RidgeGradient(ReadOnlySpan<double> w, double lambda, double[] t, Span<double> dW);

    /// <summary>Gradient descent on <see cref="Ridge"/> from zero, then a validation loss of the iterate.</summary>
    [Differentiable]
    public static double Unrolled(double lambda, double[] t, double rate, int steps)
    {
        double[] w = new double[t.Length];
        double[] g = new double[t.Length];
        for (int k = 0; k < steps; k++)
        {
            RidgeGradient(w, lambda, t, g);
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = w[i] - (rate * g[i]);
            }
        }

        double loss = 0.0;
        for (int i = 0; i < w.Length; i++)
        {
            double e = w[i] - (0.5 * t[i]);
            loss += e * e;
        }

        return loss;
    }

    [Gradient(nameof(Unrolled))]
    public static partial double UnrolledGradient(double lambda, double[] t, double rate, int steps, out double dLambda, Span<double> dT, out double dRate);

    [Jvp(nameof(Unrolled))]
    public static partial double UnrolledJvp(double lambda, double[] t, double rate, int steps, double dLambda, ReadOnlySpan<double> dT, double dRate, out double dResult);

    [Hvp(nameof(Unrolled), "lambda")]
    public static partial void UnrolledHvp(double lambda, double[] t, double rate, int steps, double v, out double hv);

    /// <summary>A non-quadratic function, so its Hessian varies with x.</summary>
    [Differentiable]
    public static double Wavy(ReadOnlySpan<double> x, double a)
    {
        double s = 0.0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            s += Math.Sin(a * x[i]) * x[i + 1] * x[i + 1];
        }

        return s + (Math.Exp(0.1 * x[0]) * a);
    }

    [Gradient(nameof(Wavy))]
    public static partial double WavyGradient(ReadOnlySpan<double> x, double a, Span<double> dX);

    /// <summary>Nested: ‖∇ₓ Wavy(x, a)‖², whose gradient needs the Hessian of Wavy.</summary>
    [Differentiable]
    public static double GradientNorm(ReadOnlySpan<double> x, double a)
    {
        double[] g = new double[x.Length];
        WavyGradient(x, a, g);
        double s = 0.0;
        for (int i = 0; i < g.Length; i++)
        {
            s += g[i] * g[i];
        }

        return s;
    }

    [Gradient(nameof(GradientNorm))]
    public static partial double GradientNormGradient(ReadOnlySpan<double> x, double a, Span<double> dX, out double dA);

    [Jvp(nameof(GradientNorm))]
    public static partial double GradientNormJvp(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> dX, double dA, out double dResult);

    /// <summary>A vector-valued function: the gradient itself, so its VJP and JVP are Hessian products.</summary>
    [Differentiable]
    public static void GradientMap(ReadOnlySpan<double> x, double a, Span<double> y)
    {
        WavyGradient(x, a, y);
    }

    [Vjp(nameof(GradientMap))]
    public static partial void GradientMapVjp(ReadOnlySpan<double> x, double a, Span<double> y, Span<double> dX, out double dA, ReadOnlySpan<double> dY);

    [Jvp(nameof(GradientMap))]
    public static partial void GradientMapJvp(ReadOnlySpan<double> x, double a, Span<double> y, ReadOnlySpan<double> dX, double dA, Span<double> dY);
}
