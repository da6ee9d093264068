using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.OpenCL;

namespace DiffOpt.Ilgpu;

/// <summary>
/// An ILGPU context and the accelerator that runs DiffOpt's generated kernels: it picks the device, compiles each
/// kernel once (a cache keyed by kernel name), allocates and copies buffers, and disposes everything in the right
/// order (buffers, then the accelerator, then the context). Create one per process and share it; it is safe to load
/// kernels from several threads, but launches on one device are serialised by its default stream.
/// </summary>
/// <remarks>
/// On the GPU, <c>System.Math</c> functions (<c>Exp</c>, <c>Log</c>, <c>Sin</c>, …) have no PTX instruction: they compile
/// to ILGPU.Algorithms' implementations (enabled on every context this class creates), or, on CUDA when the toolkit is
/// found (<c>CUDA_PATH</c>, or <c>/usr/local/cuda</c>), to NVIDIA's LibDevice; <see cref="LibDeviceEnabled"/> says
/// which. The CPU accelerator runs kernels as .NET code, with .NET's <c>Math</c>.
/// </remarks>
public sealed class IlgpuDevice : IDisposable
{
    /// <summary>The environment variable that forces an accelerator kind when <see cref="AcceleratorPreference.Auto"/> is asked for.</summary>
    public const string AcceleratorVariable = "DIFFOPT_ACCELERATOR";

    private readonly Context context;
    private readonly ConcurrentDictionary<string, Delegate> kernels = new(StringComparer.Ordinal);
    private readonly List<MemoryBuffer> ownedBuffers = new();
    private readonly object bufferLock = new();
    private readonly Dictionary<string, MemoryBuffer> scratch = new(StringComparer.Ordinal);
    private bool disposed;

    private IlgpuDevice(Context context, Accelerator accelerator, bool libDevice)
    {
        this.context = context;
        Accelerator = accelerator;
        LibDeviceEnabled = libDevice;
    }

    /// <summary>The ILGPU accelerator kernels run on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The kind of accelerator (<see cref="AcceleratorType.Cuda"/>, <see cref="AcceleratorType.OpenCL"/> or <see cref="AcceleratorType.CPU"/>).</summary>
    public AcceleratorType Kind => Accelerator.AcceleratorType;

    /// <summary>The device's own name (for reports next to measured numbers).</summary>
    public string Name => Accelerator.Name;

    /// <summary>Whether kernels run on a GPU (CUDA, or an OpenCL GPU) rather than on the processor.</summary>
    public bool IsGpu => Kind == AcceleratorType.Cuda || (Kind == AcceleratorType.OpenCL && Accelerator.Device is CLDevice { DeviceType: CLDeviceType.CL_DEVICE_TYPE_GPU });

    /// <summary>Whether CUDA's LibDevice was found, so double-precision <c>System.Math</c> functions compile on CUDA.</summary>
    public bool LibDeviceEnabled { get; }

    /// <summary>How many kernels have been compiled and cached so far.</summary>
    public int CompiledKernelCount => kernels.Count;

    /// <summary>Opens an accelerator.</summary>
    /// <param name="preference">Which kind to open; <see cref="AcceleratorPreference.Auto"/> picks CUDA, else an OpenCL GPU, else the CPU accelerator.</param>
    /// <returns>The device; dispose it when done.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preference"/> is not a defined value.</exception>
    /// <exception cref="InvalidOperationException">A CUDA or OpenCL device was asked for and none is present, or <see cref="AcceleratorVariable"/> holds an unknown name.</exception>
    public static IlgpuDevice Create(AcceleratorPreference preference = AcceleratorPreference.Auto)
    {
        if (!Enum.IsDefined(typeof(AcceleratorPreference), preference))
        {
            throw new ArgumentOutOfRangeException(nameof(preference), preference, "Not a defined accelerator preference.");
        }

        if (preference == AcceleratorPreference.Auto)
        {
            preference = FromEnvironment();
        }

        var libDevice = false;
        var context = Context.Create(builder =>
        {
            // ILGPU.Algorithms supplies GPU implementations of Math.Exp, Log, Sin, … (PTX and OpenCL); LibDevice, when the
            // CUDA toolkit is found, supplies NVIDIA's own.
            builder.Default().EnableAlgorithms();
            if (preference is AcceleratorPreference.Auto or AcceleratorPreference.Cuda)
            {
                try
                {
                    builder.LibDevice();
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // No CUDA toolkit: kernels without transcendental functions still compile.
                }
            }
        });

        try
        {
            libDevice = !string.IsNullOrEmpty(context.Properties.LibDevicePath);
            var device = Choose(context, preference);
            return new IlgpuDevice(context, device.CreateAccelerator(context), libDevice);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    private static AcceleratorPreference FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(AcceleratorVariable);
        return value?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => AcceleratorPreference.Auto,
            "cuda" => AcceleratorPreference.Cuda,
            "opencl" => AcceleratorPreference.OpenCL,
            "cpu" => AcceleratorPreference.Cpu,
            _ => throw new InvalidOperationException(AcceleratorVariable + " is '" + value + "'; expected cuda, opencl, cpu or auto."),
        };
    }

