namespace DiffOpt.Generators.Emit;

/// <summary>Where the elements of an IR array live inside a kernel.</summary>
internal enum KernelArrayKind
{
    /// <summary>One span per item in a structure-of-arrays view: element <c>j</c> of this item at <c>j * batch + item</c>.</summary>
    PerItem,

    /// <summary>One span for the whole batch: element <c>j</c> at <c>j</c>.</summary>
    Shared,

    /// <summary>Rows of a map-reduce scratch view: element <c>j</c> of this item at <c>(offset + j) * batch + item</c>.</summary>
    Rows,

    /// <summary>A local array in ILGPU local memory.</summary>
    Local,
}

/// <summary>How a kernel reads and writes the elements of one IR array, and its length.</summary>
/// <param name="View">The C# name of the view.</param>
/// <param name="Kind">Its layout.</param>
/// <param name="Length">C# code for its per-item length.</param>
/// <param name="RowOffset">For <see cref="KernelArrayKind.Rows"/>, C# code for the first row.</param>
internal sealed record KernelArrayAccess(string View, KernelArrayKind Kind, string Length, string? RowOffset = null);
