using System.Globalization;
using ILGPU.Runtime;

namespace DiffOpt.Ilgpu.Tests;

/// <summary>
/// Compares kernel results with the CPU code. On ILGPU's CPU accelerator the kernel is .NET code running the same
/// operations in the same order as the CPU code (both are written from one IR), so the bits must be equal. On a GPU,
/// PTX may fuse a multiply and an add into one FMA (one rounding instead of two) and the transcendental functions
/// are LibDevice's (within 1–2 ulp of correctly rounded), so there a relative tolerance of a few hundred ulps of the
/// result's scale applies (1e-13 in double, 1e-5 in float).
/// </summary>
internal static class KernelAssert
{
    public static void Same(IlgpuDevice device, double expected, double actual, string what)
    {
        if (device.Kind == AcceleratorType.CPU)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
                string.Create(CultureInfo.InvariantCulture, $"{what}: kernel {actual:R}, CPU code {expected:R} (CPU accelerator: must be bit-for-bit)"));
            return;
        }

        var tolerance = 1e-13 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, string.Create(CultureInfo.InvariantCulture, $"{what}: kernel {actual:R}, CPU code {expected:R}"));
    }

    public static void Same(IlgpuDevice device, float expected, float actual, string what)
    {
        if (device.Kind == AcceleratorType.CPU)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
                string.Create(CultureInfo.InvariantCulture, $"{what}: kernel {actual:R}, CPU code {expected:R} (CPU accelerator: must be bit-for-bit)"));
            return;
        }

        var tolerance = 1e-5 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, string.Create(CultureInfo.InvariantCulture, $"{what}: kernel {actual:R}, CPU code {expected:R}"));
    }
}
