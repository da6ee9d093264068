namespace DiffOpt.AdTests.IndexArrays;

/// <summary>Index arrays (int[], ReadOnlySpan&lt;int&gt;) as never-differentiated inputs: gathers, sparse structure, parents.</summary>
public static partial class IndexArrayModel
{
    /// <summary>Σ over pairs (a, b) of x[a]·sin(x[b]), the pairs given as two index arrays.</summary>
    [Differentiable]
    public static double Pairs(ReadOnlySpan<double> x, int[] first, ReadOnlySpan<int> second, double scale)
    {
        double s = 0.0;
        for (int k = 0; k < first.Length; k++)
        {
            int a = first[k];
            s += x[a] * Math.Sin(scale * x[second[k]]);
        }

        return s;
    }

    [Gradient(nameof(Pairs))]
    public static partial double PairsGradient(ReadOnlySpan<double> x, int[] first, ReadOnlySpan<int> second, double scale, Span<double> dX, out double dScale);

    [Jvp(nameof(Pairs))]
    public static partial double PairsJvp(ReadOnlySpan<double> x, int[] first, ReadOnlySpan<int> second, double scale, ReadOnlySpan<double> dX, double dScale, out double dResult);

    [Hvp(nameof(Pairs), "x")]
    public static partial void PairsHvp(ReadOnlySpan<double> x, int[] first, ReadOnlySpan<int> second, double scale, ReadOnlySpan<double> v, Span<double> hv);

    /// <summary>A tree accumulation: each node's value is its own plus its parent's (parents precede children), squared and summed.</summary>
    [Differentiable]
    public static double Tree(double[] x, int[] parent, int[] order)
    {
        double[] acc = new double[x.Length];
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            acc[i] = parent[i] < 0 ? x[i] : (x[i] * acc[parent[i]]) + x[i];
            s += acc[i] * acc[i];
        }

        return s + Pairs(x, order, order, 0.5);
    }

    [Gradient(nameof(Tree))]
    public static partial double TreeGradient(double[] x, int[] parent, int[] order, Span<double> dX);
}
