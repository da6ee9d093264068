using System.Reflection;
using DiffOpt.Ilgpu.Tests.Functions;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace DiffOpt.Ilgpu.Tests;

/// <summary>
/// The generated kernels compile with ILGPU's PTX backend (CUDA architecture sm_90 with PTX ISA 8.0, which ILGPU emits as an sm_80 module that runs on sm_80 and later, H100/H200 included) — no GPU needed, so
/// CI proves what the CPU accelerator cannot: that kernel code stays inside what ILGPU lowers to the GPU (no
/// allocation, exceptions, ref/out, Span, unsupported calls). Kernels that call double-precision transcendental
/// functions need ILGPU.Algorithms (or LibDevice, from a CUDA toolkit) for their PTX form: IlgpuDevice enables it.
/// </summary>
public sealed class PtxCompilationTests
{
    public static TheoryData<string, string> ArithmeticKernels() => new()
    {
        { nameof(TestFunctions.RosenbrockKernels), "ValueKernel" },
        { nameof(TestFunctions.RosenbrockKernels), "GradientKernel" },
        { nameof(TestFunctions.RosenbrockKernels), "JvpKernel" },
        { nameof(TestFunctions.ChainedRosenbrockKernels), "GradientKernel" },
        { nameof(TestFunctions.ChainedRosenbrockKernels), "JvpKernel" },
        { nameof(TestFunctions.ScaledKernels), "GradientKernel" },
        { nameof(TestFunctions.RosenbrockSingleKernels), "GradientKernel" },
    };

    /// <summary>Every kernel generated in the test project.</summary>
    public static TheoryData<string, string> AllKernels()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in typeof(TestFunctions).GetNestedTypes(BindingFlags.Public).Where(t => t.Name.EndsWith("Kernels", StringComparison.Ordinal)).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            foreach (var kernel in new[] { "ValueKernel", "GradientKernel", "JvpKernel" })
            {
                data.Add(type.Name, kernel);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ArithmeticKernels))]
    public void Arithmetic_kernels_compile_to_ptx(string kernelClass, string kernel)
    {
        var ptx = CompileToPtx(kernelClass, kernel);
        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.Contains(".target sm_", ptx, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllKernels))]
    public void Every_kernel_compiles_to_ptx_with_ilgpu_algorithms(string kernelClass, string kernel)
    {
        var ptx = CompileToPtx(kernelClass, kernel, algorithms: true);
        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_ilgpu_algorithms_or_libdevice_exp_has_no_ptx_implementation()
    {
        // Why IlgpuDevice enables ILGPU.Algorithms: plain ILGPU has no PTX form of Math.Exp.
        var error = Assert.ThrowsAny<Exception>(() => CompileToPtx(nameof(TestFunctions.LogisticLossKernels), "GradientKernel", algorithms: false));
        Assert.Contains("does not have an intrinsic implementation", error.ToString(), StringComparison.Ordinal);
    }

    private static string CompileToPtx(string kernelClass, string kernel, bool algorithms = false)
    {
        var type = typeof(TestFunctions).GetNestedType(kernelClass, BindingFlags.Public)!;
        var method = type.GetMethod(kernel, BindingFlags.Public | BindingFlags.Static)!;
        using var context = Context.Create(builder =>
        {
            builder.Default();
            if (algorithms)
            {
                builder.EnableAlgorithms();
            }
        });
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null);
        var entry = EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
        return compiled.PTXAssembly;
    }
}
