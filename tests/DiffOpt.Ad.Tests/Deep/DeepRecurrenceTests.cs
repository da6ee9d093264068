using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.Deep;

public sealed class DeepRecurrenceTests
{
    private const int Steps = 10_000;

    [Theory]
    [InlineData(0.3, 1.2, 0.5)]
    [InlineData(2.0, 0.7, -3.0)]
    public void TenThousandStepRecurrenceMatchesFiniteDifferences(double s, double a, double b) => DerivativeAssert.Scalar(
        "Recurrence (10,000 steps)",
        th => DeepRecurrenceModel.Recurrence(th[0], th[1], th[2], Steps),
        (th, g) => DeepRecurrenceModel.RecurrenceGradient(th[0], th[1], th[2], Steps, out g[0], out g[1], out g[2]),
        (th, u) => (DeepRecurrenceModel.RecurrenceJvp(th[0], th[1], th[2], Steps, u[0], u[1], u[2], out var t), t),
        [s, a, b]);

    [Theory]
    [InlineData(0.3, 1.2, 0.5)]
    [InlineData(2.0, 0.7, -3.0)]
    public void TenThousandStepRecurrenceMatchesTheImplicitFunctionTheorem(double s, double a, double b)
    {
        // After 10,000 contracting steps s is the fixed point s* = a sin s* + 10⁻³ b, so by the implicit function
        // theorem ∂s*/∂a = sin s* / (1 − a cos s*), ∂s*/∂b = 10⁻³ / (1 − a cos s*), and ∂s*/∂s₀ = 0.
        var fixedPoint = DeepRecurrenceModel.RecurrenceGradient(s, a, b, Steps, out var ds, out var da, out var db);
        DerivativeAssert.Close(fixedPoint, (a * Math.Sin(fixedPoint)) + (b * 1e-3), 1e-14, "fixed point");
        var denominator = 1 - (a * Math.Cos(fixedPoint));
        DerivativeAssert.Close(Math.Sin(fixedPoint) / denominator, da, 1e-12, "∂s*/∂a");
        DerivativeAssert.Close(1e-3 / denominator, db, 1e-12, "∂s*/∂b");
        Assert.True(Math.Abs(ds) < 1e-12, "∂s*/∂s₀ = " + ds);
    }

    [Theory]
    [InlineData(0.3, 1.2, 0.5)]
    [InlineData(2.0, 0.7, -3.0)]
    public void TenThousandStepRecurrenceHvp(double s, double a, double b)
    {
        DerivativeAssert.Hvp(
            "Recurrence (10,000 steps), HVP in a",
            th => DeepRecurrenceModel.Recurrence(s, th[0], b, Steps),
            (th, g) => DeepRecurrenceModel.RecurrenceGradient(s, th[0], b, Steps, out _, out g[0], out _),
            (th, u) =>
            {
                DeepRecurrenceModel.RecurrenceHvpA(s, th[0], b, Steps, u[0], out var hv);
                return [hv];
            },
            [a]);

        // At the fixed point s* = a sin s* + 10⁻³ b: differentiating s*' (1 − a cos s*) = sin s* once more in a gives
        // s*'' (1 − a cos s*) = 2 cos s* · s*' − a sin s* · s*'².
        var fixedPoint = DeepRecurrenceModel.RecurrenceGradient(s, a, b, Steps, out _, out var first, out _);
        var expected = ((2 * Math.Cos(fixedPoint) * first) - (a * Math.Sin(fixedPoint) * first * first)) / (1 - (a * Math.Cos(fixedPoint)));
        DeepRecurrenceModel.RecurrenceHvpA(s, a, b, Steps, 1.0, out var second);
        DerivativeAssert.Close(expected, second, 1e-10, "∂²s*/∂a²");
    }

    private const double Dt = 0.01;
    private const int RkSteps = 1000;

    [Theory]
    [InlineData(1.0, 0.0, 0.1, 2.0)]
    [InlineData(-0.4, 1.5, 0.35, 3.1)]
    public void Rk4OscillatorMatchesFiniteDifferences(double x, double v, double zeta, double omega) => DerivativeAssert.Scalar(
        "RK4 damped oscillator",
        th => DeepRecurrenceModel.DampedOscillator(th[0], th[1], th[2], th[3], RkSteps, Dt),
        (th, g) => DeepRecurrenceModel.DampedOscillatorGradient(th[0], th[1], th[2], th[3], RkSteps, Dt, out g[0], out g[1], out g[2], out g[3]),
        (th, u) => (DeepRecurrenceModel.DampedOscillatorJvp(th[0], th[1], th[2], th[3], RkSteps, Dt, u[0], u[1], u[2], u[3], out var t), t),
        [x, v, zeta, omega]);

