namespace DiffOpt.GradBench.Modules.Gmm;

/// <summary>
/// log Γ_p(a) = p(p − 1)/4 · log π + Σⱼ₌₁..ₚ log Γ(a + (1 − j)/2), the multivariate gamma function
/// (Wikipedia, "Multivariate gamma function"). The Wishart prior of the gmm eval needs it at a = n/2 with an
/// integer n &gt; p, where every argument is a positive integer or half-integer; there log Γ is a finite sum
/// (Γ(z + 1) = zΓ(z), Γ(1) = 1, Γ(½) = √π). A constant of the data: it is computed here, not differentiated.
/// </summary>
internal static class MultivariateGamma
{
    /// <summary>log Γ_p(a) for a with 2a a positive integer and a − (p − 1)/2 &gt; 0.</summary>
    public static double Log(double a, int p)
    {
        double result = 0.25 * p * (p - 1) * Math.Log(Math.PI);
        for (int j = 1; j <= p; j++)
        {
            result += LogGammaOfHalfInteger(a + (0.5 * (1 - j)));
        }

        return result;
    }

    /// <summary>log Γ(z) for z ∈ {½, 1, 3/2, 2, …}.</summary>
    public static double LogGammaOfHalfInteger(double z)
    {
        if (z <= 0 || Math.Abs((2 * z) - Math.Round(2 * z)) > 1e-12)
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "log Γ is only computed here at positive multiples of ½");
        }

        double result = 0;
        while (z > 1.25)
        {
            z -= 1;
            result += Math.Log(z);
        }

        return z < 0.75 ? result + (0.5 * Math.Log(Math.PI)) : result;
    }
}
