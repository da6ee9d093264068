using DiffOpt.GradBench.Modules.Lse;

namespace DiffOpt.GradBench.Modules.Gmm;

/// <summary>
/// GradBench's gmm eval: the log posterior of a K-component Gaussian mixture in D dimensions with a Wishart prior
/// on the precision matrices, in the simplified form of the eval's README ("Implementation"): with
/// Qₖ = lower-triangular(exp qₖ on the diagonal, lₖ below it, column by column) and
/// βᵢₖ = αₖ + Σⱼ qₖⱼ − ½‖Qₖ(xᵢ − μₖ)‖²,
/// log p = −N(D/2 · log 2π + logsumexp α) + Σᵢ logsumexp βᵢ
///         + K(nD log(γ/√2) − log Γ_D(n/2)) − Σₖ (γ²/2 ‖Qₖ‖²_F − m Σⱼ qₖⱼ),  n = D + m + 1.
/// </summary>
/// <remarks>
/// Arrays are row-major: <c>mu</c>, <c>q</c> are K × D, <c>x</c> is N × D, and <c>l</c> is K × D(D−1)/2 with each
/// Qₖ's strict lower triangle stored column by column, as the eval sends it.
/// </remarks>
internal static partial class GaussianMixture
{
    /// <summary>The log posterior; <paramref name="logGammaD"/> is log Γ_D(n/2) (a constant of the data).</summary>
    [Differentiable]
    public static double LogPosterior(
        ReadOnlySpan<double> alpha,
        ReadOnlySpan<double> mu,
        ReadOnlySpan<double> q,
        ReadOnlySpan<double> l,
        [NonDifferentiable] ReadOnlySpan<double> x,
        int d,
        [NonDifferentiable] double gamma,
        int m,
        [NonDifferentiable] double logGammaD)
    {
        int k = alpha.Length;
        int n = x.Length / d;
        int triangle = d * (d - 1) / 2;
        double[] qDiagonal = new double[k * d];
        double[] sumQ = new double[k];
        double[] beta = new double[k];
        double[] qx = new double[d];
        for (int i = 0; i < k * d; i++)
        {
            qDiagonal[i] = Math.Exp(q[i]);
        }

        for (int ik = 0; ik < k; ik++)
        {
            double s = 0;
            for (int j = 0; j < d; j++)
            {
                s += q[(ik * d) + j];
            }

            sumQ[ik] = s;
        }

        double likelihood = 0;
        for (int ix = 0; ix < n; ix++)
        {
            for (int ik = 0; ik < k; ik++)
            {
                // Qₖ(xᵢ − μₖ): the diagonal part, then each column c of the strict lower part adds
                // l(j, c)·(xᵢ − μₖ)_c to the rows j > c (l is stored column by column, as the eval sends it).
                for (int j = 0; j < d; j++)
                {
                    qx[j] = qDiagonal[(ik * d) + j] * (x[(ix * d) + j] - mu[(ik * d) + j]);
                }

                for (int c = 0; c < d; c++)
                {
                    double centered = x[(ix * d) + c] - mu[(ik * d) + c];
                    int column = (ik * triangle) + (c * ((2 * d) - c - 1) / 2) - c - 1;
                    for (int j = c + 1; j < d; j++)
                    {
                        qx[j] += l[column + j] * centered;
                    }
                }

                double squaredNorm = 0;
                for (int j = 0; j < d; j++)
                {
                    double component = qx[j];
                    squaredNorm += component * component;
                }

                beta[ik] = alpha[ik] + sumQ[ik] - (0.5 * squaredNorm);
            }

            likelihood += LogSumExp.Value(beta);
        }

        double prior = 0;
        for (int ik = 0; ik < k; ik++)
        {
            double frobenius = 0;
            for (int j = 0; j < d; j++)
            {
                frobenius += qDiagonal[(ik * d) + j] * qDiagonal[(ik * d) + j];
            }

            for (int j = 0; j < triangle; j++)
            {
                frobenius += l[(ik * triangle) + j] * l[(ik * triangle) + j];
            }

            prior += (0.5 * gamma * gamma * frobenius) - (m * sumQ[ik]);
        }

        int dof = d + m + 1;
        double priorConstant = (dof * d * (Math.Log(gamma) - (0.5 * Math.Log(2)))) - logGammaD;
        return (-n * ((0.5 * d * Math.Log(2 * Math.PI)) + LogSumExp.Value(alpha))) + likelihood + (k * priorConstant) - prior;
    }

    /// <summary>Returns the log posterior and writes its gradient in α, μ, q and l.</summary>
    [Gradient(nameof(LogPosterior))]
    public static partial double LogPosteriorGradient(
        ReadOnlySpan<double> alpha,
        ReadOnlySpan<double> mu,
        ReadOnlySpan<double> q,
        ReadOnlySpan<double> l,
        ReadOnlySpan<double> x,
        int d,
        double gamma,
        int m,
        double logGammaD,
        Span<double> dAlpha,
        Span<double> dMu,
        Span<double> dQ,
        Span<double> dL);
}
