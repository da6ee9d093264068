using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators;

/// <summary>The DiffOpt source generator.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class DiffOptGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
