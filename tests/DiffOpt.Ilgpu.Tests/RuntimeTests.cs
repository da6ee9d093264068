using DiffOpt.Ilgpu.Tests.Functions;
using ILGPU.Runtime;

namespace DiffOpt.Ilgpu.Tests;

/// <summary>The runtime: device choice, argument checks of launchers, the kernel cache, layouts and the reduction.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class RuntimeTests(AcceleratorFixture fixture)
{
    private readonly IlgpuDevice device = fixture.Device;

    [Fact]
    public void The_cpu_accelerator_can_be_forced_and_an_undefined_preference_is_rejected()
    {
        using (var cpu = IlgpuDevice.Create(AcceleratorPreference.Cpu))
        {
            Assert.Equal(AcceleratorType.CPU, cpu.Kind);
            Assert.False(cpu.IsGpu);
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => IlgpuDevice.Create((AcceleratorPreference)42));
        Assert.Equal("preference", error.ParamName);
    }

    [Fact]
    public void Launchers_check_batch_and_view_lengths_naming_the_parameter()
    {
        using var x = device.Allocate<double>(10);
        using var y = device.Allocate<double>(9);
        using var value = device.Allocate<double>(10);
        using var gradient = device.Allocate<double>(10);

        var length = Assert.Throws<ArgumentException>(() => TestFunctions.RosenbrockKernels.Gradient(device, 10, x.View, y.View, value.View, gradient.View, gradient.View));
        Assert.Equal("y", length.ParamName);
        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => TestFunctions.RosenbrockKernels.Value(device, 0, x.View, x.View, value.View));
        Assert.Equal("batch", batch.ParamName);
        var span = Assert.Throws<ArgumentException>(() => TestFunctions.ChainedRosenbrockKernels.Value(device, 3, x.View, value.View.SubView(0, 3)));
        Assert.Equal("x", span.ParamName);
        Assert.Throws<ArgumentNullException>(() => TestFunctions.RosenbrockKernels.Value(null!, 10, x.View, x.View, value.View));
    }

    [Fact]
    public void Each_kernel_is_compiled_once_per_device()
    {
        using var local = IlgpuDevice.Create(AcceleratorPreference.Cpu);
        using var x = local.Upload(new[] { 1.0, 2.0 });
        using var value = local.Allocate<double>(2);
        TestFunctions.RosenbrockKernels.Value(local, 2, x.View, x.View, value.View);
        Assert.Equal(1, local.CompiledKernelCount);
        TestFunctions.RosenbrockKernels.Value(local, 2, x.View, x.View, value.View);
        Assert.Equal(1, local.CompiledKernelCount);

        // Rosenbrock(1, 1) = 0 and Rosenbrock(2, 2) = 1 + 100·(2 − 4)² = 401.
        Assert.Equal(new[] { 0.0, 401.0 }, local.Download(value.View));
    }

    [Fact]
    public void Row_sums_over_more_items_than_partials_are_exact_for_integers()
    {
        const int batch = BatchReduction.PartialsPerRow * 2 + 1234;
        var data = new double[2 * batch];
        for (var i = 0; i < batch; i++)
        {
            data[i] = i;
            data[batch + i] = 1;
        }

        using var buffer = device.Upload(data);
        var sums = new double[2];
        BatchReduction.SumRows(device, buffer.View, batch, 2, sums);
        Assert.Equal((double)batch * (batch - 1) / 2, sums[0]);
        Assert.Equal(batch, sums[1]);
        Assert.Throws<ArgumentException>(() => BatchReduction.SumRows(device, buffer.View, batch, 3, sums));
    }

    [Fact]
    public void Structure_of_arrays_puts_element_j_of_item_i_at_j_times_batch_plus_i()
    {
        double[] items = [1, 2, 3, 4, 5, 6]; // three items of two elements
        var packed = new double[6];
        StructureOfArrays.Pack<double>(items, 2, packed);
        Assert.Equal(new double[] { 1, 3, 5, 2, 4, 6 }, packed);
        var back = new double[6];
        StructureOfArrays.Unpack<double>(packed, 2, back);
        Assert.Equal(items, back);
        Assert.Throws<ArgumentException>(() => StructureOfArrays.Pack<double>(items, 4, packed));
    }
}
