using DiffOpt.Generators.Tests.CompileAndRun.Models;
using K = DiffOpt.Generators.Tests.CompileAndRun.Models.ConventionFunctions;

namespace DiffOpt.Generators.Tests.CompileAndRun;

/// <summary>
/// Where finite differences cannot decide (ties, kinks, jumps), the generated derivatives follow the documented
/// conventions exactly, in reverse and forward mode alike.
/// </summary>
public sealed class NonSmoothConventionTests
{
    [Theory]
    [InlineData(2.0)]
    [InlineData(-1.5)]
    [InlineData(0.0)]
    public void Max_at_a_tie_gives_the_whole_derivative_to_the_first_argument(double t)
    {
        var value = K.MaxOfGradient(t, t, out var dx, out var dy);
        K.MaxOfJvp(t, t, 1, 0, out var alongX);
        K.MaxOfJvp(t, t, 0, 1, out var alongY);

        Assert.Equal(t, value);
        Assert.Equal((1.0, 0.0), (dx, dy));
        Assert.Equal((1.0, 0.0), (alongX, alongY));
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(-1.5)]
    [InlineData(0.0)]
    public void Min_at_a_tie_gives_the_whole_derivative_to_the_first_argument(double t)
    {
        K.MinOfGradient(t, t, out var dx, out var dy);
        K.MinOfJvp(t, t, 1, 0, out var alongX);
        K.MinOfJvp(t, t, 0, 1, out var alongY);

        Assert.Equal((1.0, 0.0), (dx, dy));
        Assert.Equal((1.0, 0.0), (alongX, alongY));
    }

    [Theory]
    [InlineData(3.0, 1.0, 1.0, 0.0)]
    [InlineData(1.0, 3.0, 0.0, 1.0)]
    public void Max_and_min_away_from_ties_pick_the_selected_argument(double x, double y, double dMaxDx, double dMaxDy)
    {
        K.MaxOfGradient(x, y, out var maxDx, out var maxDy);
        K.MinOfGradient(x, y, out var minDx, out var minDy);

        Assert.Equal((dMaxDx, dMaxDy), (maxDx, maxDy));
        Assert.Equal((1 - dMaxDx, 1 - dMaxDy), (minDx, minDy));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(2.5, 1.0)]
    [InlineData(-2.5, -1.0)]
    public void Abs_has_derivative_sign_x_and_zero_at_zero(double x, double expected)
    {
        K.AbsOfGradient(x, out var dx);
        K.AbsOfJvp(x, 1, out var tangent);

        Assert.Equal(expected, dx);
        Assert.Equal(expected, tangent);
    }

    [Fact]
    public void Abs_has_derivative_zero_at_negative_zero()
    {
        K.AbsOfGradient(-0.0, out var dx);
        K.AbsOfJvp(-0.0, 1, out var tangent);

        Assert.Equal(0.0, dx);
        Assert.Equal(0.0, tangent);
    }

    [Theory]
    [InlineData(0.1, 0.5, 2.0, 0.0, 1.0, 0.0)]  // below: returns lo
    [InlineData(1.0, 0.5, 2.0, 1.0, 0.0, 0.0)]  // inside: returns x
    [InlineData(3.0, 0.5, 2.0, 0.0, 0.0, 1.0)]  // above: returns hi
    [InlineData(0.5, 0.5, 2.0, 1.0, 0.0, 0.0)]  // x == lo: Math.Clamp returns x
    [InlineData(2.0, 0.5, 2.0, 1.0, 0.0, 0.0)]  // x == hi: Math.Clamp returns x
    [InlineData(1.0, 1.0, 1.0, 1.0, 0.0, 0.0)]  // lo == hi == x
    public void Clamp_gives_the_derivative_to_the_argument_it_returned(double x, double lo, double hi, double ex, double eLo, double eHi)
    {
        var value = K.ClampOfGradient(x, lo, hi, out var dx, out var dLo, out var dHi);
        K.ClampOfJvp(x, lo, hi, 1, 0, 0, out var tx);
        K.ClampOfJvp(x, lo, hi, 0, 1, 0, out var tLo);
        K.ClampOfJvp(x, lo, hi, 0, 0, 1, out var tHi);

        Assert.Equal(Math.Clamp(x, lo, hi), value);
        Assert.Equal((ex, eLo, eHi), (dx, dLo, dHi));
        Assert.Equal((ex, eLo, eHi), (tx, tLo, tHi));
    }

