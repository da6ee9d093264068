namespace DiffOpt.Benchmarks.Ad;

/// <summary>
/// A damped harmonic oscillator x'' + 2ζω x' + ω² x = 0 integrated with the classical fourth-order Runge–Kutta method
/// (Hairer, Nørsett &amp; Wanner, "Solving Ordinary Differential Equations I", §II.1) from (x₀, v₀) with step h; the
/// loss is h Σₜ x_t², the integrated squared displacement. Parameters p = (x₀, v₀, ω, ζ).
/// </summary>
public static partial class DampedOscillator
{
    /// <summary>The primal.</summary>
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> p, double h, int steps)
    {
        double x = p[0];
        double v = p[1];
        double a = p[2] * p[2];
        double b = 2 * p[3] * p[2];
        double loss = 0;
        for (int t = 0; t < steps; t++)
        {
            double k1x = v;
            double k1v = -b * v - a * x;
            double x2 = x + 0.5 * h * k1x;
            double v2 = v + 0.5 * h * k1v;
            double k2x = v2;
            double k2v = -b * v2 - a * x2;
            double x3 = x + 0.5 * h * k2x;
            double v3 = v + 0.5 * h * k2v;
            double k3x = v3;
            double k3v = -b * v3 - a * x3;
            double x4 = x + h * k3x;
            double v4 = v + h * k3v;
            double k4x = v4;
            double k4v = -b * v4 - a * x4;
            x = x + h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
            v = v + h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
            loss += h * x * x;
        }
        return loss;
    }

    /// <summary>Generated gradient with respect to p.</summary>
    [Gradient(nameof(Loss))]
    public static partial double Gradient(ReadOnlySpan<double> p, double h, int steps, Span<double> dp);

    /// <summary>
    /// Hand-written discrete adjoint: the forward sweep stores the state (x_t, v_t) of every step in
    /// <paramref name="states"/> (2·(steps + 1) doubles, supplied by the caller so the call does not allocate); the
    /// reverse sweep recomputes each step's stages from the stored state and propagates adjoints through them.
    /// </summary>
    public static double HandGradient(ReadOnlySpan<double> p, double h, int steps, Span<double> dp, Span<double> states)
    {
        double w = p[2], zeta = p[3];
        double a = w * w, b = 2 * zeta * w;
        double x = p[0], v = p[1], loss = 0;
        for (int t = 0; t < steps; t++)
        {
            states[2 * t] = x;
            states[2 * t + 1] = v;
            Step(x, v, a, b, h, out x, out v);
            loss += h * x * x;
        }
        states[2 * steps] = x;
        states[2 * steps + 1] = v;
        double gx = 0, gv = 0, ga = 0, gb = 0;
        for (int t = steps - 1; t >= 0; t--)
        {
            // x_{t+1} is the x this step produced; its loss term h x² adds 2 h x to the adjoint.
            double xs = states[2 * t], vs = states[2 * t + 1];
            gx += 2 * h * states[2 * t + 2];
            // Recompute the stages.
            double k1x = vs, k1v = -b * vs - a * xs;
            double x2 = xs + 0.5 * h * k1x, v2 = vs + 0.5 * h * k1v;
            double k2v = -b * v2 - a * x2;
            double x3 = xs + 0.5 * h * v2, v3 = vs + 0.5 * h * k2v;
            double k3v = -b * v3 - a * x3;
            double x4 = xs + h * v3, v4 = vs + h * k3v;
            // Adjoints of the stage slopes from x' = x + h/6(k1x + 2k2x + 2k3x + k4x), likewise v'.
            double gk1x = h / 6 * gx, gk2x = h / 3 * gx, gk3x = h / 3 * gx, gk4x = h / 6 * gx;
            double gk1v = h / 6 * gv, gk2v = h / 3 * gv, gk3v = h / 3 * gv, gk4v = h / 6 * gv;
            double gxs = gx, gvs = gv;
            // k4x = v4, k4v = −b v4 − a x4
            double gv4 = gk4x - b * gk4v, gx4 = -a * gk4v;
            gb -= v4 * gk4v; ga -= x4 * gk4v;
            // x4 = x + h k3x (k3x = v3), v4 = v + h k3v
            gxs += gx4; gvs += gv4;
            gk3x += h * gx4; gk3v += h * gv4;
            double gv3 = gk3x - b * gk3v, gx3 = -a * gk3v;
            gb -= v3 * gk3v; ga -= x3 * gk3v;
            // x3 = x + h/2 k2x (k2x = v2), v3 = v + h/2 k2v
            gxs += gx3; gvs += gv3;
            gk2x += 0.5 * h * gx3; gk2v += 0.5 * h * gv3;
            double gv2 = gk2x - b * gk2v, gx2 = -a * gk2v;
            gb -= v2 * gk2v; ga -= x2 * gk2v;
            // x2 = x + h/2 k1x (k1x = v), v2 = v + h/2 k1v
            gxs += gx2; gvs += gv2;
            gk1x += 0.5 * h * gx2; gk1v += 0.5 * h * gv2;
            gvs += gk1x - b * gk1v; gxs += -a * gk1v;
            gb -= vs * gk1v; ga -= xs * gk1v;
            gx = gxs; gv = gvs;
        }
        dp[0] = gx;
        dp[1] = gv;
        dp[2] = ga * 2 * w + gb * 2 * zeta;
        dp[3] = gb * 2 * w;
        return loss;
    }

    private static void Step(double x, double v, double a, double b, double h, out double xNext, out double vNext)
    {
        double k1x = v, k1v = -b * v - a * x;
        double x2 = x + 0.5 * h * k1x, v2 = v + 0.5 * h * k1v;
        double k2x = v2, k2v = -b * v2 - a * x2;
        double x3 = x + 0.5 * h * k2x, v3 = v + 0.5 * h * k2v;
        double k3x = v3, k3v = -b * v3 - a * x3;
        double x4 = x + h * k3x, v4 = v + h * k3v;
        double k4x = v4, k4v = -b * v4 - a * x4;
        xNext = x + h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
        vNext = v + h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
    }
}
