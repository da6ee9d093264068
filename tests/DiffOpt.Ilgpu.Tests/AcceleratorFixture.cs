namespace DiffOpt.Ilgpu.Tests;

/// <summary>
/// One device for the whole test run (opening an accelerator is slow): ILGPU's CPU accelerator here and in CI, a
/// CUDA or OpenCL GPU when one is present (IlgpuDevice picks it; DIFFOPT_ACCELERATOR=cpu|cuda|opencl forces one).
/// </summary>
public sealed class AcceleratorFixture : IDisposable
{
    public AcceleratorFixture() => Device = IlgpuDevice.Create();

    public IlgpuDevice Device { get; }

    public void Dispose() => Device.Dispose();
}

[CollectionDefinition(Name)]
public sealed class AcceleratorCollection : ICollectionFixture<AcceleratorFixture>
{
    public const string Name = "accelerator";
}
