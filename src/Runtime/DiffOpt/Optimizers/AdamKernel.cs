using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DiffOpt.Solvers;

/// <summary>
/// The AdamW update on full-precision state, shared by <see cref="Adam"/> (λ = 0), <see cref="AdamW"/> and the
/// full-precision path of <see cref="Adam8Bit"/>. SIMD lanes perform the same IEEE operations in the same order as
/// the scalar tail (no fused multiply-add), so results do not depend on the vector width.
/// </summary>
internal static class AdamKernel
{
    /// <summary>
    /// m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; θ ← θ − η ((m / c1) / (√(v / c2) + ε) + λ θ),
    /// with c1 = 1 − β1^t and c2 = 1 − β2^t.
    /// </summary>
    public static void Update(Span<double> theta, ReadOnlySpan<double> gradient, Span<double> m, Span<double> v,
                              double rate, double beta1, double beta2, double epsilon, double decay, double c1, double c2)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && theta.Length >= Vector<double>.Count)
        {
            var b1 = new Vector<double>(beta1);
            var b2 = new Vector<double>(beta2);
            var keep1 = new Vector<double>(1 - beta1);
            var keep2 = new Vector<double>(1 - beta2);
            var eps = new Vector<double>(epsilon);
            var lambda = new Vector<double>(decay);
            var lr = new Vector<double>(rate);
            var bias1 = new Vector<double>(c1);
            var bias2 = new Vector<double>(c2);
            Span<Vector<double>> thetaV = MemoryMarshal.Cast<double, Vector<double>>(theta);
            ReadOnlySpan<Vector<double>> gV = MemoryMarshal.Cast<double, Vector<double>>(gradient);
            Span<Vector<double>> mV = MemoryMarshal.Cast<double, Vector<double>>(m);
            Span<Vector<double>> vV = MemoryMarshal.Cast<double, Vector<double>>(v);
            for (int k = 0; k < thetaV.Length; k++)
            {
                Vector<double> g = gV[k];
                Vector<double> mk = b1 * mV[k] + keep1 * g;
                Vector<double> vk = b2 * vV[k] + keep2 * g * g;
                mV[k] = mk;
                vV[k] = vk;
                Vector<double> t = thetaV[k];
                thetaV[k] = t - lr * ((mk / bias1) / (Vector.SquareRoot(vk / bias2) + eps) + lambda * t);
            }

            i = thetaV.Length * Vector<double>.Count;
        }

        for (; i < theta.Length; i++)
        {
            double g = gradient[i];
            double mi = beta1 * m[i] + (1 - beta1) * g;
            double vi = beta2 * v[i] + (1 - beta2) * g * g;
            m[i] = mi;
            v[i] = vi;
            double t = theta[i];
            theta[i] = t - rate * ((mi / c1) / (Math.Sqrt(vi / c2) + epsilon) + decay * t);
        }
    }
}
