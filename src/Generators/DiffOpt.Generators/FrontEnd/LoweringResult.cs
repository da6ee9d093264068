using System.Collections.Immutable;
using DiffOpt.Generators.Ir;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.FrontEnd;

/// <summary>The outcome of lowering a method: the IR when it succeeded, and every diagnostic found.</summary>
internal sealed class LoweringResult
{
    public LoweringResult(IrFunction? function, ImmutableArray<Diagnostic> diagnostics)
    {
        Function = function;
        Diagnostics = diagnostics;
    }

    /// <summary>The IR, or null when any diagnostic is an error.</summary>
    public IrFunction? Function { get; }

    /// <summary>Diagnostics on the exact offending syntax.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }
}
