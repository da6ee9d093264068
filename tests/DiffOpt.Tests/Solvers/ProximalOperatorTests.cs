using DiffOpt.Solvers;

namespace DiffOpt.Tests.Solvers;

/// <summary>
/// Proximal operators are checked against their definition prox_{tg}(x) = argmin_z g(z) + ‖z − x‖²/(2t): the
/// returned point must beat every perturbed point, and the returned value must equal g there.
/// </summary>
public class ProximalOperatorTests
{
    public static TheoryData<string> Operators => new() { "L1", "ElasticNet", "NonNegativeL1" };

    private static (ProximalOperator Prox, Func<double[], double> G) Make(string name) => name switch
    {
        "L1" => (Proximal.L1(0.7), z => 0.7 * z.Sum(Math.Abs)),
        "ElasticNet" => (Proximal.ElasticNet(0.7, 0.3), z => 0.7 * z.Sum(Math.Abs) + 0.15 * z.Sum(v => v * v)),
        "NonNegativeL1" => (Proximal.NonNegativeL1(0.7), z => z.Any(v => v < 0) ? double.PositiveInfinity : 0.7 * z.Sum()),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Operators))]
    public void Prox_MinimisesItsDefiningObjective_AndReturnsG(string name)
    {
        var (prox, g) = Make(name);
        var random = new Random(3);
        foreach (double t in new[] { 0.1, 1.0, 2.5 })
        {
            double[] x = Enumerable.Range(0, 8).Select(_ => 4 * random.NextDouble() - 2).ToArray();
            double[] z = (double[])x.Clone();
            double returned = prox(z, t);

            double Objective(double[] p) => g(p) + p.Select((v, i) => (v - x[i]) * (v - x[i])).Sum() / (2 * t);
            double best = Objective(z);
            Assert.Equal(g(z), returned, 1e-12);
            for (int i = 0; i < z.Length; i++)
            {
                foreach (double delta in new[] { -1e-3, 1e-3, -0.1, 0.1 })
                {
                    double[] p = (double[])z.Clone();
                    p[i] += delta;
                    Assert.True(Objective(p) >= best - 1e-14, $"{name}: perturbing z[{i}] by {delta} lowers the prox objective");
                }
            }
        }
    }

    [Fact]
    public void Indicator_ProjectsAndReturnsZero()
    {
        double[] x = { -1, 2 };
        Assert.Equal(0, Proximal.Indicator(Projections.NonNegative())(x, 5));
        Assert.Equal(new[] { 0.0, 2 }, x);
    }

    [Fact]
    public void BadStrengths_ThrowNamingTheParameter()
    {
        Assert.Equal("strength", Assert.Throws<ArgumentOutOfRangeException>(() => Proximal.L1(-1)).ParamName);
        Assert.Equal("l2", Assert.Throws<ArgumentOutOfRangeException>(() => Proximal.ElasticNet(1, double.NaN)).ParamName);
        Assert.Equal("strength", Assert.Throws<ArgumentOutOfRangeException>(() => Proximal.NonNegativeL1(double.PositiveInfinity)).ParamName);
        Assert.Equal("projection", Assert.Throws<ArgumentNullException>(() => Proximal.Indicator(null!)).ParamName);
    }
}
