namespace DiffOpt.Benchmarks.Ad;

/// <summary>
/// L2-regularised logistic regression, f(w) = Σᵢ log(1 + exp(−yᵢ aᵢᵀw)) + ½‖w‖², over a row-major design matrix a
/// (n × d) and labels y ∈ {−1, +1}: the objective of the solver benchmarks' synthetic problem, written as plain loops.
/// </summary>
public static partial class LogisticRegression
{
    /// <summary>The primal.</summary>
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> w, ReadOnlySpan<double> a, ReadOnlySpan<double> y)
    {
        int d = w.Length;
        double loss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double z = 0;
            for (int j = 0; j < d; j++)
            {
                z += a[i * d + j] * w[j];
            }
            double m = y[i] * z;
            if (m > 0)
            {
                loss += Math.Log(1 + Math.Exp(-m));
            }
            else
            {
                loss += -m + Math.Log(1 + Math.Exp(m));
            }
        }
        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            penalty += w[j] * w[j];
        }
        return loss + 0.5 * penalty;
    }

    /// <summary>Generated gradient with respect to the weights only (the data get no adjoint).</summary>
    [Gradient(nameof(Loss))]
    public static partial double Gradient(ReadOnlySpan<double> w, ReadOnlySpan<double> a, ReadOnlySpan<double> y, Span<double> dw);

    /// <summary>
    /// Hand-written gradient in the same scalar loops: ∂f/∂w = Σᵢ −yᵢ σ(−mᵢ) aᵢ + w, with mᵢ = yᵢ aᵢᵀw. One pass over
    /// the rows; each row is read twice (margin, then the update), as a straightforward implementation would.
    /// </summary>
    public static double HandGradient(ReadOnlySpan<double> w, ReadOnlySpan<double> a, ReadOnlySpan<double> y, Span<double> dw)
    {
        int d = w.Length;
        for (int j = 0; j < d; j++)
        {
            dw[j] = w[j];
        }
        double loss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            ReadOnlySpan<double> row = a.Slice(i * d, d);
            double z = 0;
            for (int j = 0; j < d; j++)
            {
                z += row[j] * w[j];
            }
            double m = y[i] * z;
            double e = Math.Exp(-Math.Abs(m));
            loss += (m > 0 ? 0 : -m) + Math.Log(1 + e);
            double sigmaOfMinusM = m > 0 ? e / (1 + e) : 1 / (1 + e);
            double coefficient = -y[i] * sigmaOfMinusM;
            for (int j = 0; j < d; j++)
            {
                dw[j] += coefficient * row[j];
            }
        }
        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            penalty += w[j] * w[j];
        }
        return loss + 0.5 * penalty;
    }
}
