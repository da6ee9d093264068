namespace DiffOpt.AdTests.Deep;

/// <summary>Long loop-carried computations: a 10,000-step scalar recurrence and an RK4 integrator of a damped oscillator.</summary>
public static partial class DeepRecurrenceModel
{
    /// <summary>s ← a sin s + 10⁻³ b, n times.</summary>
    [Differentiable]
    public static double Recurrence(double s, double a, double b, int n)
    {
        for (int i = 0; i < n; i++)
        {
            s = (Math.Sin(s) * a) + (b * 1e-3);
        }

        return s;
    }

    [Gradient(nameof(Recurrence))]
    public static partial double RecurrenceGradient(double s, double a, double b, int n, out double ds, out double da, out double db);

    [Jvp(nameof(Recurrence))]
    public static partial double RecurrenceJvp(double s, double a, double b, int n, double ds, double da, double db, out double dResult);

    /// <summary>Second order through 10,000 taped steps (forward over reverse), in a while another input is reassigned.</summary>
    [Hvp(nameof(Recurrence), "a")]
    public static partial void RecurrenceHvpA(double s, double a, double b, int n, double v, out double hv);

    /// <summary>
    /// x'' + 2ζω x' + ω² x = 0 from (x₀, v₀), integrated with classical RK4 (step dt, <paramref name="steps"/> steps);
    /// returns x(T) + ½ v(T).
    /// </summary>
    [Differentiable]
    public static double DampedOscillator(double x, double v, double zeta, double omega, int steps, double dt)
    {
        double c = 2 * zeta * omega;
        double k = omega * omega;
        for (int step = 0; step < steps; step++)
        {
            double k1x = v;
            double k1v = (-c * v) - (k * x);
            double x2 = x + (0.5 * dt * k1x);
            double v2 = v + (0.5 * dt * k1v);
            double k2x = v2;
            double k2v = (-c * v2) - (k * x2);
            double x3 = x + (0.5 * dt * k2x);
            double v3 = v + (0.5 * dt * k2v);
            double k3x = v3;
            double k3v = (-c * v3) - (k * x3);
            double x4 = x + (dt * k3x);
            double v4 = v + (dt * k3v);
            double k4x = v4;
            double k4v = (-c * v4) - (k * x4);
            x = x + (dt / 6 * (k1x + (2 * k2x) + (2 * k3x) + k4x));
            v = v + (dt / 6 * (k1v + (2 * k2v) + (2 * k3v) + k4v));
        }

        return x + (0.5 * v);
    }

    [Gradient(nameof(DampedOscillator))]
    public static partial double DampedOscillatorGradient(double x, double v, double zeta, double omega, int steps, double dt, out double dx, out double dv, out double dZeta, out double dOmega);

    [Jvp(nameof(DampedOscillator))]
    public static partial double DampedOscillatorJvp(double x, double v, double zeta, double omega, int steps, double dt, double dx, double dv, double dZeta, double dOmega, out double dResult);

    [Hvp(nameof(DampedOscillator), "omega")]
    public static partial void DampedOscillatorHvpOmega(double x, double v, double zeta, double omega, int steps, double dt, double vOmega, out double hv);

    /// <summary>Σ xᵢ²: the loop reads only the read-only input (nothing to keep but what the reverse sweep reads).</summary>
    [Differentiable]
    public static double SumOfSquares(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
        }

        return s;
    }

    [Gradient(nameof(SumOfSquares))]
    public static partial double SumOfSquaresGradient(ReadOnlySpan<double> x, Span<double> dx);

    /// <summary>s ← a s + b: the reverse sweep needs the old s (for ∂/∂a) and nothing else.</summary>
    [Differentiable]
    public static double Affine(double s, double a, double b, int n)
    {
        for (int i = 0; i < n; i++)
        {
            s = (a * s) + b;
        }

        return s;
    }

    [Gradient(nameof(Affine))]
    public static partial double AffineGradient(double s, double a, double b, int n, out double ds, out double da, out double db);

    /// <summary>s ← s + b: linear in everything, so the reverse sweep reads no taped value.</summary>
    [Differentiable]
    public static double Linear(double s, double b, int n)
    {
        for (int i = 0; i < n; i++)
        {
            s = s + (0.5 * b);
        }

        return s;
    }

    [Gradient(nameof(Linear))]
    public static partial double LinearGradient(double s, double b, int n, out double ds, out double db);

    /// <summary>A nested loop: the inner trip count of each outer iteration is kept.</summary>
    [Differentiable]
    public static double Nested(double s, double a, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                s = Math.Sin(s) * a;
            }
        }

        return s;
    }

    [Gradient(nameof(Nested))]
    public static partial double NestedGradient(double s, double a, int n, out double ds, out double da);
}
