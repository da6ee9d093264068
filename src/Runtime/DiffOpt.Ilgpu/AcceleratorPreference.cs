namespace DiffOpt.Ilgpu;

/// <summary>Which accelerator <see cref="IlgpuDevice.Create(AcceleratorPreference)"/> opens.</summary>
public enum AcceleratorPreference
{
    /// <summary>
    /// The best one present: a CUDA device, else an OpenCL device that is a GPU, else ILGPU's CPU accelerator. The
    /// environment variable <c>DIFFOPT_ACCELERATOR</c> (<c>cuda</c>, <c>opencl</c> or <c>cpu</c>) overrides it.
    /// </summary>
    Auto,

    /// <summary>The first CUDA device; <see cref="System.InvalidOperationException"/> when there is none.</summary>
    Cuda,

    /// <summary>The first OpenCL device (a GPU if there is one); <see cref="System.InvalidOperationException"/> when there is none.</summary>
    OpenCL,

    /// <summary>ILGPU's CPU accelerator, which runs kernels as .NET code on the processor (always present).</summary>
    Cpu,
}
