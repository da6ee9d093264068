namespace DiffOpt.Benchmarks.Ad;

/// <summary>
/// The Gaussian mixture objective of ADBench (Srajer, Habib &amp; Fitzgibbon, "A benchmark of selected algorithmic
/// differentiation tools on some problems in computer vision and machine learning", 2018, §4.1; also GradBench's
/// "gmm" eval): k components in d dimensions, n points x (n × d).
/// Parameters: alphas (k, unnormalised log weights), means (k × d), icf (k × d(d+1)/2: per component the d logs of the
/// diagonal of the lower-triangular inverse-covariance factor Q_c, then its strictly lower entries column by column).
/// f = −(nd/2) log 2π + Σᵢ logsumexp_c(α_c + Σ_r q_{c,r} − ½‖Q_c(xᵢ − μ_c)‖²) − n logsumexp(α)
///     + Σ_c [½γ²(‖exp q_c‖² + ‖L_c‖²) − m Σ_r q_{c,r}] − k (d + m + 1) d log(γ/√2),
/// with ADBench's signs and without the multivariate-gamma constant of the Wishart prior, which depends on no
/// parameter. Written as plain loops with a numerically stable log-sum-exp.
/// </summary>
public static partial class GaussianMixture
{
    /// <summary>The primal.</summary>
    [Differentiable]
    public static double Objective(
        ReadOnlySpan<double> alphas, ReadOnlySpan<double> means, ReadOnlySpan<double> icf, double[,] x,
        double wishartGamma, int wishartM)
    {
        int k = alphas.Length;
        int n = x.GetLength(0);
        int d = x.GetLength(1);
        int icfSize = d * (d + 1) / 2;
        double[] qdiag = new double[k * d];
        double[] sumQs = new double[k];
        double[] main = new double[k];
        for (int c = 0; c < k; c++)
        {
            double s = 0;
            for (int r = 0; r < d; r++)
            {
                qdiag[c * d + r] = Math.Exp(icf[c * icfSize + r]);
                s += icf[c * icfSize + r];
            }
            sumQs[c] = s;
        }
        double slse = 0;
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double sq = 0;
                for (int r = 0; r < d; r++)
                {
                    // Row r of Q_c (x_i − μ_c): diagonal term plus the strictly lower entries (r, cc), cc < r.
                    double y = qdiag[c * d + r] * (x[i, r] - means[c * d + r]);
                    for (int cc = 0; cc < r; cc++)
                    {
                        y += icf[c * icfSize + d + cc * (2 * d - cc - 1) / 2 + r - cc - 1] * (x[i, cc] - means[c * d + cc]);
                    }
                    sq += y * y;
                }
                main[c] = alphas[c] + sumQs[c] - 0.5 * sq;
            }
            double mx = main[0];
            for (int c = 1; c < k; c++)
            {
                if (main[c] > mx)
                {
                    mx = main[c];
                }
            }
            double se = 0;
            for (int c = 0; c < k; c++)
            {
                se += Math.Exp(main[c] - mx);
            }
            slse += mx + Math.Log(se);
        }
        double amx = alphas[0];
        for (int c = 1; c < k; c++)
        {
            if (alphas[c] > amx)
            {
                amx = alphas[c];
            }
        }
        double ase = 0;
        for (int c = 0; c < k; c++)
        {
            ase += Math.Exp(alphas[c] - amx);
        }
        double lseAlphas = amx + Math.Log(ase);
        double prior = 0;
        for (int c = 0; c < k; c++)
        {
            double frobenius = 0;
            for (int r = 0; r < d; r++)
            {
                frobenius += qdiag[c * d + r] * qdiag[c * d + r];
            }
            for (int j = d; j < icfSize; j++)
            {
                frobenius += icf[c * icfSize + j] * icf[c * icfSize + j];
            }
            prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[c];
        }
        double constant = -0.5 * n * d * Math.Log(2 * Math.PI) - k * (d + wishartM + 1) * d * Math.Log(wishartGamma / Math.Sqrt(2));
        return constant + slse - n * lseAlphas + prior;
    }

    /// <summary>Generated gradient with respect to alphas, means and icf (not the data).</summary>
    [Gradient(nameof(Objective))]
    public static partial double Gradient(
        ReadOnlySpan<double> alphas, ReadOnlySpan<double> means, ReadOnlySpan<double> icf, double[,] x,
        double wishartGamma, int wishartM, Span<double> dAlphas, Span<double> dMeans, Span<double> dIcf);

    /// <summary>Doubles a caller supplies to <see cref="HandGradient"/> so that it does not allocate.</summary>
    public static int WorkspaceLength(int k, int d) => 3 * k * d + 3 * k;

    /// <summary>
    /// Hand-written gradient, same scalar loops. For point i and component c, with z = xᵢ − μ_c, y = Q_c z (kept per component for the second pass) and
    /// m_c = α_c + Σq_c − ½‖y‖², the weight w_c = softmax(m)_c multiplies ∂m_c: ∂α_c = 1, ∂q_{c,r} = 1 − y_r e^{q_r} z_r,
    /// ∂L_{c,(r,j)} = −y_r z_j, ∂μ_c = Qᵀy. Then −n softmax(α) for the normaliser and the prior's γ² e^{2q} − m, γ² L.
    /// </summary>
    public static double HandGradient(
        ReadOnlySpan<double> alphas, ReadOnlySpan<double> means, ReadOnlySpan<double> icf, double[,] x,
        double wishartGamma, int wishartM, Span<double> dAlphas, Span<double> dMeans, Span<double> dIcf,
        Span<double> workspace)
    {
        int k = alphas.Length, n = x.GetLength(0), d = x.GetLength(1);
        int icfSize = d * (d + 1) / 2;
        Span<double> qdiag = workspace.Slice(0, k * d);
        Span<double> sumQs = workspace.Slice(k * d, k);
        Span<double> main = workspace.Slice(k * d + k, k);
        Span<double> weight = workspace.Slice(k * d + 2 * k, k);
        Span<double> zs = workspace.Slice(k * d + 3 * k, k * d);
        Span<double> ys = workspace.Slice(2 * k * d + 3 * k, k * d);
        dAlphas.Clear();
        dMeans.Clear();
        dIcf.Clear();
        for (int c = 0; c < k; c++)
        {
            double s = 0;
            for (int r = 0; r < d; r++)
            {
                qdiag[c * d + r] = Math.Exp(icf[c * icfSize + r]);
                s += icf[c * icfSize + r];
            }
            sumQs[c] = s;
        }
        double slse = 0;
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
            {
                main[c] = alphas[c] + sumQs[c] - 0.5 * SquaredNorm(c, i, means, icf, qdiag, x, zs.Slice(c * d, d), ys.Slice(c * d, d));
            }
            double mx = main[0];
            for (int c = 1; c < k; c++)
            {
                mx = Math.Max(mx, main[c]);
            }
            double se = 0;
            for (int c = 0; c < k; c++)
            {
                weight[c] = Math.Exp(main[c] - mx);
                se += weight[c];
            }
            slse += mx + Math.Log(se);
            for (int c = 0; c < k; c++)
            {
                double wc = weight[c] / se;
                ReadOnlySpan<double> z = zs.Slice(c * d, d), y = ys.Slice(c * d, d);
                dAlphas[c] += wc;
                int baseIcf = c * icfSize;
                for (int r = 0; r < d; r++)
                {
                    dIcf[baseIcf + r] += wc * (1 - y[r] * qdiag[c * d + r] * z[r]);
                    // (Qᵀy)_r = e^{q_r} y_r + Σ_{j>r} L_{j,r} y_j; column r of L is contiguous in icf.
                    double qty = qdiag[c * d + r] * y[r];
                    int column = baseIcf + d + r * (2 * d - r - 1) / 2;
                    for (int j = r + 1; j < d; j++)
                    {
                        int index = column + j - r - 1;
                        qty += icf[index] * y[j];
                        dIcf[index] -= wc * y[j] * z[r];
                    }
                    dMeans[c * d + r] += wc * qty;
                }
            }
        }
        double amx = alphas[0];
        for (int c = 1; c < k; c++)
        {
            amx = Math.Max(amx, alphas[c]);
        }
        double ase = 0;
        for (int c = 0; c < k; c++)
        {
            ase += Math.Exp(alphas[c] - amx);
        }
        double lseAlphas = amx + Math.Log(ase);
        double gamma2 = wishartGamma * wishartGamma;
        double prior = 0;
        for (int c = 0; c < k; c++)
        {
            dAlphas[c] -= n * Math.Exp(alphas[c] - lseAlphas);
            double frobenius = 0;
            for (int r = 0; r < d; r++)
            {
                double q = qdiag[c * d + r];
                frobenius += q * q;
                dIcf[c * icfSize + r] += gamma2 * q * q - wishartM;
            }
            for (int j = d; j < icfSize; j++)
            {
                double l = icf[c * icfSize + j];
                frobenius += l * l;
                dIcf[c * icfSize + j] += gamma2 * l;
            }
            prior += 0.5 * gamma2 * frobenius - wishartM * sumQs[c];
        }
        double constant = -0.5 * n * d * Math.Log(2 * Math.PI) - k * (d + wishartM + 1) * d * Math.Log(wishartGamma / Math.Sqrt(2));
        return constant + slse - n * lseAlphas + prior;
    }

    /// <summary>‖Q_c(xᵢ − μ_c)‖², leaving z = xᵢ − μ_c and y = Q_c z in the scratch spans.</summary>
    private static double SquaredNorm(
        int c, int i, ReadOnlySpan<double> means, ReadOnlySpan<double> icf, ReadOnlySpan<double> qdiag, double[,] x,
        Span<double> z, Span<double> y)
    {
        int d = z.Length;
        int icfSize = d * (d + 1) / 2;
        for (int r = 0; r < d; r++)
        {
            z[r] = x[i, r] - means[c * d + r];
            y[r] = qdiag[c * d + r] * z[r];
        }
        // Column j of L_c scatters into the rows below it.
        int index = c * icfSize + d;
        for (int j = 0; j < d; j++)
        {
            for (int r = j + 1; r < d; r++)
            {
                y[r] += icf[index++] * z[j];
            }
        }
        double sq = 0;
        for (int r = 0; r < d; r++)
        {
            sq += y[r] * y[r];
        }
        return sq;
    }
}
