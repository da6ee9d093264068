using System;

namespace DiffOpt.Solvers.Internal;

/// <summary>
/// Line search for a step α satisfying the strong Wolfe conditions
/// φ(α) ≤ φ(0) + c₁αφ'(0) and |φ'(α)| ≤ c₂|φ'(0)|, where φ(α) = f(x + αd).
/// </summary>
/// <remarks>
/// Bracketing phase and zoom phase of Nocedal &amp; Wright, <i>Numerical Optimization</i> (2nd ed.), Algorithms 3.5
/// and 3.6, with safeguarded cubic interpolation (their eq. 3.59). Near the minimum, where φ(α) − φ(0) is lost in
/// round-off, sufficient decrease is also accepted in the approximate form of Hager &amp; Zhang (SIAM J. Optim. 16,
/// 2005): φ(α) ≤ φ(0) + ε|φ(0)| and φ'(α) ≤ (2c₁ − 1)φ'(0), with ε = 1e-14. When trial values are
/// indistinguishable from φ(0) by more than that, the bracket is updated from the derivatives alone (as in Hager &amp;
/// Zhang's update step), since comparing values that are pure round-off would steer it the wrong way.
/// Trial points are evaluated into <c>xTrial</c>/<c>gTrial</c>; on success they hold the accepted point.
/// </remarks>
internal static class StrongWolfeLineSearch
{
    private const double MaxStep = 1e20;
    private const double RoundOffEpsilon = 1e-14;

    public static LineSearchOutcome Search(
        ValueAndGradient f,
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> d,
        double f0,
        double slope0,
        double initialStep,
        Span<double> xTrial,
        Span<double> gTrial,
        SolverOptions options,
        ref int evaluations,
        out double step,
        out double fTrial)
    {
        double c1 = options.ArmijoConstant;
        double c2 = options.CurvatureConstant;
        int budget = options.MaxLineSearchSteps;
        double roundOff = RoundOffEpsilon * Math.Abs(f0);
        bool sawFinite = false;

        double prevStep = 0, prevValue = f0, prevSlope = slope0;
        double alpha = initialStep;

        double lo, fLo, dLo, hi, fHi, dHi;
        for (int i = 0; ; i++)
        {
            if (i >= budget)
            {
                return Fallback(f, x, d, f0, prevStep, prevValue, xTrial, gTrial, ref evaluations, sawFinite, out step, out fTrial);
            }

            double phi = Evaluate(f, x, d, alpha, xTrial, gTrial, ref evaluations, out double dphi);
            bool finite = double.IsFinite(phi) && double.IsFinite(dphi);
            sawFinite |= finite;
            bool noisy = Indistinguishable(phi, prevValue, f0, roundOff);
            if (!finite || !SufficientDecrease(phi, dphi, alpha, f0, slope0, c1, roundOff) || (!noisy && i > 0 && phi >= prevValue))
            {
                lo = prevStep; fLo = prevValue; dLo = prevSlope;
                hi = alpha; fHi = finite ? phi : double.PositiveInfinity; dHi = finite ? dphi : double.NaN;
                budget -= i + 1;
                break;
            }

            if (Math.Abs(dphi) <= -c2 * slope0)
            {
                step = alpha;
                fTrial = phi;
                return LineSearchOutcome.Accepted;
            }

            if (dphi >= 0)
            {
                if (noisy)
                {
                    // Values are round-off: trust the derivatives, which say the minimiser lies before α.
                    lo = prevStep; fLo = prevValue; dLo = prevSlope;
                    hi = alpha; fHi = phi; dHi = dphi;
                }
                else
                {
                    lo = alpha; fLo = phi; dLo = dphi;
                    hi = prevStep; fHi = prevValue; dHi = prevSlope;
                }

                budget -= i + 1;
                break;
            }

            // Extrapolate: the cubic's minimiser when it lies well beyond α, otherwise a fourfold step.
            double next = CubicMinimizer(prevStep, prevValue, prevSlope, alpha, phi, dphi);
            prevStep = alpha; prevValue = phi; prevSlope = dphi;
            if (alpha >= MaxStep)
            {
                return Fallback(f, x, d, f0, prevStep, prevValue, xTrial, gTrial, ref evaluations, sawFinite, out step, out fTrial);
            }

            alpha = double.IsFinite(next) && next > 2 * alpha && next < 10 * alpha ? next : Math.Min(4 * alpha, MaxStep);
        }

        // Zoom: lo always satisfies sufficient decrease and has the lowest value seen; the minimiser lies between lo and hi.
        for (int j = 0; j < budget; j++)
        {
            double width = hi - lo;
            if (Math.Abs(width) <= 1e-16 * Math.Max(Math.Abs(lo), Math.Abs(hi)))
            {
                break;
            }

            double alpha2 = CubicMinimizer(lo, fLo, dLo, hi, fHi, dHi);
            double a = Math.Min(lo, hi), b = Math.Max(lo, hi);
            double margin = 0.1 * (b - a);
            if (!double.IsFinite(alpha2) || alpha2 < a + margin || alpha2 > b - margin)
            {
                alpha2 = 0.5 * (lo + hi);
            }

            double phi = Evaluate(f, x, d, alpha2, xTrial, gTrial, ref evaluations, out double dphi);
            bool finite = double.IsFinite(phi) && double.IsFinite(dphi);
            sawFinite |= finite;
            bool noisy = Indistinguishable(phi, fLo, f0, roundOff);
            if (!finite || !SufficientDecrease(phi, dphi, alpha2, f0, slope0, c1, roundOff) || (!noisy && phi >= fLo))
            {
                hi = alpha2; fHi = finite ? phi : double.PositiveInfinity; dHi = finite ? dphi : double.NaN;
                continue;
            }

            if (Math.Abs(dphi) <= -c2 * slope0)
            {
                step = alpha2;
                fTrial = phi;
                return LineSearchOutcome.Accepted;
            }

            if (noisy)
            {
                // Values are round-off: keep the endpoint whose derivative points into the interval, as in
                // Hager & Zhang's update, so the bracket still shrinks onto the minimiser.
                if (dphi * (hi - lo) < 0)
                {
                    lo = alpha2; fLo = phi; dLo = dphi;
                }
                else
                {
                    hi = alpha2; fHi = phi; dHi = dphi;
                }

                continue;
            }

            if (dphi * (hi - lo) >= 0)
            {
                hi = lo; fHi = fLo; dHi = dLo;
            }

            lo = alpha2; fLo = phi; dLo = dphi;
        }

        return Fallback(f, x, d, f0, lo, fLo, xTrial, gTrial, ref evaluations, sawFinite, out step, out fTrial);
    }

