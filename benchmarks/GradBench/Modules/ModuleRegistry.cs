using DiffOpt.GradBench.Modules.Hello;

namespace DiffOpt.GradBench.Modules;

/// <summary>Every module the tool serves. One line per module, sorted by name; add a module by adding its line.</summary>
internal static class ModuleRegistry
{
    /// <summary>Creates one instance of every module.</summary>
    public static IReadOnlyList<IGradBenchModule> CreateAll() =>
    [
        new HelloModule(),
    ];
}
