namespace DiffOpt.Generators.Tests.Infrastructure;

/// <summary>The checks every generated derivative pair must pass, at every point of its case.</summary>
public static class DerivativeAssert
{
    /// <summary>JVP and gradient agree to rounding: both are exact derivatives of the same code.</summary>
    public const double ModeAgreementTolerance = 1e-12;

    /// <summary>
    /// The gradient returns the primal value and matches central finite differences; outputs are pre-filled
    /// with NaN, so a gradient that accumulates instead of overwriting fails.
    /// </summary>
    public static void GradientMatchesFiniteDifferences(DerivativeCase c)
    {
        foreach (var x in c.Points)
        {
            var expectedValue = c.Value(x);
            Assert.True(double.IsFinite(expectedValue), $"{c.Name}: the test point {Show(x)} is outside the domain");
            var gradient = Enumerable.Repeat(double.NaN, x.Length).ToArray();
            var value = c.Gradient((double[])x.Clone(), gradient);
            AssertClose(expectedValue, value, 1e-14, $"{c.Name}: the gradient's returned value at {Show(x)}");

            var reference = FiniteDifferences.Gradient(c.Value, x);
            for (var i = 0; i < x.Length; i++)
            {
                Assert.True(FiniteDifferences.Agrees(gradient[i], reference[i]),
                    $"{c.Name}: ∂f/∂x{i} at {Show(x)} is {R(gradient[i])}, finite differences give {R(reference[i])}");
            }
        }
    }

    /// <summary>The JVP returns the primal value and, with tangent eᵢ, equals gradient component i.</summary>
    public static void JvpOfUnitTangentsEqualsGradient(DerivativeCase c)
    {
        foreach (var x in c.Points)
        {
            var gradient = new double[x.Length];
            c.Gradient(x, gradient);
            var expectedValue = c.Value(x);
            for (var i = 0; i < x.Length; i++)
            {
                var tangent = new double[x.Length];
                tangent[i] = 1;
                var value = c.Jvp(x, tangent, out var derivative);
                AssertClose(expectedValue, value, 1e-14, $"{c.Name}: the JVP's returned value at {Show(x)}");
                AssertClose(gradient[i], derivative, ModeAgreementTolerance, $"{c.Name}: JVP along e{i} at {Show(x)} vs gradient component {i}");
            }
        }
    }

    /// <summary>The JVP along a fixed non-axis direction matches a directional finite difference.</summary>
    public static void JvpMatchesDirectionalFiniteDifference(DerivativeCase c)
    {
        foreach (var x in c.Points)
        {
            var direction = Enumerable.Range(0, x.Length).Select(i => 0.5 + 0.37 * i * (i % 2 == 0 ? 1 : -1)).ToArray();
            c.Jvp(x, direction, out var derivative);
            var reference = FiniteDifferences.Directional(c.Value, x, direction);
            Assert.True(FiniteDifferences.Agrees(derivative, reference),
                $"{c.Name}: JVP along {Show(direction)} at {Show(x)} is {R(derivative)}, finite differences give {R(reference)}");
        }
    }

    public static void AssertClose(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * (1 + Math.Abs(expected)) || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"{what}: expected {R(expected)}, got {R(actual)}");

    public static string Show(double[] x) => "(" + string.Join(", ", x.Select(R)) + ")";

    private static string R(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
