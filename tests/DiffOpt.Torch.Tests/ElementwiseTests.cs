using TorchSharp;
using static TorchSharp.torch;

namespace DiffOpt.TorchTests;

/// <summary>
/// The elementwise lowering against TorchSharp's autograd on the same formula written by hand in tensor operations,
/// and against the CPU-generated gradient element by element.
/// </summary>
public class ElementwiseTests
{
    private static readonly double[] Xs = { -3.1, -1.7, -0.4, 0.0, 0.3, 0.5, 0.9, 1.6, 2.2, 3.5, -2.6, 1.1 };
    private static readonly double[] Ys = { 0.7, -1.2, 2.4, 0.25, -0.8, 1.9, -2.9, 0.05, 1.3, -0.6, 2.8, 1.1 };

    private static Tensor Leaf(double[] values, ScalarType dtype = ScalarType.Float64, long[]? shape = null) =>
        torch.tensor(values, shape ?? new long[] { values.Length }, dtype).requires_grad_(true);

    /// <summary>Mix written by hand in TorchSharp, the way a TorchSharp user would.</summary>
    private static Tensor MixByHand(Tensor x, Tensor y)
    {
        var r = (x * x + y * y + 1.0).sqrt();
        var s = torch.where(x > y, x.sin() * y, (-y).exp() + x.pow(3));
        var max = torch.where(x >= 0.5, x, torch.tensor(0.5, x.dtype));
        return s / r + max - torch.atan2(y, torch.tensor(2.0, x.dtype)) + (x * y).tanh();
    }

    [Fact]
    public void Mix_values_and_gradients_match_hand_written_TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        var x1 = Leaf(Xs);
        var y1 = Leaf(Ys);
        var lowered = TorchModels.MixTorch(x1, y1);
        lowered.sum().backward();

        var x2 = Leaf(Xs);
        var y2 = Leaf(Ys);
        var byHand = MixByHand(x2, y2);
        byHand.sum().backward();

