using DiffOpt.Ilgpu.Tests.Functions;

namespace DiffOpt.Ilgpu.Tests;

/// <summary>
/// Map-reduce kernels ([Kernel(Shared = …)]): Σᵢ f(θ, xᵢ) and Σᵢ ∇θ f(θ, xᵢ) reduced on the accelerator, against the
/// sum of the CPU gradients. For batches up to BatchReduction.PartialsPerRow each partial sum holds one item and the
/// host adds them in item order, so on the CPU accelerator the result is bit-for-bit the sequential sum.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class MapReduceKernelTests(AcceleratorFixture fixture)
{
    private readonly IlgpuDevice device = fixture.Device;

    private static (double[] W, double[] Items, double[] Labels) Dataset(int batch, int features, int seed)
    {
        var random = new Random(seed);
        var w = Enumerable.Range(0, features).Select(_ => random.NextDouble() - 0.5).ToArray();
        var items = Enumerable.Range(0, batch * features).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        var labels = Enumerable.Range(0, batch).Select(_ => random.NextDouble() < 0.5 ? -1.0 : 1.0).ToArray();
        return (w, items, labels);
    }

    [Fact]
    public void Logistic_loss_sum_and_gradient_match_the_sum_of_cpu_gradients()
    {
        const int batch = 200;
        const int features = 4;
        var (w, items, labels) = Dataset(batch, features, 5);
        var packed = new double[items.Length];
        StructureOfArrays.Pack<double>(items, features, packed);
        using var wBuffer = device.Upload(w);
        using var x = device.Upload(packed);
        using var y = device.Upload(labels);

        var gradient = new double[features];
        var total = TestFunctions.LogisticLossKernels.SumGradient(device, batch, wBuffer.View, x.View, y.View, gradient);

        var expectedTotal = 0.0;
        var expectedGradient = new double[features];
        var itemGradient = new double[features];
        for (var i = 0; i < batch; i++)
        {
            expectedTotal += TestFunctions.LogisticLossGradient(w, items.AsSpan(i * features, features), labels[i], itemGradient);
            for (var j = 0; j < features; j++)
            {
                expectedGradient[j] += itemGradient[j];
            }
        }

        KernelAssert.Same(device, expectedTotal, total, "Σ loss");
        for (var j = 0; j < features; j++)
        {
            KernelAssert.Same(device, expectedGradient[j], gradient[j], "Σ dw[" + j + "]");
        }

        // Independent check of the math: ∇w log(1 + e^{−y w·x}) = −y x σ(−y w·x).
        var closedForm = new double[features];
        for (var i = 0; i < batch; i++)
        {
            var xi = items.AsSpan(i * features, features);
            var dot = 0.0;
            for (var j = 0; j < features; j++)
            {
                dot += w[j] * xi[j];
            }

            var margin = labels[i] * dot;
            for (var j = 0; j < features; j++)
            {
                closedForm[j] += -labels[i] * xi[j] / (1 + Math.Exp(margin));
            }
        }

        for (var j = 0; j < features; j++)
        {
            Assert.Equal(closedForm[j], gradient[j], 1e-9);
        }
    }

    [Fact]
    public void Shared_jvp_and_values_match_the_cpu_code()
    {
        const int batch = 50;
        const int features = 3;
        var (w, items, labels) = Dataset(batch, features, 6);
        var direction = new[] { 0.3, -1.0, 0.5 };
        var packed = new double[items.Length];
        StructureOfArrays.Pack<double>(items, features, packed);
        using var wBuffer = device.Upload(w);
        using var dwBuffer = device.Upload(direction);
        using var x = device.Upload(packed);
        using var y = device.Upload(labels);
        using var values = device.Allocate<double>(batch);
        using var tangents = device.Allocate<double>(batch);
        using var plain = device.Allocate<double>(batch);

        TestFunctions.LogisticLossKernels.Jvp(device, batch, wBuffer.View, x.View, y.View, dwBuffer.View, values.View, tangents.View);
        TestFunctions.LogisticLossKernels.Value(device, batch, wBuffer.View, x.View, y.View, plain.View);
        var value = device.Download(values.View);
        var tangent = device.Download(tangents.View);
        var plainValue = device.Download(plain.View);
        for (var i = 0; i < batch; i++)
        {
            var expected = TestFunctions.LogisticLossJvp(w, items.AsSpan(i * features, features), labels[i], direction, out var eTangent);
            KernelAssert.Same(device, expected, value[i], "value " + i);
            KernelAssert.Same(device, expected, plainValue[i], "Value kernel " + i);
            KernelAssert.Same(device, eTangent, tangent[i], "JVP " + i);
        }
    }

    [Fact]
    public void A_shared_scalar_next_to_a_shared_span_and_a_local_array_reduce_like_the_cpu_code()
    {
        const int batch = 40;
        var w = new[] { 0.5, -0.25, 0.125 };
        const double scale = 1.75;
        var random = new Random(7);
        var xs = Enumerable.Range(0, batch).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        using var wBuffer = device.Upload(w);
        using var scaleBuffer = device.Upload(new[] { scale });
        using var x = device.Upload(xs);

        var dw = new double[3];
        var total = TestFunctions.ScaledKernels.SumGradient(device, batch, wBuffer.View, scaleBuffer.View, x.View, dw, out var dScale);

        var expectedTotal = 0.0;
        var expectedDw = new double[3];
        var expectedDScale = 0.0;
        var itemDw = new double[3];
        foreach (var xi in xs)
        {
            expectedTotal += TestFunctions.ScaledGradient(w, scale, xi, itemDw, out var itemDScale);
            expectedDScale += itemDScale;
            for (var j = 0; j < 3; j++)
            {
                expectedDw[j] += itemDw[j];
            }
        }

        KernelAssert.Same(device, expectedTotal, total, "Σ value");
        KernelAssert.Same(device, expectedDScale, dScale, "Σ dScale");
        for (var j = 0; j < 3; j++)
        {
            KernelAssert.Same(device, expectedDw[j], dw[j], "Σ dw[" + j + "]");
        }

        // ∂/∂scale of scale·p² summed is Σ p², which equals the value divided by scale.
        Assert.Equal(total / scale, dScale, 1e-12);

        // JVP along shared tangents (a span and a scalar), per item.
        var dwDirection = new[] { 1.0, -0.5, 0.25 };
        const double dScaleDirection = -0.75;
        using var dwBuffer = device.Upload(dwDirection);
        using var dScaleBuffer = device.Upload(new[] { dScaleDirection });
        using var values = device.Allocate<double>(batch);
        using var tangents = device.Allocate<double>(batch);
        TestFunctions.ScaledKernels.Jvp(device, batch, wBuffer.View, scaleBuffer.View, x.View, dwBuffer.View, dScaleBuffer.View, values.View, tangents.View);
        var value = device.Download(values.View);
        var tangent = device.Download(tangents.View);
        for (var i = 0; i < batch; i++)
        {
            var expected = TestFunctions.ScaledJvp(w, scale, xs[i], dwDirection, dScaleDirection, out var eTangent);
            KernelAssert.Same(device, expected, value[i], "value " + i);
            KernelAssert.Same(device, eTangent, tangent[i], "JVP " + i);
        }
    }

    [Fact]
    public void Float_map_reduce_sums_in_double_like_the_cpu_gradients_summed_in_double()
    {
        const int batch = 120;
        const int features = 3;
        var (w64, items64, labels64) = Dataset(batch, features, 8);
        var w = w64.Select(v => (float)v).ToArray();
        var items = items64.Select(v => (float)v).ToArray();
        var labels = labels64.Select(v => (float)v).ToArray();
        var packed = new float[items.Length];
        StructureOfArrays.Pack<float>(items, features, packed);
        using var wBuffer = device.Upload(w);
        using var x = device.Upload(packed);
        using var y = device.Upload(labels);

        var gradient = new double[features];
        var total = TestFunctions.LogisticLossSingleKernels.SumGradient(device, batch, wBuffer.View, x.View, y.View, gradient);

        // The kernel keeps per-item gradients in double; the CPU [Gradient] rounds them to float. Compare with the
        // double-precision closed form instead, to float accuracy.
        var closedForm = new double[features];
        var expectedTotal = 0.0;
        for (var i = 0; i < batch; i++)
        {
            var margin = labels[i] * Enumerable.Range(0, features).Sum(j => (double)w[j] * items[i * features + j]);
            expectedTotal += Math.Log(1 + Math.Exp(-margin));
            for (var j = 0; j < features; j++)
            {
                closedForm[j] += -labels[i] * (double)items[i * features + j] / (1 + Math.Exp(margin));
            }
        }

        Assert.Equal(expectedTotal, total, 1e-4);
        for (var j = 0; j < features; j++)
        {
            Assert.Equal(closedForm[j], gradient[j], 1e-4);
        }
    }
}
