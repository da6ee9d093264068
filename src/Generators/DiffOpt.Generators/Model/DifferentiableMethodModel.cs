using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Model;

/// <summary>A lowered <c>[Differentiable]</c> method: what the generator needs to emit its pullback and pushforward helpers.</summary>
/// <param name="Type">Where the helpers go.</param>
/// <param name="Accessibility">The primal's accessibility keyword(s); the helpers get the same.</param>
/// <param name="IsStatic">Whether the primal is static.</param>
/// <param name="Primal">The primal in IR.</param>
/// <param name="PrimalParameters">The primal's parameters as spelled in C#.</param>
/// <param name="PrimalCref">A cref to the primal for XML docs.</param>
/// <param name="HintName">A unique, stable file name.</param>
internal sealed record DifferentiableMethodModel(
    TypeChain Type,
    string Accessibility,
    bool IsStatic,
    IrFunction Primal,
    EquatableArray<ParameterShell> PrimalParameters,
    string PrimalCref,
    string HintName);