        TensorAssert.Close(byHand, lowered, 1e-14, "value");
        TensorAssert.Close(x2.grad!, x1.grad!, 1e-13, "dx");
        TensorAssert.Close(y2.grad!, y1.grad!, 1e-13, "dy");
    }

    [Fact]
    public void Mix_matches_the_CPU_primal_and_generated_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(Xs);
        var y = Leaf(Ys);
        var value = TorchModels.MixTorch(x, y);
        value.sum().backward();
        var values = TensorAssert.Values(value);
        var dx = TensorAssert.Values(x.grad!);
        var dy = TensorAssert.Values(y.grad!);
        for (var i = 0; i < Xs.Length; i++)
        {
            var f = TorchModels.MixGradient(Xs[i], Ys[i], out var gx, out var gy);
            Assert.Equal(TorchModels.Mix(Xs[i], Ys[i]), f);
            TensorAssert.Close(new[] { f, gx, gy }, new[] { values[i], dx[i], dy[i] }, 1e-13, "item " + i);
        }
    }

    [Fact]
    public void Every_primitive_matches_the_CPU_primal_and_generated_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(Xs);
        var y = Leaf(Ys);
        var value = TorchModels.ManyTorch(x, y);
        value.sum().backward();
        var values = TensorAssert.Values(value);
        var dx = TensorAssert.Values(x.grad!);
        var dy = TensorAssert.Values(y.grad!);
        for (var i = 0; i < Xs.Length; i++)
        {
            var f = TorchModels.ManyGradient(Xs[i], Ys[i], out var gx, out var gy);
            TensorAssert.Close(new[] { TorchModels.Many(Xs[i], Ys[i]), gx, gy }, new[] { values[i], dx[i], dy[i] }, 1e-12, "item " + i);
        }
    }

    [Fact]
    public void Inputs_broadcast_like_tensor_expressions()
    {
        using var scope = torch.NewDisposeScope();
        var x = Leaf(new[] { -1.0, 0.2, 1.4 }, shape: new long[] { 3, 1 });
        var y = Leaf(new[] { 0.5, -0.3, 2.0, 0.9 }, shape: new long[] { 1, 4 });
        var value = TorchModels.MixTorch(x, y);
        Assert.Equal(new long[] { 3, 4 }, value.shape);
        value.sum().backward();

        // d/dx of Σ_j Mix(x_i, y_j) = Σ_j ∂Mix/∂x(x_i, y_j): broadcasting sums the gradient over the broadcast axis.
        var values = TensorAssert.Values(value);
        var dx = TensorAssert.Values(x.grad!);
        var dy = TensorAssert.Values(y.grad!);
        var xs = new[] { -1.0, 0.2, 1.4 };
        var ys = new[] { 0.5, -0.3, 2.0, 0.9 };
        var expectedDx = new double[3];
        var expectedDy = new double[4];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                var f = TorchModels.MixGradient(xs[i], ys[j], out var gx, out var gy);
                Assert.True(Math.Abs(f - values[i * 4 + j]) <= 1e-13 * Math.Max(1, Math.Abs(f)));
                expectedDx[i] += gx;
                expectedDy[j] += gy;
            }
        }

        TensorAssert.Close(expectedDx, dx, 1e-13, "dx");
        TensorAssert.Close(expectedDy, dy, 1e-13, "dy");

        // A plain double broadcasts too (a 0-d tensor).
        var scalarY = torch.tensor(0.5, ScalarType.Float64);
        var row = TorchModels.MixTorch(torch.tensor(xs), scalarY);
        TensorAssert.Close(xs.Select(v => TorchModels.Mix(v, 0.5)).ToArray(), TensorAssert.Values(row), 1e-14, "scalar y");
    }

    [Fact]
    public void Float32_inputs_stay_float32_and_match_hand_written_TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        var x1 = Leaf(Xs, ScalarType.Float32);
        var y1 = Leaf(Ys, ScalarType.Float32);
        var lowered = TorchModels.MixTorch(x1, y1);
        Assert.Equal(ScalarType.Float32, lowered.dtype);
        lowered.sum().backward();
        Assert.Equal(ScalarType.Float32, x1.grad!.dtype);

        var x2 = Leaf(Xs, ScalarType.Float32);
        var y2 = Leaf(Ys, ScalarType.Float32);
        var byHand = MixByHand(x2, y2);
        byHand.sum().backward();

        // The same float32 operations in the same order: equal up to float rounding.
        TensorAssert.Close(byHand, lowered, 1e-6, "value");
        TensorAssert.Close(x2.grad!, x1.grad!, 1e-5, "dx");
        TensorAssert.Close(y2.grad!, y1.grad!, 1e-5, "dy");

        // And close to the double-precision CPU function.
        var values = TensorAssert.Values(lowered);
        for (var i = 0; i < Xs.Length; i++)
        {
            var f = TorchModels.Mix((float)Xs[i], (float)Ys[i]);
            Assert.True(Math.Abs(f - values[i]) <= 1e-5 * Math.Max(1, Math.Abs(f)), $"item {i}: {f} vs {values[i]}");
        }
    }

    [Fact]
    public void Softplus_branches_select_like_the_CPU_method_and_compose_with_torch_ops()
    {
        using var scope = torch.NewDisposeScope();
        var points = new[] { -5.0, 0.0, 3.0, 19.5, 20.0, 20.5, 40.0 };
        var x = Leaf(points);

        // Composes with surrounding tensor code: d/dx Σ 2·softplus(x)² = 4·softplus(x)·sigmoid(x) below the switch, 4x above.
        var y = TorchModels.SoftplusTorch(x);
        (2.0 * y * y).sum().backward();
        var dx = TensorAssert.Values(x.grad!);
        for (var i = 0; i < points.Length; i++)
        {
            var v = TorchModels.Softplus(points[i]);
            var sigmoid = points[i] > 20 ? 1.0 : 1.0 / (1.0 + Math.Exp(-points[i]));
            Assert.True(Math.Abs(4 * v * sigmoid - dx[i]) <= 1e-12 * Math.Max(1, Math.Abs(dx[i])), $"x = {points[i]}: {dx[i]}");
        }
    }

    [Fact]
    public void Second_derivatives_come_from_torch_autograd_through_the_generated_ops()
    {
        using var scope = torch.NewDisposeScope();
        var points = new[] { -3.0, -0.5, 0.0, 1.25, 4.0 };
        var x = Leaf(points);
        var y = TorchModels.SoftplusTorch(x);
        var first = torch.autograd.grad(new[] { y.sum() }, new[] { x }, retain_graph: true, create_graph: true)[0];
        var second = torch.autograd.grad(new[] { first.sum() }, new[] { x })[0];

        // softplus' = σ(x), softplus'' = σ(x)(1 − σ(x)).
        var sigma = points.Select(v => 1.0 / (1.0 + Math.Exp(-v))).ToArray();
        TensorAssert.Close(sigma, TensorAssert.Values(first), 1e-14, "first");
        TensorAssert.Close(sigma.Select(s => s * (1 - s)).ToArray(), TensorAssert.Values(second), 1e-14, "second");
    }
}
