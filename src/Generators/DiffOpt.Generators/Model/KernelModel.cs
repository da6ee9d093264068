using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Model;

/// <summary>A <c>[Kernel(nameof(F))]</c> declaration bound to its primal: what the ILGPU kernel emitter needs.</summary>
/// <param name="Type">The kernel class with its containing types (where the kernels and launchers go).</param>
/// <param name="Primal">The primal in IR.</param>
/// <param name="Shared">Inputs that are the same for every item (map-reduce over the others); empty for a plain batch.</param>
/// <param name="PrimalCref">A cref to the primal for XML docs.</param>
/// <param name="HintName">A unique, stable file name.</param>
internal sealed record KernelModel(
    TypeChain Type,
    IrFunction Primal,
    EquatableArray<string> Shared,
    string PrimalCref,
    string HintName);
