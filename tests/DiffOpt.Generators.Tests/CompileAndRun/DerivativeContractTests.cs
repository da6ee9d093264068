using DiffOpt.Generators.Tests.CompileAndRun.Models;
using DiffOpt.Generators.Tests.Infrastructure;
using V = DiffOpt.Generators.Tests.CompileAndRun.Models.VectorConstructs;

namespace DiffOpt.Generators.Tests.CompileAndRun;

/// <summary>
/// The API contract of generated [Gradient]/[Jvp] implementations (DESIGN.md): gradients overwrite their
/// outputs, only declared inputs are differentiated, span lengths are checked and the exception names the
/// derivative parameter.
/// </summary>
public sealed class DerivativeContractTests
{
    private static readonly double[] W = [0.3, 1.2, -0.7, 2.0];

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1e300)]
    [InlineData(-7.5)]
    public void Span_gradient_overwrites_whatever_the_output_held(double garbage)
    {
        var clean = new double[4];
        V.SpanConstantIndicesGradient(W, clean);
        var dirty = Enumerable.Repeat(garbage, 4).ToArray();

        V.SpanConstantIndicesGradient(W, dirty);

        Assert.Equal(clean, dirty);
        Assert.All(clean, g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void Gradient_called_twice_into_the_same_buffers_gives_the_same_result()
    {
        var w = new[] { 1.0, 0.3, -0.2 };
        var dw = new double[3];
        V.MixedGradient(0.5, 2, w, 1.5, out var da1, dw, out var db1);
        var first = dw.ToArray();
        V.MixedGradient(0.5, 2, w, 1.5, out var da2, dw, out var db2);

        Assert.Equal(first, dw);
        Assert.Equal(da1, da2);
        Assert.Equal(db1, db2);
    }

    [Fact]
    public void Void_gradient_writes_the_same_gradient_as_the_value_returning_one()
    {
        var expected = new double[4];
        V.SpanConstantIndicesGradient(W, expected);
        var actual = Enumerable.Repeat(double.NaN, 4).ToArray();

        V.SpanConstantIndicesGradientOnly(W, actual);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0.5, 1.5)]
    [InlineData(1.5, 1.5)]
    [InlineData(-0.7, -0.9)]
    public void Gradients_with_a_subset_of_inputs_match_the_full_gradient_and_finite_differences(double a, double b)
    {
        var w = new[] { 1.0, 0.3, -0.2 };
        var dwFull = new double[3];
        var full = V.MixedGradient(a, 2, w, b, out var daFull, dwFull, out var dbFull);

        var dw = Enumerable.Repeat(double.NaN, 3).ToArray();
        var valueAW = V.MixedGradientAW(a, 2, w, b, out var da, dw);
        var valueB = V.MixedGradientB(a, 2, w, b, out var db);

        Assert.Equal(full, valueAW);
        Assert.Equal(full, valueB);
        DerivativeAssert.AssertClose(daFull, da, 1e-14, "∂/∂a from the (a, w) gradient");
        for (var i = 0; i < 3; i++)
        {
            DerivativeAssert.AssertClose(dwFull[i], dw[i], 1e-14, $"∂/∂w{i} from the (a, w) gradient");
        }

        DerivativeAssert.AssertClose(dbFull, db, 1e-14, "∂/∂b from the b-only gradient");
        var fdB = FiniteDifferences.Gradient(x => V.Mixed(a, 2, w, x[0]), [b])[0];
        Assert.True(FiniteDifferences.Agrees(db, fdB), $"∂/∂b = {db}, finite differences {fdB}");
    }

    [Theory]
    [InlineData(0.5, 1.5, 0.25, -2.0)]
    [InlineData(1.5, 1.5, 1.0, 0.0)]
    [InlineData(-0.7, -0.9, 0.0, 1.0)]
    public void Jvp_with_a_subset_of_inputs_treats_the_others_as_constants(double a, double b, double da, double db)
    {
        var w = new[] { 1.0, 0.3, -0.2 };
        V.MixedJvp(a, 2, w, b, da, new double[3], db, out var expected);

        var value = V.MixedJvpAB(a, 2, w, b, da, db, out var actual);

        Assert.Equal(V.Mixed(a, 2, w, b), value);
        DerivativeAssert.AssertClose(expected, actual, 1e-14, "JVP along (a, b) vs the full JVP with a zero w tangent");
        var fd = FiniteDifferences.Directional(x => V.Mixed(x[0], 2, w, x[1]), [a, b], [da, db]);
        Assert.True(FiniteDifferences.Agrees(actual, fd), $"JVP {actual}, finite differences {fd}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(0)]
    public void Span_gradient_with_the_wrong_length_throws_naming_the_derivative_parameter(int length)
    {
        var exception = Assert.Throws<ArgumentException>(() => V.SpanConstantIndicesGradient(W, new double[length]));
        Assert.Equal("dw", exception.ParamName);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Span_jvp_with_the_wrong_length_throws_naming_the_tangent_parameter(int length)
    {
        var exception = Assert.Throws<ArgumentException>(() => V.SpanConstantIndicesJvp(W, new double[length], out _));
        Assert.Equal("dw", exception.ParamName);
    }

    [Fact]
    public void Array_gradient_and_jvp_with_the_wrong_length_throw_naming_the_derivative_parameter()
    {
        var gradient = Assert.Throws<ArgumentException>(() => V.ArrayConstantIndicesGradient(W, new double[2]));
        var jvp = Assert.Throws<ArgumentException>(() => V.ArrayConstantIndicesJvp(W, new double[6], out _));

        Assert.Equal("dw", gradient.ParamName);
        Assert.Equal("dw", jvp.ParamName);
    }

    [Fact]
    public void With_two_vector_inputs_the_exception_names_the_mismatched_one()
    {
        double[] u = [0.5, 1.0];
        double[] v = [0.3, -0.2, 1.5];

        var second = Assert.Throws<ArgumentException>(() => V.TwoVectorsGradient(u, v, new double[2], new double[2]));
        var first = Assert.Throws<ArgumentException>(() => V.TwoVectorsGradient(u, v, new double[3], new double[3]));
        var tangent = Assert.Throws<ArgumentException>(() => V.TwoVectorsJvp(u, v, new double[2], new double[4], out _));

        Assert.Equal("dv", second.ParamName);
        Assert.Equal("du", first.ParamName);
        Assert.Equal("dv", tangent.ParamName);
    }

    [Fact]
    public void Mixed_gradient_with_the_wrong_span_length_throws_naming_dw()
    {
        var exception = Assert.Throws<ArgumentException>(() => V.MixedGradient(0.5, 2, [1.0, 0.3, -0.2], 1.5, out _, new double[2], out _));
        Assert.Equal("dw", exception.ParamName);
    }
}
