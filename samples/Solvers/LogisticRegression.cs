using System.Numerics.Tensors;

namespace Solvers;

/// <summary>
/// L2-regularised logistic regression f(w) = Σᵢ log(1 + exp(−yᵢ xᵢᵀw)) + ½‖w‖² on synthetic data, with its
/// gradient and Hessian–vector product written out by hand (a [Gradient]/[Hvp] pair would generate the same).
/// </summary>
internal sealed class LogisticRegression
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _work;

    public LogisticRegression(int samples, int features, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        Samples = samples;
        Features = features;
        _x = new double[samples * features];
        _y = new double[samples];
        _work = new double[samples];
        double[] wTrue = Enumerable.Range(0, features).Select(_ => Normal()).ToArray();
        for (int i = 0; i < samples; i++)
        {
            Span<double> row = _x.AsSpan(i * features, features);
            for (int j = 0; j < features; j++)
            {
                // Correlated features (each mixes in its neighbour) make the problem less trivial for first-order methods.
                row[j] = Normal() + (j > 0 ? 0.8 * row[j - 1] : 0);
            }

            double p = 1 / (1 + Math.Exp(-TensorPrimitives.Dot(row, wTrue)));
            _y[i] = random.NextDouble() < p ? 1 : -1;
        }
    }

    public int Samples { get; }

    public int Features { get; }

    private ReadOnlySpan<double> Row(int i) => _x.AsSpan(i * Features, Features);

    public double ValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        w.CopyTo(gradient); // gradient of ½‖w‖²
        double value = 0.5 * TensorPrimitives.Dot(w, w);
        for (int i = 0; i < Samples; i++)
        {
            double m = _y[i] * TensorPrimitives.Dot(Row(i), w);
            value += m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m));
            TensorPrimitives.MultiplyAdd(Row(i), -_y[i] / (1 + Math.Exp(m)), gradient, gradient);
        }

        return value;
    }

    public void HessianVectorProduct(ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result)
    {
        v.CopyTo(result);
        for (int i = 0; i < Samples; i++)
        {
            double s = 1 / (1 + Math.Exp(-TensorPrimitives.Dot(Row(i), w)));
            _work[i] = s * (1 - s) * TensorPrimitives.Dot(Row(i), v);
            TensorPrimitives.MultiplyAdd(Row(i), _work[i], result, result);
        }
    }
}