    /// <summary>φ(α), the comparison value and φ(0) all agree to within round-off.</summary>
    private static bool Indistinguishable(double phi, double other, double f0, double roundOff) =>
        Math.Abs(phi - f0) <= roundOff && Math.Abs(other - f0) <= roundOff;

    private static bool SufficientDecrease(double phi, double dphi, double alpha, double f0, double slope0, double c1, double roundOff) =>
        phi <= f0 + c1 * alpha * slope0
        || (phi <= f0 + roundOff && dphi <= (2 * c1 - 1) * slope0);

    private static double Evaluate(
        ValueAndGradient f,
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> d,
        double alpha,
        Span<double> xTrial,
        Span<double> gTrial,
        ref int evaluations,
        out double slope)
    {
        Vec.AddScaled(x, alpha, d, xTrial);
        double value = f(xTrial, gTrial);
        evaluations++;
        slope = Vec.Dot(gTrial, d);
        return value;
    }

    /// <summary>
    /// Accepts the best point seen that satisfies sufficient decrease with a strictly lower value (re-evaluating it,
    /// because the trial buffers hold the last trial), or reports failure.
    /// </summary>
    private static LineSearchOutcome Fallback(
        ValueAndGradient f,
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> d,
        double f0,
        double bestStep,
        double bestValue,
        Span<double> xTrial,
        Span<double> gTrial,
        ref int evaluations,
        bool sawFinite,
        out double step,
        out double fTrial)
    {
        if (bestStep > 0 && bestValue < f0)
        {
            double value = Evaluate(f, x, d, bestStep, xTrial, gTrial, ref evaluations, out double slope);
            if (double.IsFinite(value) && double.IsFinite(slope) && Vec.AllFinite(gTrial))
            {
                step = bestStep;
                fTrial = value;
                return LineSearchOutcome.SufficientDecreaseOnly;
            }
        }

        step = 0;
        fTrial = f0;
        return sawFinite ? LineSearchOutcome.Failed : LineSearchOutcome.NonFinite;
    }

    /// <summary>Minimiser of the cubic interpolating (a, fa, da) and (b, fb, db); NaN when it has none.</summary>
    internal static double CubicMinimizer(double a, double fa, double da, double b, double fb, double db)
    {
        if (a == b)
        {
            return double.NaN;
        }

        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double radicand = d1 * d1 - da * db;
        if (!(radicand >= 0))
        {
            return double.NaN;
        }

        double d2 = Math.Sign(b - a) * Math.Sqrt(radicand);
        double denominator = db - da + 2 * d2;
        return denominator == 0 ? double.NaN : b - (b - a) * (db + d2 - d1) / denominator;
    }
}
