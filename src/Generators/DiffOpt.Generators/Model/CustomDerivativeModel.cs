using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Model;

/// <summary>A method with a hand-written <c>[DerivativeOf]</c> derivative: what the generator needs to emit its helpers from it.</summary>
/// <param name="Type">Where the helpers go.</param>
/// <param name="Accessibility">The primal's accessibility; the helpers get the same.</param>
/// <param name="IsStatic">Whether the primal is static.</param>
/// <param name="Primal">The primal's signature (its body is not read).</param>
/// <param name="PrimalParameters">The primal's parameters as spelled in C#.</param>
/// <param name="Derivative">The name of the hand-written derivative method.</param>
/// <param name="Inputs">The derivative's parameters for each input and output, in order.</param>
/// <param name="PrimalCref">A cref to the primal for XML docs.</param>
/// <param name="HintName">A unique, stable file name.</param>
internal sealed record CustomDerivativeModel(
    TypeChain Type,
    string Accessibility,
    bool IsStatic,
    IrFunction Primal,
    EquatableArray<ParameterShell> PrimalParameters,
    string Derivative,
    EquatableArray<DerivativeInput> Inputs,
    string PrimalCref,
    string HintName);
