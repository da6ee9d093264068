using DiffOpt.Ilgpu.Tests.Functions;

namespace DiffOpt.Ilgpu.Tests;

/// <summary>
/// vmap kernels (one item per thread, nothing shared): values, reverse-mode gradients and forward-mode JVPs of a batch,
/// item by item against the CPU code the generator makes from the same IR, and against closed forms.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class BatchedKernelTests(AcceleratorFixture fixture)
{
    private readonly IlgpuDevice device = fixture.Device;

    private static double[] Uniform(Random random, int count, double low, double high) =>
        Enumerable.Range(0, count).Select(_ => low + (high - low) * random.NextDouble()).ToArray();

    [Fact]
    public void Rosenbrock_values_gradients_and_jvps_match_the_cpu_code_and_the_closed_form()
    {
        const int batch = 37;
        var random = new Random(1);
        var x = Uniform(random, batch, -2, 2);
        var y = Uniform(random, batch, -1, 3);
        var tx = Uniform(random, batch, -1, 1);
        var ty = Uniform(random, batch, -1, 1);
        using var xs = device.Upload(x);
        using var ys = device.Upload(y);
        using var txs = device.Upload(tx);
        using var tys = device.Upload(ty);
        using var values = device.Allocate<double>(batch);
        using var dxs = device.Allocate<double>(batch);
        using var dys = device.Allocate<double>(batch);
        using var jvpValues = device.Allocate<double>(batch);
        using var tangents = device.Allocate<double>(batch);

        TestFunctions.RosenbrockKernels.Gradient(device, batch, xs.View, ys.View, values.View, dxs.View, dys.View);
        TestFunctions.RosenbrockKernels.Jvp(device, batch, xs.View, ys.View, txs.View, tys.View, jvpValues.View, tangents.View);
        var value = device.Download(values.View);
        var dx = device.Download(dxs.View);
        var dy = device.Download(dys.View);
        var jvpValue = device.Download(jvpValues.View);
        var tangent = device.Download(tangents.View);

        for (var i = 0; i < batch; i++)
        {
            var expected = TestFunctions.RosenbrockGradient(x[i], y[i], out var edx, out var edy);
            KernelAssert.Same(device, expected, value[i], "value " + i);
            KernelAssert.Same(device, edx, dx[i], "dx " + i);
            KernelAssert.Same(device, edy, dy[i], "dy " + i);
            var expectedJvpValue = TestFunctions.RosenbrockJvp(x[i], y[i], tx[i], ty[i], out var eTangent);
            KernelAssert.Same(device, expectedJvpValue, jvpValue[i], "JVP value " + i);
            KernelAssert.Same(device, eTangent, tangent[i], "JVP " + i);

            // Closed form: ∂/∂x = −2(1 − x) − 400x(y − x²), ∂/∂y = 200(y − x²).
            var r = y[i] - x[i] * x[i];
            Assert.Equal(-2 * (1 - x[i]) - 400 * x[i] * r, dx[i], 1e-9);
            Assert.Equal(200 * r, dy[i], 1e-9);
            Assert.Equal(dx[i] * tx[i] + dy[i] * ty[i], tangent[i], 1e-9);
        }
    }

    [Fact]
    public void Branches_math_functions_constants_and_uniform_ints_match_the_cpu_code()
    {
        const int batch = 64;
        const double c = 0.9;
        const int n = 3;
        var random = new Random(2);
        var a = Uniform(random, batch, -2, 2);
        var b = Uniform(random, batch, -2, 2);
        var ta = Uniform(random, batch, -1, 1);
        var tb = Uniform(random, batch, -1, 1);
        using var aBuffer = device.Upload(a);
        using var bBuffer = device.Upload(b);
        using var cBuffer = device.Upload(Enumerable.Repeat(c, batch).ToArray());
        using var taBuffer = device.Upload(ta);
        using var tbBuffer = device.Upload(tb);
        using var values = device.Allocate<double>(batch);
        using var das = device.Allocate<double>(batch);
        using var dbs = device.Allocate<double>(batch);
        using var primal = device.Allocate<double>(batch);
        using var tangents = device.Allocate<double>(batch);
        using var jvpValues = device.Allocate<double>(batch);

        TestFunctions.MixedKernels.Value(device, batch, aBuffer.View, bBuffer.View, cBuffer.View, n, primal.View);
        TestFunctions.MixedKernels.Gradient(device, batch, aBuffer.View, bBuffer.View, cBuffer.View, n, values.View, das.View, dbs.View);
        TestFunctions.MixedKernels.Jvp(device, batch, aBuffer.View, bBuffer.View, cBuffer.View, n, taBuffer.View, tbBuffer.View, jvpValues.View, tangents.View);
        var value = device.Download(values.View);
        var plain = device.Download(primal.View);
        var da = device.Download(das.View);
        var db = device.Download(dbs.View);
        var tangent = device.Download(tangents.View);

        var branches = 0;
        for (var i = 0; i < batch; i++)
        {
            var expected = TestFunctions.MixedGradient(a[i], b[i], c, n, out var eda, out var edb);
            KernelAssert.Same(device, expected, value[i], "value " + i);
            KernelAssert.Same(device, expected, plain[i], "Value kernel " + i);
            KernelAssert.Same(device, eda, da[i], "da " + i);
            KernelAssert.Same(device, edb, db[i], "db " + i);
            TestFunctions.MixedJvp(a[i], b[i], c, n, ta[i], tb[i], out var eTangent);
            KernelAssert.Same(device, eTangent, tangent[i], "JVP " + i);
            branches += Math.Sin(a[i]) * Math.Exp(-b[i] * b[i]) + Math.Sqrt(1 + a[i] * a[i]) > c ? 1 : 0;
        }

        // Both branches (and so both sets of math functions) were exercised.
        Assert.InRange(branches, 1, batch - 1);
    }

    [Fact]
    public void A_span_per_item_with_a_loop_matches_the_cpu_code_in_structure_of_arrays_layout()
    {
        const int batch = 19;
        const int length = 5;
        var random = new Random(3);
        var items = Uniform(random, batch * length, -1.5, 1.5);
        var directions = Uniform(random, batch * length, -1, 1);
        var packed = new double[items.Length];
        var packedDirections = new double[items.Length];
        StructureOfArrays.Pack<double>(items, length, packed);
        StructureOfArrays.Pack<double>(directions, length, packedDirections);
        using var x = device.Upload(packed);
        using var tx = device.Upload(packedDirections);
        using var values = device.Allocate<double>(batch);
        using var gradients = device.Allocate<double>(items.Length);
        using var jvpValues = device.Allocate<double>(batch);
        using var tangents = device.Allocate<double>(batch);

        TestFunctions.ChainedRosenbrockKernels.Gradient(device, batch, x.View, values.View, gradients.View);
        TestFunctions.ChainedRosenbrockKernels.Jvp(device, batch, x.View, tx.View, jvpValues.View, tangents.View);
        var value = device.Download(values.View);
        var gradient = new double[items.Length];
        StructureOfArrays.Unpack<double>(device.Download(gradients.View), length, gradient);
        var tangent = device.Download(tangents.View);

        var expectedGradient = new double[length];
        for (var i = 0; i < batch; i++)
        {
            var point = items.AsSpan(i * length, length);
            var expected = TestFunctions.ChainedRosenbrockGradient(point, expectedGradient);
            KernelAssert.Same(device, expected, value[i], "value " + i);
            for (var j = 0; j < length; j++)
            {
                KernelAssert.Same(device, expectedGradient[j], gradient[i * length + j], "dx[" + j + "] of item " + i);
            }

            TestFunctions.ChainedRosenbrockJvp(point, directions.AsSpan(i * length, length), out var eTangent);
            KernelAssert.Same(device, eTangent, tangent[i], "JVP " + i);
        }
    }

    [Fact]
    public void Float_kernels_round_like_the_cpu_code()
    {
        const int batch = 33;
        var random = new Random(4);
        var x = Uniform(random, batch, -2, 2).Select(v => (float)v).ToArray();
        var y = Uniform(random, batch, -1, 3).Select(v => (float)v).ToArray();
        var tx = Uniform(random, batch, -1, 1).Select(v => (float)v).ToArray();
        var ty = Uniform(random, batch, -1, 1).Select(v => (float)v).ToArray();
        using var xs = device.Upload(x);
        using var ys = device.Upload(y);
        using var txs = device.Upload(tx);
        using var tys = device.Upload(ty);
        using var values = device.Allocate<float>(batch);
        using var dxs = device.Allocate<float>(batch);
        using var dys = device.Allocate<float>(batch);
        using var jvpValues = device.Allocate<float>(batch);
        using var tangents = device.Allocate<float>(batch);

        TestFunctions.RosenbrockSingleKernels.Gradient(device, batch, xs.View, ys.View, values.View, dxs.View, dys.View);
        TestFunctions.RosenbrockSingleKernels.Jvp(device, batch, xs.View, ys.View, txs.View, tys.View, jvpValues.View, tangents.View);
        var value = device.Download(values.View);
        var dx = device.Download(dxs.View);
        var dy = device.Download(dys.View);
        var tangent = device.Download(tangents.View);
        for (var i = 0; i < batch; i++)
        {
            var expected = TestFunctions.RosenbrockSingleGradient(x[i], y[i], out var edx, out var edy);
            KernelAssert.Same(device, expected, value[i], "value " + i);
            KernelAssert.Same(device, edx, dx[i], "dx " + i);
            KernelAssert.Same(device, edy, dy[i], "dy " + i);
            TestFunctions.RosenbrockSingleJvp(x[i], y[i], tx[i], ty[i], out var eTangent);
            KernelAssert.Same(device, eTangent, tangent[i], "JVP " + i);
        }
    }
}
