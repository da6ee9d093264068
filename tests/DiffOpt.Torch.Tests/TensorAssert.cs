using static TorchSharp.torch;

namespace DiffOpt.TorchTests;

internal static class TensorAssert
{
    public static double[] Values(Tensor t) => DiffOpt.Torch.TensorData.ToDoubles(t);

    /// <summary>Elementwise |a − b| ≤ tol · max(1, |b|).</summary>
    public static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var scale = Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    public static void Close(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        Close(Values(expected), Values(actual), tolerance, what);
    }
}