    [Theory]
    [InlineData(1.0, 0.0, 0.1, 2.0)]
    [InlineData(-0.4, 1.5, 0.35, 3.1)]
    public void Rk4OscillatorMatchesTheClosedFormSolution(double x, double v, double zeta, double omega)
    {
        const double T = Dt * RkSteps;
        var value = DeepRecurrenceModel.DampedOscillatorGradient(x, v, zeta, omega, RkSteps, Dt, out var dx, out var dv, out var dZeta, out var dOmega);

        // RK4's global error is O(dt⁴) ≈ 1e-8 here: the integrator and its derivatives match the exact solution to ~1e-6.
        const double Tolerance = 1e-6;
        DerivativeAssert.Close(Exact(x, v, zeta, omega, T), value, Tolerance, "x(T) + ½v(T)");

        // The solution is linear in (x₀, v₀): its derivatives are the solutions from unit initial states.
        DerivativeAssert.Close(Exact(1, 0, zeta, omega, T), dx, Tolerance, "∂/∂x₀");
        DerivativeAssert.Close(Exact(0, 1, zeta, omega, T), dv, Tolerance, "∂/∂v₀");

        // ζ and ω: five-point differences of the closed form (error O(h⁴) ≈ 1e-12).
        DerivativeAssert.Close(FivePoint(z => Exact(x, v, z, omega, T), zeta), dZeta, Tolerance, "∂/∂ζ");
        DerivativeAssert.Close(FivePoint(w => Exact(x, v, zeta, w, T), omega), dOmega, Tolerance, "∂/∂ω");
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.1, 2.0)]
    [InlineData(-0.4, 1.5, 0.35, 3.1)]
    public void Rk4OscillatorHvpInTheFrequency(double x, double v, double zeta, double omega)
    {
        DerivativeAssert.Hvp(
            "RK4 HVP in ω",
            th => DeepRecurrenceModel.DampedOscillator(x, v, zeta, th[0], RkSteps, Dt),
            (th, g) => DeepRecurrenceModel.DampedOscillatorGradient(x, v, zeta, th[0], RkSteps, Dt, out _, out _, out _, out g[0]),
            (th, u) =>
            {
                DeepRecurrenceModel.DampedOscillatorHvpOmega(x, v, zeta, th[0], RkSteps, Dt, u[0], out var hv);
                return [hv];
            },
            [omega]);

        // Against the closed form: five-point second difference (error O(h⁴)) of the exact solution in ω.
        const double T = Dt * RkSteps;
        const double H = 1e-3;
        Func<double, double> f = w => Exact(x, v, zeta, w, T);
        var exactSecond = ((-f(omega + (2 * H))) + (16 * f(omega + H)) - (30 * f(omega)) + (16 * f(omega - H)) - f(omega - (2 * H))) / (12 * H * H);
        DeepRecurrenceModel.DampedOscillatorHvpOmega(x, v, zeta, omega, RkSteps, Dt, 1.0, out var second);
        DerivativeAssert.Close(exactSecond, second, 1e-5, "∂²/∂ω² against the exact solution");
    }

    /// <summary>x(t) + ½ v(t) of the underdamped oscillator (ζ &lt; 1).</summary>
    private static double Exact(double x0, double v0, double zeta, double omega, double t)
    {
        var alpha = zeta * omega;
        var beta = omega * Math.Sqrt(1 - (zeta * zeta));
        var a = x0;
        var b = (v0 + (alpha * x0)) / beta;
        var decay = Math.Exp(-alpha * t);
        var position = decay * ((a * Math.Cos(beta * t)) + (b * Math.Sin(beta * t)));
        var velocity = decay * ((((-alpha * a) + (beta * b)) * Math.Cos(beta * t)) + (((-alpha * b) - (beta * a)) * Math.Sin(beta * t)));
        return position + (0.5 * velocity);
    }

    private static double FivePoint(Func<double, double> f, double x)
    {
        const double H = 1e-3;
        return (f(x - (2 * H)) - (8 * f(x - H)) + (8 * f(x + H)) - f(x + (2 * H))) / (12 * H);
    }
}
