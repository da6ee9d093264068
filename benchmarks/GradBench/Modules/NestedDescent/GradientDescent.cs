namespace DiffOpt.GradBench.Modules.NestedDescent;

/// <summary>
/// The gradient-descent rule that GradBench's <c>particle</c> and <c>saddle</c> evals prescribe for every argmin
/// and argmax (their reference solver, after Pearlmutter and Siskind 2008): start with step η = 10⁻⁵; stop when
/// ‖∇f‖ ≤ 10⁻⁵ or when a step would move less than 10⁻⁵; take a step only if it lowers f (and then count it), halve η
/// and reset the count otherwise; double η after 10 accepted steps in a row. The argmin of one eval's outer problem is
/// plain C# here; the inner problems that must be differentiated through are written in differentiable C#
/// with the same rule and these constants.
/// </summary>
internal static class GradientDescent
{
    /// <summary>The first step size.</summary>
    public const double InitialStep = 1e-5;

    /// <summary>The gradient norm and the step length below which the descent stops.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>How many accepted steps in a row double the step size.</summary>
    public const int StepsBeforeGrowth = 10;

    /// <summary>A function of the point being optimised.</summary>
    /// <param name="x">The point.</param>
    /// <returns>The value.</returns>
    public delegate double Function(ReadOnlySpan<double> x);

    /// <summary>Writes the gradient of a function at a point.</summary>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Receives the gradient.</param>
    public delegate void GradientFunction(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>Minimises <paramref name="f"/> from <paramref name="x"/>, which receives the minimiser.</summary>
    /// <param name="f">The function.</param>
    /// <param name="gradient">Its gradient.</param>
    /// <param name="x">The starting point; receives the result.</param>
    public static void ArgMin(Function f, GradientFunction gradient, Span<double> x) => Descend(f, gradient, x, 1);

    /// <summary>Maximises <paramref name="f"/> from <paramref name="x"/> (minimises −f), which receives the maximiser.</summary>
    /// <param name="f">The function.</param>
    /// <param name="gradient">Its gradient.</param>
    /// <param name="x">The starting point; receives the result.</param>
    public static void ArgMax(Function f, GradientFunction gradient, Span<double> x) => Descend(f, gradient, x, -1);

    private static void Descend(Function f, GradientFunction gradient, Span<double> x, double sign)
    {
        int n = x.Length;
        Span<double> g = stackalloc double[n];
        Span<double> candidate = stackalloc double[n];
        double value = sign * f(x);
        gradient(x, g);
        int accepted = 0;
        double eta = InitialStep;
        while (Norm(g) > Tolerance)
        {
            if (accepted == StepsBeforeGrowth)
            {
                eta *= 2;
                accepted = 0;
                continue;
            }

            double stepSquared = 0;
            for (int i = 0; i < n; i++)
            {
                candidate[i] = x[i] - (eta * sign * g[i]);
                double step = candidate[i] - x[i];
                stepSquared += step * step;
            }

            if (Math.Sqrt(stepSquared) <= Tolerance)
            {
                return;
            }

            double candidateValue = sign * f(candidate);
            if (candidateValue < value)
            {
                candidate.CopyTo(x);
                value = candidateValue;
                gradient(x, g);
                accepted++;
            }
            else
            {
                eta /= 2;
                accepted = 0;
            }
        }
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += v[i] * v[i];
        }

        return Math.Sqrt(sum);
    }
}
