using DiffOpt.Generators.Tests.Infrastructure;
using K = DiffOpt.Generators.Tests.CompileAndRun.Models.ConventionFunctions;

namespace DiffOpt.Generators.Tests.CompileAndRun;

/// <summary>
/// Reverse and forward mode are adjoint to each other (the dot-product test), and the gradient is the linear
/// term of the function's Taylor expansion (the remainder shrinks like h²).
/// </summary>
public sealed class AdjointConsistencyTests
{
    private static readonly double[][] Points =
    [
        [0.3, 1.2, -0.7, 2.0, 0.6, -1.1],   // a ≤ b
        [2.0, 1.5, 0.4, 0.3, -2.0, 0.8],    // a > b
    ];

    [Fact]
    public void The_points_cover_both_branches_of_the_test_function()
    {
        static double A(double[] w) => w[0] * w[1] - Math.Sin(w[2] * w[3]);
        static double B(double[] w) => Math.Exp(0.3 * w[4]) + Math.Sqrt(1 + w[5] * w[5]);
        Assert.True(A(Points[0]) <= B(Points[0]));
        Assert.True(A(Points[1]) > B(Points[1]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Jvp_of_a_random_direction_equals_its_dot_product_with_the_gradient(int point)
    {
        var w = Points[point];
        var gradient = new double[w.Length];
        K.EnergyGradient(w, gradient);
        var random = new Random(20261128 + point);
        for (var trial = 0; trial < 20; trial++)
        {
            var u = Enumerable.Range(0, w.Length).Select(_ => random.NextDouble() * 2 - 1).ToArray();

            K.EnergyJvp(w, u, out var jvp);

            var dot = 0.0;
            for (var i = 0; i < w.Length; i++)
            {
                dot += u[i] * gradient[i];
            }

            // ⟨JVP(u), 1⟩ = ⟨u, ∇f⟩ for a scalar output.
            DerivativeAssert.AssertClose(dot, jvp, 1e-12, $"dot-product test, trial {trial}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Taylor_remainder_with_the_gradient_shrinks_like_h_squared(int point)
    {
        var w = Points[point];
        var gradient = new double[w.Length];
        var f0 = K.EnergyGradient(w, gradient);
        var random = new Random(7 + point);
        var u = Enumerable.Range(0, w.Length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var slope = u.Select((ui, i) => ui * gradient[i]).Sum();

        double Remainder(double h)
        {
            var shifted = w.Select((wi, i) => wi + h * u[i]).ToArray();
            return Math.Abs(K.Energy(shifted) - f0 - h * slope);
        }

        // Halving h divides an O(h²) remainder by about 4; a wrong gradient leaves an O(h) remainder (ratio 2).
        for (var h = 1e-2; h > 2e-4; h /= 2)
        {
            var order = Math.Log2(Remainder(h) / Remainder(h / 2));
            Assert.InRange(order, 1.8, 2.2);
        }

        // The first-order remainder with a perturbed gradient does not shrink like h²: the test can tell.
        var wrongSlope = slope * (1 + 1e-3);
        var wrongOrder = Math.Log2(Math.Abs(K.Energy(w.Select((wi, i) => wi + 1e-3 * u[i]).ToArray()) - f0 - 1e-3 * wrongSlope)
            / Math.Abs(K.Energy(w.Select((wi, i) => wi + 5e-4 * u[i]).ToArray()) - f0 - 5e-4 * wrongSlope));
        Assert.True(wrongOrder < 1.8, $"a 0.1% wrong slope still gave order {wrongOrder}");
    }
}
