using System.Collections.Generic;
using DiffOpt.Solvers;

namespace DiffOpt.Tests.Solvers.Problems;

/// <summary>A synchronous <see cref="IProgress{T}"/> that keeps every report.</summary>
internal sealed class RecordingProgress : IProgress<SolverProgress>
{
    public List<SolverProgress> Reports { get; } = new();

    public void Report(SolverProgress value) => Reports.Add(value);
}
