namespace DiffOpt.Generators.Kernels;

/// <summary>Why a method cannot become an ILGPU kernel; each kind has its own diagnostic.</summary>
internal enum KernelProblemKind
{
    /// <summary>A local array whose length is not a compile-time constant (DOPT0020).</summary>
    RuntimeSizedArray,

    /// <summary>A loop whose reverse mode needs the tape (DOPT0021).</summary>
    TapeInReverseMode,

    /// <summary>A call with no kernel form: another method, or a <c>Math</c> function ILGPU does not provide (DOPT0022).</summary>
    CallWithoutKernelForm,

    /// <summary>A parameter or result type a kernel cannot take (DOPT0023).</summary>
    UnsupportedParameter,

    /// <summary>The <c>[Kernel]</c> declaration itself is wrong (DOPT0024).</summary>
    InvalidDeclaration,
}

/// <summary>One reason a method cannot become a kernel.</summary>
/// <param name="Kind">The kind (selects the diagnostic).</param>
/// <param name="Subject">What it is about: a local array, a callee, a parameter (its name), or the loop's ordinal (1-based, source order) for <see cref="KernelProblemKind.TapeInReverseMode"/>.</param>
/// <param name="Reason">Why, in words.</param>
internal sealed record KernelProblem(KernelProblemKind Kind, string Subject, string Reason);
