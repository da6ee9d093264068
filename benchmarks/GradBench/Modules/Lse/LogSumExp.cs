namespace DiffOpt.GradBench.Modules.Lse;

/// <summary>GradBench's lse eval: LSE(x) = a + log Σᵢ exp(xᵢ − a) with a = max x (the log-sum-exp trick).</summary>
internal static partial class LogSumExp
{
    /// <summary>
    /// LSE(x), from its primitive parts: a maximum and a sum of exponentials. The shift <c>a</c> cancels out of the
    /// value, so no derivative flows through it (<see cref="Ad.StopGradient"/>), exactly as in JAX's
    /// <c>logsumexp</c>; the maximum is there only for numerical stability.
    /// </summary>
    [Differentiable]
    public static double Value(ReadOnlySpan<double> x)
    {
        double a = Ad.StopGradient(Maximum(x));
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Exp(x[i] - a);
        }

        return Math.Log(sum) + a;
    }

    /// <summary>max x.</summary>
    [Differentiable]
    public static double Maximum([NonDifferentiable] ReadOnlySpan<double> x)
    {
        double max = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            max = Math.Max(max, x[i]);
        }

        return max;
    }

    /// <summary>Returns LSE(x) and writes ∇LSE(x) (the softmax of x) to <paramref name="dx"/>.</summary>
    [Gradient(nameof(Value))]
    public static partial double ValueGradient(ReadOnlySpan<double> x, Span<double> dx);
}
