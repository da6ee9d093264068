namespace DiffOpt.Generators.Model;

/// <summary>A type that contains generated members: its keyword and name as they must be repeated in a partial declaration.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="NameWithTypeParameters">The name with its type parameter list, e.g. <c>Model&lt;T&gt;</c>.</param>
internal sealed record ContainingType(string Keyword, string NameWithTypeParameters);

/// <summary>Where generated members go: the namespace and the chain of containing types, outermost first.</summary>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="Types">Containing types, outermost first.</param>
/// <param name="FullName">A display name used for file names and documentation.</param>
internal sealed record TypeChain(string? Namespace, EquatableArray<ContainingType> Types, string FullName);
