namespace DiffOpt.Generators.Model;

/// <summary>A parameter as spelled in a generated method header.</summary>
/// <param name="Modifier">"", "out ", "ref ".</param>
/// <param name="Type">The type, <c>global::</c>-qualified.</param>
/// <param name="Name">The name.</param>
internal sealed record ParameterShell(string Modifier, string Type, string Name);

/// <summary>The header of a generated method.</summary>
/// <param name="Modifiers">Accessibility and modifiers, e.g. <c>public static partial</c>.</param>
/// <param name="ReturnType">The return type spelling.</param>
/// <param name="Name">The method name.</param>
/// <param name="Parameters">The parameters.</param>
internal sealed record MethodShell(string Modifiers, string ReturnType, string Name, EquatableArray<ParameterShell> Parameters);
