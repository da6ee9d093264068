using DiffOpt.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace DiffOpt.TorchTests;

/// <summary>
/// The autograd-function form: forward runs the generated primal, backward the generated pullback. Checked against
/// TorchSharp's autograd on hand-written tensor code, against the CPU-generated gradient, and by finite differences.
/// </summary>
public class AutogradFunctionTests
{
    private static readonly double[] Start = { -1.2, 1.0, 0.3, -0.5, 0.8 };

    private static Tensor RosenbrockByHand(Tensor x)
    {
        var n = x.shape[^1];
        var head = x.narrow(-1, 0, n - 1);
        var tail = x.narrow(-1, 1, n - 1);
        return ((1.0 - head).pow(2) + 100.0 * (tail - head * head).pow(2)).sum(-1);
    }

    [Fact]
    public void Rosenbrock_value_and_gradient_match_TorchSharp_and_the_CPU_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x1 = torch.tensor(Start).requires_grad_(true);
        var value = TorchModels.RosenbrockTorch(x1);
        Assert.Equal(0, value.dim());
        value.backward();

        var x2 = torch.tensor(Start).requires_grad_(true);
        var byHand = RosenbrockByHand(x2);
        byHand.backward();

        TensorAssert.Close(byHand, value, 1e-14, "value");
        TensorAssert.Close(x2.grad!, x1.grad!, 1e-13, "dx");

