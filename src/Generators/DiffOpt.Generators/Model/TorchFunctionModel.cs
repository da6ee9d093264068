using DiffOpt.Generators.Signatures;

namespace DiffOpt.Generators.Model;

/// <summary>One parameter of a <c>[TorchFunction]</c> target and how the declaration supplies it.</summary>
/// <param name="Role">How the value crosses the TorchSharp boundary.</param>
/// <param name="DeclarationName">The declaration's parameter (the same name, or output + "Length").</param>
internal sealed record TorchParameterModel(TorchParameterRole Role, string DeclarationName);

/// <summary>A bound <c>[TorchFunction]</c> declaration: what the TorchSharp emitter needs.</summary>
/// <param name="Type">Where the implementation goes.</param>
/// <param name="Declaration">The user's partial declaration.</param>
/// <param name="Form">Elementwise tensor operations, or an autograd function over the generated helpers.</param>
/// <param name="Receiver">The target's type, <c>global::</c>-qualified.</param>
/// <param name="TargetName">The target method's name.</param>
/// <param name="TargetDisplayName">The target's full name, for messages at run time.</param>
/// <param name="TargetCref">A cref to the target for XML docs.</param>
/// <param name="Parameters">The target's parameters in order.</param>
/// <param name="ElementwiseBody">The lowered statements of the elementwise form (null for the autograd form).</param>
/// <param name="DeclarationHasDocumentation">Whether the user documented the declaration (then the emitter adds none).</param>
/// <param name="HintName">A unique, stable file name.</param>
internal sealed record TorchFunctionModel(
    TypeChain Type,
    MethodShell Declaration,
    TorchLoweringForm Form,
    string Receiver,
    string TargetName,
    string TargetDisplayName,
    string TargetCref,
    EquatableArray<TorchParameterModel> Parameters,
    EquatableArray<string>? ElementwiseBody,
    bool DeclarationHasDocumentation,
    string HintName);
