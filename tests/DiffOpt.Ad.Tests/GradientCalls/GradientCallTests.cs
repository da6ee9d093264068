using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.GradientCalls;

/// <summary>
/// Calls of [Gradient] declarations inside differentiable code: their derivatives are Hessian products of the inner
/// function, checked against central differences of the primal (which itself calls the generated gradient).
/// </summary>
public sealed class GradientCallTests
{
    private static readonly double[] Target = { 1.0, -0.5, 2.0, 0.25, -1.5 };

    [Fact]
    public void Unrolled_gradient_descent_matches_its_closed_form()
    {
        // w_{k+1} = (1 − 2r(1 + λ)) w_k + 2r t from w_0 = 0: an independent check of the primal that the
        // finite differences below differentiate.
        const double Lambda = 0.3, Rate = 0.1;
        const int Steps = 7;
        var contraction = 1 - (2 * Rate * (1 + Lambda));
        double expected = 0;
        foreach (var t in Target)
        {
            double w = 0;
            for (var k = 0; k < Steps; k++)
            {
                w = (contraction * w) + (2 * Rate * t);
            }

            expected += (w - (0.5 * t)) * (w - (0.5 * t));
        }

        DerivativeAssert.Close(expected, GradientCallModel.Unrolled(Lambda, Target, Rate, Steps), 1e-12, "unrolled loss");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(60)]
    public void Gradient_through_unrolled_gradient_descent_matches_finite_differences(int steps)
    {
        const double Lambda = 0.3, Rate = 0.1;
        var dT = new double[Target.Length];
        var value = GradientCallModel.UnrolledGradient(Lambda, Target, Rate, steps, out var dLambda, dT, out var dRate);
        DerivativeAssert.Close(GradientCallModel.Unrolled(Lambda, Target, Rate, steps), value, 1e-12, "value");

        var fdLambda = FiniteDifferences.Gradient(p => GradientCallModel.Unrolled(p[0], Target, Rate, steps), new[] { Lambda })[0];
        var fdRate = FiniteDifferences.Gradient(p => GradientCallModel.Unrolled(Lambda, Target, p[0], steps), new[] { Rate })[0];
        var fdT = FiniteDifferences.Gradient(t => GradientCallModel.Unrolled(Lambda, t, Rate, steps), Target);
        DerivativeAssert.Close(fdLambda, dLambda, 1e-6, "dλ");
        DerivativeAssert.Close(fdRate, dRate, 1e-6, "d rate");
        DerivativeAssert.AllClose(fdT, dT, 1e-6, "dt");
    }

    [Fact]
    public void Forward_mode_through_unrolled_gradient_descent_agrees_with_reverse_mode()
    {
        const double Lambda = 0.7, Rate = 0.05;
        const int Steps = 25;
        var random = new Random(3);
        var u = DerivativeAssert.RandomVector(random, Target.Length);
        const double ULambda = 0.4, URate = -0.8;
        var dT = new double[Target.Length];
        GradientCallModel.UnrolledGradient(Lambda, Target, Rate, Steps, out var dLambda, dT, out var dRate);
        GradientCallModel.UnrolledJvp(Lambda, Target, Rate, Steps, ULambda, u, URate, out var tangent);
        var expected = (dLambda * ULambda) + FiniteDifferences.Dot(dT, u) + (dRate * URate);
        DerivativeAssert.Close(expected, tangent, 1e-10, "JVP = ⟨gradient, direction⟩");
    }

    [Fact]
    public void Third_order_through_a_gradient_call_is_reported_not_silently_wrong()
    {
        var exception = Assert.Throws<NotSupportedException>(() => GradientCallModel.UnrolledHvp(0.3, Target, 0.1, 3, 1.0, out _));
        Assert.Contains("RidgeGradient", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_gradient_of_a_gradient_norm_matches_finite_differences()
    {
        var x = new[] { 0.3, -1.2, 0.8, 1.5, -0.4 };
        const double A = 1.3;
        var dX = new double[x.Length];
        var value = GradientCallModel.GradientNormGradient(x, A, dX, out var dA);
        DerivativeAssert.Close(GradientCallModel.GradientNorm(x, A), value, 1e-12, "value");
        DerivativeAssert.AllClose(FiniteDifferences.Gradient(p => GradientCallModel.GradientNorm(p, A), x), dX, 1e-6, "dx");
        DerivativeAssert.Close(FiniteDifferences.Gradient(p => GradientCallModel.GradientNorm(x, p[0]), new[] { A })[0], dA, 1e-6, "da");

        var u = new[] { 0.5, 0.1, -0.3, 0.7, 0.2 };
        GradientCallModel.GradientNormJvp(x, A, u, 0.6, out var tangent);
        DerivativeAssert.Close(FiniteDifferences.Dot(dX, u) + (dA * 0.6), tangent, 1e-10, "JVP");
    }

    [Fact]
    public void Vjp_and_jvp_of_the_gradient_map_are_hessian_products()
    {
        var x = new[] { 0.3, -1.2, 0.8, 1.5, -0.4 };
        const double A = 0.9;
        var random = new Random(11);
        var u = DerivativeAssert.RandomVector(random, x.Length);
        var w = DerivativeAssert.RandomVector(random, x.Length);

        // JVP vs central differences of the generated gradient itself.
        var y = new double[x.Length];
        var jvp = new double[x.Length];
        GradientCallModel.GradientMapJvp(x, A, y, u, 0.0, jvp);
        var fd = FiniteDifferences.Directional(
            p =>
            {
                var g = new double[p.Length];
                GradientCallModel.WavyGradient(p, A, g);
                return g;
            },
            x,
            u);
        DerivativeAssert.AllClose(fd, jvp, 1e-6, "H u");
        var gradient = new double[x.Length];
        GradientCallModel.WavyGradient(x, A, gradient);
        DerivativeAssert.AllClose(gradient, y, 0, "the pushforward writes the gradient too");

        // VJP: ⟨w, H u⟩ = ⟨Hᵀ w, u⟩ (dot-product test), and the a-component against differences in a.
        var vjp = new double[x.Length];
        GradientCallModel.GradientMapVjp(x, A, y, vjp, out var dA, w);
        DerivativeAssert.Close(FiniteDifferences.Dot(w, jvp), FiniteDifferences.Dot(vjp, u), 1e-10, "dot-product test");
        var fdA = FiniteDifferences.Directional(
            p =>
            {
                var g = new double[x.Length];
                GradientCallModel.WavyGradient(x, p[0], g);
                return new[] { FiniteDifferences.Dot(g, w) };
            },
            new[] { A },
            new[] { 1.0 });
        DerivativeAssert.Close(fdA[0], dA, 1e-6, "∂⟨w, ∇f⟩/∂a");
    }
}
