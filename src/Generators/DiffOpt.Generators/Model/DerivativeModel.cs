using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Model;

/// <summary>The kinds of derivative declarations.</summary>
internal enum DerivativeKind
{
    Gradient,
    Jvp,
    Hvp,
    Vjp,
}

/// <summary>One differentiated input of a derivative declaration.</summary>
/// <param name="Input">The primal parameter's name.</param>
/// <param name="DerivativeParameter">The name of its gradient or tangent parameter.</param>
/// <param name="IsVector">Whether it is an array/span input.</param>
/// <param name="IsOutput">Whether it is a span output of a vector-valued function (its tangent out, or its cotangent in).</param>
internal sealed record DerivativeInput(string Input, string DerivativeParameter, bool IsVector, bool IsOutput = false);

/// <summary>A user's derivative declaration bound to its primal: everything needed to implement it.</summary>
/// <param name="Type">Where the implementation goes.</param>
/// <param name="Kind">Gradient or JVP.</param>
/// <param name="Declaration">The user's method header, repeated exactly.</param>
/// <param name="Primal">The primal in IR.</param>
/// <param name="Inputs">The differentiated inputs, in order.</param>
/// <param name="ResultTangent">The JVP's <c>out double</c> result tangent parameter, or the HVP's result (<c>out double</c> or span); null for gradients.</param>
/// <param name="ReturnsValue">Whether the declaration returns the primal value (else void).</param>
/// <param name="PrimalCref">A cref to the primal for XML docs.</param>
/// <param name="DeclarationHasDocumentation">Whether the user documented the declaration (then the implementation adds none).</param>
/// <param name="HintName">A unique, stable file name.</param>
internal sealed record DerivativeModel(
    TypeChain Type,
    DerivativeKind Kind,
    MethodShell Declaration,
    IrFunction Primal,
    EquatableArray<DerivativeInput> Inputs,
    string? ResultTangent,
    bool ReturnsValue,
    string PrimalCref,
    bool DeclarationHasDocumentation,
    string HintName);
