using DiffOpt.Solvers;
using DiffOpt.Tests.Solvers.Problems;

namespace DiffOpt.Tests.Solvers;

/// <summary>
/// Projections are checked against their definition: z = P(x) is feasible and, for every feasible w,
/// (x − z)ᵀ(w − z) ≤ 0 (the variational inequality that characterises the Euclidean projection onto a convex set),
/// plus the closed-form structure where one exists.
/// </summary>
public class ProjectionsTests
{
    private static double[] RandomVector(Random random, int n, double scale) =>
        Enumerable.Range(0, n).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();

    private static double[] RandomSimplexPoint(Random random, int n, double radius)
    {
        double[] e = Enumerable.Range(0, n).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
        double s = e.Sum();
        return e.Select(v => radius * v / s).ToArray();
    }

    private static void AssertVariationalInequality(double[] x, double[] z, IEnumerable<double[]> feasible)
    {
        foreach (double[] w in feasible)
        {
            double inner = 0;
            for (int i = 0; i < x.Length; i++)
            {
                inner += (x[i] - z[i]) * (w[i] - z[i]);
            }

            Assert.True(inner <= 1e-10, $"(x − z)ᵀ(w − z) = {inner} > 0");
        }
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(5, 1.0)]
    [InlineData(50, 3.0)]
    [InlineData(200, 0.5)]
    public void Simplex_IsFeasible_HasThresholdStructure_AndSatisfiesTheVariationalInequality(int n, double radius)
    {
        var random = new Random(n);
        for (int trial = 0; trial < 20; trial++)
        {
            double[] x = RandomVector(random, n, 3);
            double[] z = (double[])x.Clone();
            Projections.Simplex(radius)(z);

            Assert.All(z, v => Assert.True(v >= 0));
            Assert.Equal(radius, z.Sum(), 1e-12 * Math.Max(1, n));
            // KKT of min ½‖z − x‖² s.t. z ≥ 0, Σz = r: zᵢ = xᵢ − τ on the support, xᵢ ≤ τ off it.
            int k = Array.FindIndex(z, v => v > 0);
            double tau = x[k] - z[k];
            for (int i = 0; i < n; i++)
            {
                if (z[i] > 0)
                {
                    Assert.Equal(x[i] - tau, z[i], 1e-12);
                }
                else
                {
                    Assert.True(x[i] <= tau + 1e-12);
                }
            }

            AssertVariationalInequality(x, z, Enumerable.Range(0, 20).Select(_ => RandomSimplexPoint(random, n, radius)));
        }
    }

    [Fact]
    public void Simplex_OfAPointAlreadyOnIt_IsThatPoint()
    {
        double[] x = { 0.2, 0.0, 0.5, 0.3 };
        double[] z = (double[])x.Clone();
        Projections.Simplex()(z);
        Check.Close(x, z, 1e-15);
    }

    [Theory]
    [InlineData(3, 1.0)]
    [InlineData(40, 2.0)]
    public void L1Ball_IsFeasible_AndSatisfiesTheVariationalInequality(int n, double radius)
    {
        var random = new Random(100 + n);
        for (int trial = 0; trial < 20; trial++)
        {
            double[] x = RandomVector(random, n, trial % 2 == 0 ? 3 : 0.01);
            double[] z = (double[])x.Clone();
            Projections.L1Ball(radius)(z);

            double norm1 = z.Sum(Math.Abs);
            if (x.Sum(Math.Abs) <= radius)
            {
                Check.Close(x, z, 0);
            }
            else
            {
                Assert.Equal(radius, norm1, 1e-12 * n);
                for (int i = 0; i < n; i++)
                {
                    Assert.True(z[i] == 0 || Math.Sign(z[i]) == Math.Sign(x[i]));
                }
            }

            // Feasible points: random simplex points with random signs fill the ℓ₁ ball's boundary.
            AssertVariationalInequality(x, z, Enumerable.Range(0, 20).Select(_ =>
                RandomSimplexPoint(random, n, radius).Select(v => random.Next(2) == 0 ? v : -v).ToArray()));
        }
    }

    [Fact]
    public void L2Ball_ScalesPointsOutsideOntoTheSphere_AndKeepsPointsInside()
    {
        double[] outside = { 3.0, 4.0 };
        Projections.L2Ball(1.0)(outside);
        Check.Close(new[] { 0.6, 0.8 }, outside, 1e-15);

        double[] inside = { 0.3, -0.4 };
        Projections.L2Ball(1.0)(inside);
        Check.Close(new[] { 0.3, -0.4 }, inside, 0);
    }

    [Fact]
    public void Box_ClampsEachCoordinate_AndNonNegative_ClampsAtZero()
    {
        double[] x = { -5, 0.5, 7, double.NegativeInfinity };
        Projections.Box(new[] { -1.0, 0, 0, -2 }, new[] { 1.0, 1, 6, double.PositiveInfinity })(x);
        Check.Close(new[] { -1.0, 0.5, 6, -2 }, x, 0);

        double[] y = { -5, 0.5, 7 };
        Projections.Box(0, 1)(y);
        Check.Close(new[] { 0.0, 0.5, 1 }, y, 0);

        double[] z = { -5, 0.5, 0 };
        Projections.NonNegative()(z);
        Check.Close(new[] { 0.0, 0.5, 0 }, z, 0);
    }

    [Fact]
    public void BadArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("radius", Assert.Throws<ArgumentOutOfRangeException>(() => Projections.Simplex(0)).ParamName);
        Assert.Equal("radius", Assert.Throws<ArgumentOutOfRangeException>(() => Projections.L1Ball(double.NaN)).ParamName);
        Assert.Equal("radius", Assert.Throws<ArgumentOutOfRangeException>(() => Projections.L2Ball(-1)).ParamName);
        Assert.Equal("upper", Assert.Throws<ArgumentException>(() => Projections.Box(1, 0)).ParamName);
        Assert.Equal("lower", Assert.Throws<ArgumentException>(() => Projections.Box(double.NaN, 0)).ParamName);
        Assert.Equal("upper", Assert.Throws<ArgumentException>(() => Projections.Box(new double[2], new double[3])).ParamName);
        Assert.Equal("upper", Assert.Throws<ArgumentException>(() => Projections.Box(new[] { 0.0, 1 }, new[] { 1.0, 0 })).ParamName);

        Projection box = Projections.Box(new double[2], new double[] { 1, 1 });
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => box(new double[3])).ParamName);
    }
}
