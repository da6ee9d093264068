using DiffOpt;
using DiffOpt.GradBench.Modules.NestedDescent;

namespace DiffOpt.GradBench.Modules.Saddle;

/// <summary>
/// The saddle-point problem of GradBench's <c>saddle</c> eval (Pearlmutter and Siskind, 2008): min over p₁ of max
/// over p₂ of f(p₁, p₂) = (p₁ₓ² + p₁ᵧ²) − (p₂ₓ² + p₂ᵧ²), both by gradient descent. The inner maximisation is
/// differentiable C# that calls the generated gradient of f, so the outer gradient is a nested derivative through
/// the whole inner descent (f's Hessian by forward over reverse at every inner step).
/// </summary>
internal static partial class SaddleModel
{
    /// <summary>The function whose saddle point is sought.</summary>
    /// <param name="p1">The minimising player's point.</param>
    /// <param name="p2">The maximising player's point.</param>
    /// <returns>f(p₁, p₂).</returns>
    [Differentiable]
    public static double Objective(ReadOnlySpan<double> p1, ReadOnlySpan<double> p2) =>
        (p1[0] * p1[0] + p1[1] * p1[1]) - (p2[0] * p2[0] + p2[1] * p2[1]);

    /// <summary>f and its gradient in p₂ (reverse mode).</summary>
    /// <param name="p1">The minimising player's point.</param>
    /// <param name="p2">The maximising player's point.</param>
    /// <param name="dP2">Receives ∇_{p₂} f.</param>
    /// <returns>f(p₁, p₂).</returns>
    [Gradient(nameof(Objective))]
    public static partial double ObjectiveGradientInP2(ReadOnlySpan<double> p1, ReadOnlySpan<double> p2, Span<double> dP2);

    /// <summary>f and its derivative along a direction in p₂ (forward mode).</summary>
    /// <param name="p1">The minimising player's point.</param>
    /// <param name="p2">The maximising player's point.</param>
    /// <param name="dP2">The direction.</param>
    /// <param name="dResult">Receives the directional derivative.</param>
    /// <returns>f(p₁, p₂).</returns>
    [Jvp(nameof(Objective))]
    public static partial double ObjectiveJvpInP2(ReadOnlySpan<double> p1, ReadOnlySpan<double> p2, ReadOnlySpan<double> dP2, out double dResult);

    /// <summary>
    /// The maximiser of f(p₁, ·) by <see cref="GradientDescent"/>'s rule applied to −f, from <paramref name="start"/>.
    /// </summary>
    /// <param name="p1">The minimising player's point.</param>
    /// <param name="start">The starting point.</param>
    /// <param name="p2">Receives the maximiser.</param>
    [Differentiable]
    public static void ArgMax(ReadOnlySpan<double> p1, [NonDifferentiable] ReadOnlySpan<double> start, Span<double> p2)
    {
        double[] candidate = new double[2];
        double[] gradient = new double[2];
        p2[0] = start[0];
        p2[1] = start[1];
        double value = -Objective(p1, p2);
        ObjectiveGradientInP2(p1, p2, gradient);
        double gx = -gradient[0];
        double gy = -gradient[1];
        int accepted = 0;
        double eta = GradientDescent.InitialStep;
        while (Math.Sqrt(gx * gx + gy * gy) > GradientDescent.Tolerance)
        {
            if (accepted == GradientDescent.StepsBeforeGrowth)
            {
                eta *= 2;
                accepted = 0;
                continue;
            }

            candidate[0] = p2[0] - eta * gx;
            candidate[1] = p2[1] - eta * gy;
            double stepX = candidate[0] - p2[0];
            double stepY = candidate[1] - p2[1];
            if (Math.Sqrt(stepX * stepX + stepY * stepY) <= GradientDescent.Tolerance)
            {
                break;
            }

            double candidateValue = -Objective(p1, candidate);
            if (candidateValue < value)
            {
                p2[0] = candidate[0];
                p2[1] = candidate[1];
                value = candidateValue;
                ObjectiveGradientInP2(p1, p2, gradient);
                gx = -gradient[0];
                gy = -gradient[1];
                accepted++;
            }
            else
            {
                eta /= 2;
                accepted = 0;
            }
        }
    }

    /// <summary>max over p₂ of f(p₁, p₂), the maximum found by <see cref="ArgMax"/> from <paramref name="start"/>.</summary>
    /// <param name="p1">The minimising player's point.</param>
    /// <param name="start">The inner descent's starting point.</param>
    /// <returns>f(p₁, argmax).</returns>
    [Differentiable]
    public static double Max(ReadOnlySpan<double> p1, [NonDifferentiable] ReadOnlySpan<double> start)
    {
        double[] p2 = new double[2];
        ArgMax(p1, start, p2);
        return Objective(p1, p2);
    }

    /// <summary>The inner maximum and its gradient in p₁ by reverse mode, through the inner descent.</summary>
    /// <param name="p1">The minimising player's point.</param>
    /// <param name="start">The inner descent's starting point.</param>
    /// <param name="dP1">Receives the gradient.</param>
    /// <returns>The maximum.</returns>
    [Gradient(nameof(Max))]
    public static partial double MaxGradient(ReadOnlySpan<double> p1, ReadOnlySpan<double> start, Span<double> dP1);

    /// <summary>The inner maximum and its derivative along <paramref name="dP1"/> by forward mode, through the inner descent.</summary>
    /// <param name="p1">The minimising player's point.</param>
    /// <param name="start">The inner descent's starting point.</param>
    /// <param name="dP1">The direction.</param>
    /// <param name="dResult">Receives the directional derivative.</param>
    /// <returns>The maximum.</returns>
    [Jvp(nameof(Max))]
    public static partial double MaxJvp(ReadOnlySpan<double> p1, ReadOnlySpan<double> start, ReadOnlySpan<double> dP1, out double dResult);
}
