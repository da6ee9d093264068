namespace DiffOpt.GradBench.Modules.Llsq;

/// <summary>
/// GradBench's llsq eval (after cmpad's <c>llsq_obj</c>): y(x) = ½ Σᵢ (sᵢ − Σⱼ xⱼ tᵢʲ)² with
/// tᵢ = −1 + 2i/(n − 1) and sᵢ = sign(tᵢ), for i = 0 … n − 1.
/// </summary>
internal static partial class Llsq
{
    /// <summary>The least-squares objective y(x) for <paramref name="n"/> sample points.</summary>
    [Differentiable]
    public static double Objective(ReadOnlySpan<double> x, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double t = -1.0 + (i * 2.0 / (n - 1));
            // The fitted polynomial Σⱼ xⱼ tʲ.
            double fit = 0;
            double power = 1;
            for (int j = 0; j < x.Length; j++)
            {
                fit += x[j] * power;
                power *= t;
            }

            double residual = Math.Sign(t) - fit;
            sum += residual * residual;
        }

        return sum / 2;
    }

    /// <summary>Returns y(x) and writes ∇y(x) to <paramref name="dx"/>.</summary>
    [Gradient(nameof(Objective))]
    public static partial double ObjectiveGradient(ReadOnlySpan<double> x, int n, Span<double> dx);
}
