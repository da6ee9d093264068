using System;

namespace DiffOpt;

/// <summary>
/// Asks the generator to lower a <see cref="DifferentiableAttribute">[Differentiable]</see> method to ILGPU kernels
/// that evaluate it, its gradient (reverse mode) and its Jacobian-vector product (forward mode) for a batch of
/// independent items, one item per thread (the <c>vmap</c> of JAX). Put it on a <see langword="static"/>
/// <see langword="partial"/> class nested in the type that declares the method; the generator fills that class with
/// the kernels and with host-side launchers that run them through <c>DiffOpt.Ilgpu.IlgpuDevice</c>.
/// </summary>
/// <remarks>
/// <para>
/// The project must reference the <c>DiffOpt.Ilgpu</c> package (which brings ILGPU); the core <c>DiffOpt</c> package
/// carries only this attribute. Scalar and span inputs are laid out as <c>ArrayView</c>s in structure-of-arrays form:
/// element <c>j</c> of item <c>i</c> of a batch of <c>n</c> items is at <c>j * n + i</c>. The length of a span input is
/// the same for every item and is taken from the view at launch (<c>view.Length / n</c>).
/// </para>
/// <para>
/// With <see cref="Shared"/> the kernel becomes a map-reduce over a dataset: the named inputs (the parameters θ) are
/// the same for every item, the other inputs are the data, and the generated <c>SumGradient</c> launcher returns
/// Σᵢ f(θ, xᵢ) and writes Σᵢ ∇θ f(θ, xᵢ), reduced on the accelerator.
/// </para>
/// <code>
/// public static partial class Functions
/// {
///     [Differentiable]
///     public static double Rosenbrock(double x, double y) =&gt; (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
///
///     [Kernel(nameof(Rosenbrock))]
///     public static partial class RosenbrockKernels;
/// }
/// </code>
/// <para>
/// Not every differentiable method can become a kernel: local arrays of run-time size (DOPT0020), loops whose reverse
/// mode needs the tape (DOPT0021), calls without a kernel form (DOPT0022), unsupported parameter types (DOPT0023) and
/// a declaration that is not a static partial class next to the method (DOPT0024) are reported by the analyzer.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KernelAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="function">The name of the <c>[Differentiable]</c> method to lower; use <c>nameof</c>.</param>
    public KernelAttribute(string function) => Function = function;

    /// <summary>The name of the lowered method.</summary>
    public string Function { get; }

    /// <summary>
    /// Names of the inputs that are the same for every item (the parameters of a loss summed over a dataset). When
    /// set, the gradient is taken with respect to these inputs only and summed over the batch (map-reduce); the other
    /// inputs are data. Empty (the default): every input is per item and every differentiable input is differentiated.
    /// </summary>
    public string[] Shared { get; set; } = Array.Empty<string>();
}
