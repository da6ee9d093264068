namespace DiffOpt.GradBench.Tests.References;

/// <summary>
/// The gmm eval's log posterior computed from its definition (README, "Definition"): the mixture density with
/// Σₖ⁻¹ = QₖᵀQₖ built as a matrix, and the Wishart density of each precision matrix with the determinant and
/// trace computed directly — not from the simplified form the tool implements.
/// </summary>
internal sealed record GmmReference(int D, int K, int N, double[][] X, int M, double Gamma, double[] Alpha, double[][] Mu, double[][] Q, double[][] L)
{
    /// <summary>log p(X | θ, φ) + log p(θ).</summary>
    public double LogPosterior()
    {
        double[] phi = Alpha.Select(Math.Exp).ToArray();
        double total = phi.Sum();
        double[][,] precision = new double[K][,];
        for (int k = 0; k < K; k++)
        {
            double[,] q = LowerFactor(k);
            precision[k] = new double[D, D];
            for (int r = 0; r < D; r++)
            {
                for (int c = 0; c < D; c++)
                {
                    double s = 0;
                    for (int e = 0; e < D; e++)
                    {
                        s += q[e, r] * q[e, c];
                    }

                    precision[k][r, c] = s;
                }
            }
        }

        double logLikelihood = 0;
        for (int i = 0; i < N; i++)
        {
            double density = 0;
            for (int k = 0; k < K; k++)
            {
                double quadratic = 0;
                for (int r = 0; r < D; r++)
                {
                    for (int c = 0; c < D; c++)
                    {
                        quadratic += (X[i][r] - Mu[k][r]) * precision[k][r, c] * (X[i][c] - Mu[k][c]);
                    }
                }

                double det = ReferenceModels.Determinant(Flatten(precision[k]), D);
                density += phi[k] / total * Math.Exp(-0.5 * quadratic) / Math.Sqrt(Math.Pow(2 * Math.PI, D) / det);
            }

            logLikelihood += Math.Log(density);
        }

        // Wishart W_D(V = I/γ², n = D + m + 1) at each precision matrix.
        int dof = D + M + 1;
        double logPrior = 0;
        for (int k = 0; k < K; k++)
        {
            double det = ReferenceModels.Determinant(Flatten(precision[k]), D);
            double trace = 0;
            for (int r = 0; r < D; r++)
            {
                trace += Gamma * Gamma * precision[k][r, r];
            }

            double logDetV = -2 * D * Math.Log(Gamma);
            logPrior += (0.5 * (dof - D - 1) * Math.Log(det)) - (0.5 * trace)
                - (0.5 * dof * D * Math.Log(2)) - (0.5 * dof * logDetV) - LogMultivariateGamma(0.5 * dof, D);
        }

        return logLikelihood + logPrior;
    }

    /// <summary>Qₖ: exp qₖ on the diagonal, lₖ below it filled column by column.</summary>
    private double[,] LowerFactor(int k)
    {
        double[,] q = new double[D, D];
        int index = 0;
        for (int c = 0; c < D; c++)
        {
            q[c, c] = Math.Exp(Q[k][c]);
            for (int r = c + 1; r < D; r++)
            {
                q[r, c] = L[k][index++];
            }
        }

        return q;
    }

    private static double[] Flatten(double[,] m) => m.Cast<double>().ToArray();

    /// <summary>log Γ_p(a) with log Γ from a Lanczos approximation (g = 7, n = 9; Numerical Recipes' coefficients).</summary>
    private static double LogMultivariateGamma(double a, int p)
    {
        double result = 0.25 * p * (p - 1) * Math.Log(Math.PI);
        for (int j = 1; j <= p; j++)
        {
            result += LogGamma(a + (0.5 * (1 - j)));
        }

        return result;
    }

    private static double LogGamma(double z)
    {
        double[] g =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (z < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * z))) - LogGamma(1 - z);
        }

        z -= 1;
        double sum = g[0];
        for (int i = 1; i < g.Length; i++)
        {
            sum += g[i] / (z + i);
        }

        double t = z + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((z + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
