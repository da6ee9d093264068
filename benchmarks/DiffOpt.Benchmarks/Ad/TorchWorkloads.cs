using TorchSharp;
using static TorchSharp.torch;

namespace DiffOpt.Benchmarks.Ad;

/// <summary>
/// The same objectives in TorchSharp (libtorch 2.10 CPU, double precision), written the way a TorchSharp user would:
/// vectorised tensor expressions where the math allows it (Rosenbrock, logistic regression, GMM), a Python-style
/// scalar loop where it does not (RK4). Each gradient call builds the graph, runs autograd, copies the gradient into a
/// managed array and disposes its tensors; inputs are created once.
/// </summary>
internal static class TorchWorkloads
{
    /// <summary>Single-threaded, like the generated code, so the comparison is per core.</summary>
    public static void Initialise()
    {
        torch.set_num_threads(1);
        torch.set_grad_enabled(true);
    }

    /// <summary>A leaf tensor that requires a gradient.</summary>
    public static Tensor Leaf(double[] values, params long[] shape)
        => torch.tensor(values, dimensions: shape.Length == 0 ? new long[] { values.Length } : shape, dtype: ScalarType.Float64, requires_grad: true);

    /// <summary>A constant tensor.</summary>
    public static Tensor Constant(double[] values, params long[] shape)
        => torch.tensor(values, dimensions: shape.Length == 0 ? new long[] { values.Length } : shape, dtype: ScalarType.Float64);

    /// <summary>Copies a tensor's elements into a managed span.</summary>
    public static void CopyTo(Tensor t, Span<double> destination)
    {
        using Tensor contiguous = t.contiguous();
        contiguous.data<double>().CopyTo(destination);
    }

    public static Tensor Rosenbrock(Tensor x)
    {
        Tensor head = x[TensorIndex.Slice(null, -1)];
        Tensor tail = x[TensorIndex.Slice(1, null)];
        Tensor a = tail - head * head;
        Tensor b = 1.0 - head;
        return (100.0 * a * a + b * b).sum();
    }

    public static double RosenbrockGradient(Tensor x, Span<double> dx)
    {
        using var scope = torch.NewDisposeScope();
        Tensor f = Rosenbrock(x);
        Tensor g = torch.autograd.grad(new[] { f }, new[] { x })[0];
        CopyTo(g, dx);
        return f.item<double>();
    }

    /// <summary>Hessian-vector product by double backward: ∇(∇f · v).</summary>
    public static void RosenbrockHvp(Tensor x, Tensor v, Span<double> hv)
    {
        using var scope = torch.NewDisposeScope();
        Tensor f = Rosenbrock(x);
        Tensor g = torch.autograd.grad(new[] { f }, new[] { x }, retain_graph: true, create_graph: true)[0];
        Tensor h = torch.autograd.grad(new[] { (g * v).sum() }, new[] { x })[0];
        CopyTo(h, hv);
    }

    public static double LogisticGradient(Tensor w, Tensor a, Tensor y, Span<double> dw)
    {
        using var scope = torch.NewDisposeScope();
        Tensor margins = y * torch.mv(a, w);
        Tensor f = torch.nn.functional.softplus(-margins).sum() + 0.5 * (w * w).sum();
        Tensor g = torch.autograd.grad(new[] { f }, new[] { w })[0];
        CopyTo(g, dw);
        return f.item<double>();
    }

    public static double OscillatorGradient(Tensor p, double h, int steps, Span<double> dp)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = p[0], v = p[1];
        Tensor a = p[2] * p[2];
        Tensor b = 2.0 * p[3] * p[2];
        Tensor loss = torch.zeros(1, dtype: ScalarType.Float64);
        for (int t = 0; t < steps; t++)
        {
            Tensor k1x = v, k1v = -b * v - a * x;
            Tensor x2 = x + 0.5 * h * k1x, v2 = v + 0.5 * h * k1v;
            Tensor k2x = v2, k2v = -b * v2 - a * x2;
            Tensor x3 = x + 0.5 * h * k2x, v3 = v + 0.5 * h * k2v;
            Tensor k3x = v3, k3v = -b * v3 - a * x3;
            Tensor x4 = x + h * k3x, v4 = v + h * k3v;
            Tensor k4x = v4, k4v = -b * v4 - a * x4;
            x = x + h / 6 * (k1x + 2.0 * k2x + 2.0 * k3x + k4x);
            v = v + h / 6 * (k1v + 2.0 * k2v + 2.0 * k3v + k4v);
            loss = loss + h * x * x;
        }
        Tensor g = torch.autograd.grad(new[] { loss.sum() }, new[] { p })[0];
        CopyTo(g, dp);
        return loss.item<double>();
    }

    /// <summary>
    /// Index map from the k × (d + d(d−1)/2 + 1) tensor [exp q | L entries | 0] to the dense row-major d × d factor Q.
    /// </summary>
    public static Tensor GmmFactorIndex(int d)
    {
        int icfSize = d * (d + 1) / 2;
        long[] map = new long[d * d];
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                map[r * d + c] = r == c ? r : r > c ? d + c * (2 * d - c - 1) / 2 + r - c - 1 : icfSize;
            }
        }
        return torch.tensor(map, dtype: ScalarType.Int64);
    }

    public static double GmmGradient(
        Tensor alphas, Tensor means, Tensor icf, Tensor x, Tensor factorIndex, double wishartGamma, int wishartM,
        Span<double> dAlphas, Span<double> dMeans, Span<double> dIcf)
    {
        using var scope = torch.NewDisposeScope();
        long k = alphas.shape[0], n = x.shape[0], d = x.shape[1];
        Tensor qs = icf[TensorIndex.Colon, TensorIndex.Slice(null, d)];
        Tensor lower = icf[TensorIndex.Colon, TensorIndex.Slice(d, null)];
        Tensor qdiag = qs.exp();
        Tensor sumQs = qs.sum(1);
        Tensor source = torch.cat(new[] { qdiag, lower, torch.zeros(k, 1, dtype: ScalarType.Float64) }, 1);
        Tensor factor = source.index_select(1, factorIndex).reshape(k, d, d);          // Q_c, lower triangular
        Tensor centred = x.unsqueeze(0) - means.unsqueeze(1);                           // k × n × d
        Tensor transformed = torch.matmul(centred, factor.transpose(1, 2));             // rows Q_c (x_i − μ_c)
        Tensor main = (alphas + sumQs).unsqueeze(1) - 0.5 * (transformed * transformed).sum(2); // k × n
        Tensor slse = torch.logsumexp(main, 0).sum();
        Tensor lseAlphas = torch.logsumexp(alphas, 0);
        Tensor prior = (0.5 * wishartGamma * wishartGamma * ((qdiag * qdiag).sum(1) + (lower * lower).sum(1))
            - wishartM * sumQs).sum();
        double constant = -0.5 * n * d * Math.Log(2 * Math.PI) - k * (d + wishartM + 1) * d * Math.Log(wishartGamma / Math.Sqrt(2));
        Tensor f = slse - n * lseAlphas + prior + constant;
        IList<Tensor> g = torch.autograd.grad(new[] { f }, new[] { alphas, means, icf });
        CopyTo(g[0], dAlphas);
        CopyTo(g[1], dMeans);
        CopyTo(g[2], dIcf);
        return f.item<double>();
    }
}
