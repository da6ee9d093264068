using System.Globalization;

namespace DiffOpt.AdTests.Infrastructure;

/// <summary>
/// Checks generated derivatives of a function written over a flat parameter vector θ (the tests pack every
/// differentiated input into θ and unpack it in small lambdas). References: central finite differences of the
/// primal, and for second order also finite differences of the generated gradient.
/// </summary>
internal static class DerivativeAssert
{
    /// <summary>Relative tolerance of comparisons with first-order finite differences.</summary>
    public const double FirstOrderTolerance = 1e-6;

    /// <summary>Relative tolerance of comparisons with second-order finite differences of the primal.</summary>
    public const double SecondOrderTolerance = 1e-4;

    /// <summary>Relative tolerance of identities that hold to rounding (dot-product test, symmetry, JVP = ⟨∇f, u⟩).</summary>
    public const double IdentityTolerance = 1e-10;

    /// <summary>
    /// A scalar function: the generated gradient (which returns the value) against central differences, the value
    /// against the primal, and the generated JVP along a few directions against ⟨∇f, u⟩ and a directional difference.
    /// </summary>
    /// <param name="f">The primal.</param>
    /// <param name="gradient">Writes ∇f(θ) into its second argument and returns f(θ).</param>
    /// <param name="jvp">Returns (f(θ), ∇f(θ)·u) for θ, u.</param>
    public static void Scalar(
        string name,
        Func<double[], double> f,
        Func<double[], double[], double> gradient,
        Func<double[], double[], (double Value, double Tangent)>? jvp,
        double[] theta,
        double tolerance = FirstOrderTolerance,
        double relativeStep = FiniteDifferences.FirstOrderStep)
    {
        var value = f(theta);
        Assert.True(double.IsFinite(value), name + ": the primal is not finite at the test point");
        var g = new double[theta.Length];
        var gradientValue = gradient(theta, g);
        var fd = FiniteDifferences.Gradient(f, theta, relativeStep);
        for (var i = 0; i < theta.Length; i++)
        {
            Close(fd[i], g[i], tolerance, name + ": ∂f/∂θ[" + I(i) + "] against central differences");
        }

        if (jvp is null)
        {
            Close(value, gradientValue, IdentityTolerance, name + ": value returned by the gradient");
            return;
        }

        var random = new Random(17);
        for (var k = 0; k < 3; k++)
        {
            var u = RandomVector(random, theta.Length);
            var (jvpValue, tangent) = jvp(theta, u);
            Close(value, jvpValue, IdentityTolerance, name + ": value returned by the JVP");
            Close(FiniteDifferences.Dot(g, u), tangent, IdentityTolerance * 100, name + ": JVP against ⟨∇f, u⟩ (direction " + I(k) + ")");
            Close(FiniteDifferences.Directional(f, theta, u, relativeStep), tangent, tolerance, name + ": JVP against a directional difference (direction " + I(k) + ")");
        }

        // Checked last, so that a wrong value does not hide whether the derivatives are right.
        Close(value, gradientValue, IdentityTolerance, name + ": value returned by the gradient");
    }