        var g = new double[Start.Length];
        var f = TorchModels.RosenbrockGradient(Start, g);
        TensorAssert.Close(new[] { f }, TensorAssert.Values(value), 0, "value vs CPU");
        TensorAssert.Close(g, TensorAssert.Values(x1.grad!), 0, "dx vs CPU");
    }

    [Fact]
    public void A_leading_batch_dimension_maps_over_rows_and_the_upstream_gradient_scales_each_row()
    {
        using var scope = torch.NewDisposeScope();
        var rows = new[] { Start, new[] { 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 0.1, -0.2, 0.3, -0.4, 0.5 } };
        var flat = rows.SelectMany(r => r).ToArray();
        var x = torch.tensor(flat, new long[] { 3, 5 }).requires_grad_(true);
        var values = TorchModels.RosenbrockTorch(x);
        Assert.Equal(new long[] { 3 }, values.shape);
        var weights = torch.tensor(new[] { 2.0, -1.0, 0.5 });
        (values * weights).sum().backward();

        var xh = torch.tensor(flat, new long[] { 3, 5 }).requires_grad_(true);
        (RosenbrockByHand(xh) * weights).sum().backward();
        TensorAssert.Close(xh.grad!, x.grad!, 1e-13, "dx");
        Assert.Equal(0.0, TensorAssert.Values(values)[1]);
    }

    [Fact]
    public void Vector_valued_function_backward_is_the_generated_VJP()
    {
        using var scope = torch.NewDisposeScope();
        var z = new[] { 0.3, -1.1, 2.0, 0.0 };
        var cotangent = torch.tensor(new[] { 1.0, -2.0, 0.5, 3.0 });
        var z1 = torch.tensor(z).requires_grad_(true);
        var s1 = torch.tensor(1.7, ScalarType.Float64).requires_grad_(true);
        var p = TorchModels.SoftmaxTorch(z1, s1, z.Length);
        Assert.Equal(new long[] { 4 }, p.shape);
        (p * cotangent).sum().backward();

        var z2 = torch.tensor(z).requires_grad_(true);
        var s2 = torch.tensor(1.7, ScalarType.Float64).requires_grad_(true);
        var byHand = torch.softmax(z2 * s2, 0);
        (byHand * cotangent).sum().backward();

        TensorAssert.Close(byHand, p, 1e-15, "p");
        TensorAssert.Close(z2.grad!, z1.grad!, 1e-14, "dz");
        TensorAssert.Close(s2.grad!, s1.grad!, 1e-14, "dscale");
    }

    [Fact]
    public void Batched_vector_function_with_a_shared_scalar_sums_its_gradient_over_the_batch()
    {
        using var scope = torch.NewDisposeScope();
        var flat = new[] { 0.3, -1.1, 2.0, 1.0, 0.5, -0.5 };
        var z1 = torch.tensor(flat, new long[] { 2, 3 }).requires_grad_(true);
        var s1 = torch.tensor(0.8, ScalarType.Float64).requires_grad_(true);
        var p = TorchModels.SoftmaxTorch(z1, s1, 3);
        Assert.Equal(new long[] { 2, 3 }, p.shape);
        var w = torch.tensor(new[] { 1.0, 2.0, 3.0, -1.0, 0.0, 4.0 }, new long[] { 2, 3 });
        (p * w).sum().backward();

        var z2 = torch.tensor(flat, new long[] { 2, 3 }).requires_grad_(true);
        var s2 = torch.tensor(0.8, ScalarType.Float64).requires_grad_(true);
        (torch.softmax(z2 * s2, 1) * w).sum().backward();
        TensorAssert.Close(z2.grad!, z1.grad!, 1e-14, "dz");
        TensorAssert.Close(s2.grad!, s1.grad!, 1e-14, "dscale");
    }

    [Fact]
    public void Int_parameters_pass_through_and_constant_inputs_get_no_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new[] { 0.5, -1.5, 2.0 }).requires_grad_(true);
        var c = torch.tensor(new[] { 1.0, 2.0, 3.0 }).requires_grad_(true);
        var value = TorchModels.WeightedPowerTorch(w, c, 3);
        value.backward();

        // Σ c_i w_i³ and its gradient 3 c_i w_i².
        Assert.Equal(1 * 0.125 + 2 * -3.375 + 3 * 8.0, TensorAssert.Values(value)[0], 12);
        TensorAssert.Close(new[] { 3 * 1 * 0.25, 3 * 2 * 2.25, 3 * 3 * 4.0 }, TensorAssert.Values(w.grad!), 1e-14, "dw");
        Assert.Null(c.grad);
    }

    [Fact]
    public void A_scalar_function_with_a_loop_runs_as_an_autograd_function_elementwise_over_a_batch()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new[] { 0.5, 2.0, 9.0, 30.0 }).requires_grad_(true);
        var roots = TorchModels.HeronSqrtTorch(a);
        roots.sum().backward();

        // Heron's iteration converges to √a; the derivative of the converged iteration is 1/(2√a).
        TensorAssert.Close(new[] { Math.Sqrt(0.5), Math.Sqrt(2.0), 3.0, Math.Sqrt(30.0) }, TensorAssert.Values(roots), 1e-12, "√a");
        TensorAssert.Close(new[] { 0.5 / Math.Sqrt(0.5), 0.5 / Math.Sqrt(2.0), 0.5 / 3.0, 0.5 / Math.Sqrt(30.0) }, TensorAssert.Values(a.grad!), 1e-9, "d√a");
    }

    [Fact]
    public void Gradient_matches_central_finite_differences_for_float32_inputs()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(Start, new long[] { Start.Length }, ScalarType.Float32).requires_grad_(true);
        var value = TorchModels.RosenbrockTorch(x);
        Assert.Equal(ScalarType.Float32, value.dtype);
        value.backward();
        Assert.Equal(ScalarType.Float32, x.grad!.dtype);
        var grad = TensorAssert.Values(x.grad!);

        // The primal runs in double on float32 inputs widened exactly, so differences of the double primal are the reference.
        var point = Start.Select(v => (double)(float)v).ToArray();
        for (var i = 0; i < point.Length; i++)
        {
            var h = 1e-6;
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[i] += h;
            minus[i] -= h;
            var fd = (TorchModels.Rosenbrock(plus) - TorchModels.Rosenbrock(minus)) / (2 * h);
            Assert.True(Math.Abs(fd - grad[i]) <= 1e-5 * Math.Max(1, Math.Abs(fd)), $"dx[{i}]: fd {fd}, got {grad[i]}");
        }
    }

    [Fact]
    public void Adam_on_the_autograd_function_follows_the_same_path_as_Adam_on_hand_written_TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        var p1 = torch.nn.Parameter(torch.tensor(Start));
        var p2 = torch.nn.Parameter(torch.tensor(Start));
        var adam1 = torch.optim.Adam(new[] { p1 }, lr: 0.02);
        var adam2 = torch.optim.Adam(new[] { p2 }, lr: 0.02);
        var first = TorchModels.Rosenbrock(Start);
        double last = first;
        for (var step = 0; step < 300; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            adam1.zero_grad();
            var loss1 = TorchModels.RosenbrockTorch(p1);
            loss1.backward();
            adam1.step();

            adam2.zero_grad();
            var loss2 = RosenbrockByHand(p2);
            loss2.backward();
            adam2.step();
            last = loss1.item<double>();
        }

        TensorAssert.Close(TensorAssert.Values(p2), TensorAssert.Values(p1), 1e-10, "parameters after 300 Adam steps");

        // And the same path without TorchSharp: Adam (Kingma & Ba 2015, Algorithm 1; β = 0.9, 0.999, ε = 1e-8) on the
        // CPU-generated gradient.
        var theta = (double[])Start.Clone();
        var m = new double[theta.Length];
        var v = new double[theta.Length];
        var g = new double[theta.Length];
        for (var t = 1; t <= 300; t++)
        {
            TorchModels.RosenbrockGradient(theta, g);
            for (var i = 0; i < theta.Length; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                var mHat = m[i] / (1 - Math.Pow(0.9, t));
                var vHat = v[i] / (1 - Math.Pow(0.999, t));
                theta[i] -= 0.02 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        }

        TensorAssert.Close(theta, TensorAssert.Values(p1), 1e-9, "parameters against Adam on the CPU-generated gradient");
        Assert.True(last < 0.05 * first, $"loss went from {first} to {last}");
    }

    [Fact]
    public void Bad_shapes_are_argument_exceptions()
    {
        using var scope = torch.NewDisposeScope();
        var ex = Assert.Throws<ArgumentException>(() => TorchModels.RosenbrockTorch(torch.zeros(2, 3, 4, dtype: ScalarType.Float64)));
        Assert.Equal("arguments", ex.ParamName);
        var batch = Assert.Throws<ArgumentException>(() => TorchModels.SoftmaxTorch(torch.zeros(2, 3, dtype: ScalarType.Float64), torch.zeros(4, dtype: ScalarType.Float64), 3));
        Assert.Contains("batch size", batch.Message);
    }

    [Fact]
    public void Definition_arguments_are_checked_and_named()
    {
        using var scope = torch.NewDisposeScope();
        ScalarPrimal primal = v => v[0][0];
        ScalarPullback pullback = (v, seed, g) => g[0][0] += seed;
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => TorchFunctionDefinition.Scalar(null!, new[] { TorchInput.Scalar }, primal, pullback)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => TorchFunctionDefinition.Scalar("f", Array.Empty<TorchInput>(), primal, pullback)).ParamName);
        Assert.Equal("primal", Assert.Throws<ArgumentNullException>(() => TorchFunctionDefinition.Scalar("f", new[] { TorchInput.Scalar }, null!, pullback)).ParamName);
        Assert.Equal("outputLength", Assert.Throws<ArgumentOutOfRangeException>(() => TorchFunctionDefinition.Vector("f", new[] { TorchInput.Vector }, -1, (v, o) => { }, (v, o, a, g) => { })).ParamName);

        var identity = TorchFunctionDefinition.Scalar("identity", new[] { TorchInput.Scalar }, primal, pullback);
        Assert.Equal("arguments", Assert.Throws<ArgumentException>(() => identity.Apply(torch.tensor(1.0), torch.tensor(2.0))).ParamName);
        Assert.Equal("arguments", Assert.Throws<ArgumentNullException>(() => identity.Apply(new Tensor[] { null! })).ParamName);

        // The hand-built definition works like a generated one: identity on a batch, gradient one.
        var x = torch.tensor(new[] { 1.5, -2.0 }).requires_grad_(true);
        var y = identity.Apply(x);
        y.sum().backward();
        Assert.Equal(new[] { 1.5, -2.0 }, TensorAssert.Values(y));
        Assert.Equal(new[] { 1.0, 1.0 }, TensorAssert.Values(x.grad!));
    }
}
