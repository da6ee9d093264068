namespace DiffOpt.Generators.Kernels;

/// <summary>How a parameter of a kernelised method reaches the kernel.</summary>
internal enum KernelLayout
{
    /// <summary>A double per item: an <c>ArrayView</c> of batch length, element <c>i</c> for item <c>i</c>.</summary>
    ItemScalar,

    /// <summary>A span per item, structure of arrays: element <c>j</c> of item <c>i</c> at <c>j * batch + i</c>.</summary>
    ItemVector,

    /// <summary>A double shared by every item: an <c>ArrayView</c> of length 1.</summary>
    SharedScalar,

    /// <summary>A span shared by every item: an <c>ArrayView</c> read as is.</summary>
    SharedVector,

    /// <summary>An <c>int</c> or <c>bool</c>: passed by value, the same for every item.</summary>
    Uniform,
}