    /// <summary>
    /// A Hessian-vector product: against central differences of the generated gradient along v, against second
    /// differences of the primal (⟨w, H v⟩), and the symmetry ⟨w, H v⟩ = ⟨v, H w⟩.
    /// </summary>
    /// <param name="f">The primal as a function of the input the Hessian is taken in (others held fixed).</param>
    /// <param name="gradient">The generated gradient in that input.</param>
    /// <param name="hvp">Returns H(θ) v.</param>
    public static void Hvp(
        string name,
        Func<double[], double> f,
        Func<double[], double[], double> gradient,
        Func<double[], double[], double[]> hvp,
        double[] theta,
        double tolerance = SecondOrderTolerance)
    {
        var random = new Random(23);
        var v = RandomVector(random, theta.Length);
        var w = RandomVector(random, theta.Length);
        var hv = hvp(theta, v);
        var hw = hvp(theta, w);
        Assert.Equal(theta.Length, hv.Length);

        // Finite differences of the generated gradient along v.
        var gradientFd = FiniteDifferences.Directional(
            t =>
            {
                var g = new double[theta.Length];
                gradient(t, g);
                return g;
            },
            theta,
            v);
        for (var i = 0; i < theta.Length; i++)
        {
            Close(gradientFd[i], hv[i], FirstOrderTolerance * 10, name + ": (Hv)[" + I(i) + "] against differences of the gradient");
        }

        Close(FiniteDifferences.SecondDirectional(f, theta, v, w), FiniteDifferences.Dot(w, hv), tolerance, name + ": ⟨w, Hv⟩ against second differences of f");
        Close(FiniteDifferences.Dot(w, hv), FiniteDifferences.Dot(v, hw), IdentityTolerance * 100, name + ": symmetry ⟨w, Hv⟩ = ⟨v, Hw⟩");
    }

    /// <summary>
    /// A vector-valued function y = F(θ): the JVP against directional differences, the VJP against differences of
    /// ⟨w, F(θ)⟩, and the dot-product test ⟨JVP(u), w⟩ = ⟨u, VJP(w)⟩.
    /// </summary>
    /// <param name="f">The primal: θ → y.</param>
    /// <param name="jvp">Returns (y, J u).</param>
    /// <param name="vjp">Returns (y, Jᵀ w).</param>
    public static void Vector(
        string name,
        Func<double[], double[]> f,
        Func<double[], double[], (double[] Value, double[] Tangent)> jvp,
        Func<double[], double[], (double[] Value, double[] Cotangent)> vjp,
        double[] theta,
        double tolerance = FirstOrderTolerance)
    {
        var y = f(theta);
        var random = new Random(29);
        for (var k = 0; k < 3; k++)
        {
            var u = RandomVector(random, theta.Length);
            var w = RandomVector(random, y.Length);
            var (jvpValue, ju) = jvp(theta, u);
            var (vjpValue, jtw) = vjp(theta, w);
            AllClose(y, jvpValue, IdentityTolerance, name + ": primal output written by the JVP");
            AllClose(y, vjpValue, IdentityTolerance, name + ": primal output written by the VJP");
            AllClose(FiniteDifferences.Directional(f, theta, u), ju, tolerance, name + ": JVP against directional differences (direction " + I(k) + ")");
            Close(
                FiniteDifferences.Directional(t => FiniteDifferences.Dot(w, f(t)), theta, u),
                FiniteDifferences.Dot(u, jtw),
                tolerance,
                name + ": ⟨u, VJP(w)⟩ against differences of ⟨w, F⟩ (direction " + I(k) + ")");
            Close(FiniteDifferences.Dot(ju, w), FiniteDifferences.Dot(u, jtw), IdentityTolerance * 100, name + ": dot-product test ⟨JVP(u), w⟩ = ⟨u, VJP(w)⟩");
        }
    }

    /// <summary>|expected − actual| ≤ tolerance · max(1, |expected|).</summary>
    public static void Close(double expected, double actual, double tolerance, string what)
    {
        var scale = Math.Max(1.0, Math.Abs(expected));
        Assert.True(
            double.IsFinite(actual) && Math.Abs(expected - actual) <= tolerance * scale,
            string.Format(CultureInfo.InvariantCulture, "{0}: expected {1:R}, got {2:R} (difference {3:E2}, allowed {4:E2})", what, expected, actual, Math.Abs(expected - actual), tolerance * scale));
    }

    public static void AllClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.True(expected.Length == actual.Length, what + ": lengths differ");
        for (var i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], tolerance, what + " [" + I(i) + "]");
        }
    }

    public static double[] RandomVector(Random random, int length)
    {
        var v = new double[length];
        for (var i = 0; i < length; i++)
        {
            v[i] = (2 * random.NextDouble()) - 1;
        }

        return v;
    }

    private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);
}