    [Theory]
    [InlineData(2.0, 0.0, 0.0)]    // 0² : ∂/∂x = 2·0 = 0, ∂/∂y = 0²·ln 0 taken as 0
    [InlineData(3.0, 0.0, 0.0)]
    [InlineData(1.0, 1.0, 0.0)]    // 0¹: ∂/∂x = 1
    public void Pow_at_base_zero_has_a_finite_exponent_derivative_of_zero(double y, double expectedDx, double expectedDy)
    {
        K.PowOfGradient(0.0, y, out var dx, out var dy);

        Assert.Equal(expectedDx, dx);
        Assert.Equal(expectedDy, dy);
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(-0.5)]
    public void Pow_with_a_negative_base_and_integer_exponent_has_a_finite_base_derivative(double x)
    {
        // ∂/∂x x^y = y·x^(y−1), written without ln x, so it stays finite for negative x.
        K.PowOfGradient(x, 3.0, out var dx, out _);

        Assert.Equal(3 * x * x, dx, 12);
    }

    [Fact]
    public void Pow_with_a_negative_base_has_a_NaN_exponent_derivative_like_ln_x()
    {
        K.PowOfGradient(-2.0, 3.0, out var dx, out var dy);

        Assert.Equal(12.0, dx, 12);
        Assert.True(double.IsNaN(dy), $"∂/∂y of Pow(-2, y) should be NaN, was {dy}");
    }

    [Fact]
    public void Sqrt_at_zero_follows_IEEE_arithmetic()
    {
        K.SqrtOfGradient(0.0, out var dx);

        Assert.Equal(double.PositiveInfinity, dx);
    }

    [Fact]
    public void Branches_are_differentiated_along_the_branch_taken()
    {
        // x > 0 ? x : 0 takes the constant branch at 0; x >= 0 ? x : 0 takes x.
        K.ReluGreaterGradient(0.0, out var strict);
        K.ReluGreaterOrEqualGradient(0.0, out var inclusive);
        K.ReluGreaterGradient(2.0, out var positive);
        K.ReluGreaterOrEqualGradient(-2.0, out var negative);

        Assert.Equal((0.0, 1.0, 1.0, 0.0), (strict, inclusive, positive, negative));
    }

    [Fact]
    public void Relu_by_max_has_the_tie_derivative_of_its_first_argument()
    {
        // Max(x, 0) at 0: the tie goes to x (1); Max(0, x) at 0: the tie goes to the constant (0).
        K.ReluMaxFirstGradient(0.0, out var first);
        K.ReluMaxFirstJvp(0.0, 1.0, out var firstTangent);
        K.ReluMaxSecondGradient(0.0, out var second);
        K.ReluMaxSecondJvp(0.0, 1.0, out var secondTangent);

        Assert.Equal((1.0, 1.0), (first, firstTangent));
        Assert.Equal((0.0, 0.0), (second, secondTangent));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-1.7)]
    [InlineData(0.0)]    // Sign and every rounding jumps here
    [InlineData(1.0)]    // Floor, Ceiling, Truncate jump at integers
    [InlineData(0.5)]    // Round(3x) and Ceiling(2x) jump near here
    [InlineData(-2.5)]
    [InlineData(1.0 / 6.0)]
    public void Piecewise_constant_functions_have_exactly_zero_derivative(double x)
    {
        var value = K.PiecewiseConstantGradient(x, out var dx);
        var jvpValue = K.PiecewiseConstantJvp(x, 1.0, out var tangent);

        Assert.Equal(K.PiecewiseConstant(x), value);
        Assert.Equal(value, jvpValue);
        Assert.Equal(0.0, dx);
        Assert.Equal(0.0, tangent);
    }

    [Theory]
    [InlineData(0.3, 1.2)]
    [InlineData(-1.7, -0.4)]
    [InlineData(1.0, 2.0)]
    [InlineData(0.5, -2.5)]
    public void Rounding_members_times_a_variable_differentiate_as_constants(double x, double y)
    {
        MathFunctions.FloorGradient(x, y, out var floorDx, out var floorDy);
        MathFunctions.CeilingGradient(x, y, out var ceilingDx, out var ceilingDy);
        MathFunctions.RoundGradient(x, y, out var roundDx, out var roundDy);
        MathFunctions.TruncateGradient(x, y, out var truncateDx, out var truncateDy);
        MathFunctions.SignGradient(x, y, out var signDx, out var signDy);

        // f = g(x)·y + x: ∂f/∂x = 1 exactly, ∂f/∂y = g(x) exactly.
        Assert.Equal((1.0, Math.Floor(x)), (floorDx, floorDy));
        Assert.Equal((1.0, Math.Ceiling(x)), (ceilingDx, ceilingDy));
        Assert.Equal((1.0, Math.Round(x)), (roundDx, roundDy));
        Assert.Equal((1.0, Math.Truncate(x)), (truncateDx, truncateDy));
        Assert.Equal((1.0, (double)Math.Sign(x)), (signDx, signDy));
    }
}
