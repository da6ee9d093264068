using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.IndexArrays;

/// <summary>Index arrays are read like int values; derivatives flow only through the double inputs they select.</summary>
public sealed class IndexArrayTests
{
    private static readonly double[] X = { 0.4, -1.1, 0.7, 1.9, -0.3, 0.05 };
    private static readonly int[] First = { 0, 2, 2, 5, 3 };
    private static readonly int[] Second = { 1, 1, 4, 0, 3 };

    [Fact]
    public void Gradient_jvp_and_hvp_through_gathers_match_finite_differences()
    {
        const double Scale = 0.8;
        var dX = new double[X.Length];
        var value = IndexArrayModel.PairsGradient(X, First, Second, Scale, dX, out var dScale);
        DerivativeAssert.Close(IndexArrayModel.Pairs(X, First, Second, Scale), value, 0, "value");
        DerivativeAssert.AllClose(FiniteDifferences.Gradient(x => IndexArrayModel.Pairs(x, First, Second, Scale), X), dX, 1e-7, "dx");
        DerivativeAssert.Close(FiniteDifferences.Gradient(p => IndexArrayModel.Pairs(X, First, Second, p[0]), new[] { Scale })[0], dScale, 1e-7, "dscale");

        var u = DerivativeAssert.RandomVector(new Random(5), X.Length);
        IndexArrayModel.PairsJvp(X, First, Second, Scale, u, 0.3, out var tangent);
        DerivativeAssert.Close(FiniteDifferences.Dot(dX, u) + (0.3 * dScale), tangent, 1e-12, "JVP");

        var hv = new double[X.Length];
        IndexArrayModel.PairsHvp(X, First, Second, Scale, u, hv);
        var fd = FiniteDifferences.Directional(
            x =>
            {
                var g = new double[x.Length];
                IndexArrayModel.PairsGradient(x, First, Second, Scale, g, out _);
                return g;
            },
            X,
            u);
        DerivativeAssert.AllClose(fd, hv, 1e-6, "H u");
    }

    [Fact]
    public void Index_arrays_passed_to_callees_and_used_as_local_array_indices()
    {
        var parent = new[] { -1, 0, 0, 1, 3, 2 };
        var order = new[] { 5, 3, 1, 0 };
        var dX = new double[X.Length];
        var value = IndexArrayModel.TreeGradient(X, parent, order, dX);
        DerivativeAssert.Close(IndexArrayModel.Tree(X, parent, order), value, 0, "value");
        DerivativeAssert.AllClose(FiniteDifferences.Gradient(x => IndexArrayModel.Tree(x, parent, order), X), dX, 1e-6, "dx");
    }
}