    private static Device Choose(Context context, AcceleratorPreference preference)
    {
        var cuda = context.Devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.Cuda);
        var openClGpu = context.Devices.OfType<CLDevice>().FirstOrDefault(d => d.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU);
        var openCl = openClGpu ?? (Device?)context.Devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.OpenCL);
        var cpu = context.Devices.First(d => d.AcceleratorType == AcceleratorType.CPU);
        return preference switch
        {
            AcceleratorPreference.Cuda => cuda ?? throw new InvalidOperationException("No CUDA device is present (ILGPU needs the NVIDIA driver library, libcuda)."),
            AcceleratorPreference.OpenCL => openCl ?? throw new InvalidOperationException("No OpenCL device is present."),
            AcceleratorPreference.Cpu => cpu,

            // An OpenCL runtime that executes on the processor is no better than the CPU accelerator: only GPUs win over it.
            _ => cuda ?? openClGpu ?? cpu,
        };
    }

    /// <summary>
    /// The kernel cached under <paramref name="key"/>, compiled by <paramref name="load"/> on first use. Generated
    /// launchers call this with the kernel's full name, so each kernel is compiled once per device.
    /// </summary>
    /// <typeparam name="TKernel">The launcher delegate type ILGPU returns (e.g. from <c>LoadAutoGroupedStreamKernel</c>).</typeparam>
    /// <param name="key">A name unique to the kernel.</param>
    /// <param name="load">Compiles and loads the kernel on this device's accelerator.</param>
    /// <returns>The launcher delegate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="load"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The device was disposed.</exception>
    public TKernel GetKernel<TKernel>(string key, Func<Accelerator, TKernel> load)
        where TKernel : Delegate
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(load);
        ObjectDisposedException.ThrowIf(disposed, this);
        return (TKernel)kernels.GetOrAdd(key, static (_, state) => state.load(state.accelerator), (load, accelerator: Accelerator));
    }

    /// <summary>Allocates a buffer on the accelerator, owned by this device (freed at the latest when it is disposed).</summary>
    /// <typeparam name="T">The element type (<see cref="double"/> or <see cref="float"/> for kernel data).</typeparam>
    /// <param name="length">The number of elements.</param>
    /// <returns>The buffer; its <c>View</c> is what kernels take.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(long length)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ObjectDisposedException.ThrowIf(disposed, this);
        var buffer = Accelerator.Allocate1D<T>(length);
        lock (bufferLock)
        {
            ownedBuffers.Add(buffer);
        }

        return buffer;
    }

    /// <summary>Allocates a buffer holding a copy of <paramref name="data"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="data">The values to copy to the accelerator.</param>
    /// <returns>The buffer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(T[] data)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        var buffer = Allocate<T>(data.Length);
        buffer.View.CopyFromCPU(data);
        return buffer;
    }

    /// <summary>
    /// A view of <paramref name="length"/> elements of a scratch buffer kept under <paramref name="key"/> and reused by
    /// later calls (grown when a longer one is asked for), so repeated launches do not allocate device memory. Its
    /// contents are undefined; one key must not be used by two launches at once.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="key">A name unique to the use (e.g. the generated kernel's full name).</param>
    /// <param name="length">The number of elements needed.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public ArrayView<T> Scratch<T>(string key, long length)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ObjectDisposedException.ThrowIf(disposed, this);
        key += "|" + typeof(T).FullName;
        lock (bufferLock)
        {
            if (!scratch.TryGetValue(key, out var buffer) || buffer.Length < length)
            {
                if (buffer is not null)
                {
                    Accelerator.Synchronize();
                    ownedBuffers.Remove(buffer);
                    buffer.Dispose();
                }

                var grown = Accelerator.Allocate1D<T>(Math.Max(length, 1));
                ownedBuffers.Add(grown);
                scratch[key] = grown;
                buffer = grown;
            }

            return ((MemoryBuffer1D<T, Stride1D.Dense>)buffer).View.SubView(0, length);
        }
    }

    /// <summary>Waits for the kernels launched so far, then copies a view back to the host.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="view">The view to read.</param>
    /// <returns>A new array with the view's elements.</returns>
    public T[] Download<T>(ArrayView<T> view)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Accelerator.Synchronize();
        var result = new T[view.Length];
        view.CopyToCPU(result);
        return result;
    }

    /// <summary>Waits for the kernels launched so far, then copies a buffer's view back to the host.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="view">The view to read (e.g. <c>buffer.View</c>).</param>
    /// <returns>A new array with the view's elements.</returns>
    public T[] Download<T>(ArrayView1D<T, Stride1D.Dense> view)
        where T : unmanaged => Download(view.AsContiguous());

    /// <summary>Waits for every kernel launched so far to finish.</summary>
    public void Synchronize()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Accelerator.Synchronize();
    }

    /// <summary>Frees a buffer made by <see cref="Allocate{T}"/> or <see cref="Upload{T}"/> before the device is disposed.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
    public void Free(MemoryBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        lock (bufferLock)
        {
            ownedBuffers.Remove(buffer);
        }

        buffer.Dispose();
    }

    /// <summary>A one-line description: kind, name, and whether LibDevice is on (for benchmark and sample output).</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind} '{Name}'{(Kind == AcceleratorType.Cuda ? (LibDeviceEnabled ? " (LibDevice on)" : " (LibDevice not found)") : string.Empty)}");

    /// <summary>Frees the buffers, then the accelerator, then the context.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Accelerator.Synchronize();
        lock (bufferLock)
        {
            foreach (var buffer in ownedBuffers)
            {
                buffer.Dispose();
            }

            ownedBuffers.Clear();
            scratch.Clear();
        }

        kernels.Clear();
        Accelerator.Dispose();
        context.Dispose();
    }
}
