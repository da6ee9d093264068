using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DiffOpt.Benchmarks.Optimizers;

/// <summary>
/// Optimizer state per parameter: bytes allocated by the first step (GC.GetAllocatedBytesForCurrentThread), divided
/// by the parameter count; the optimizer's own StateBytes report follows in parentheses.
/// </summary>
public sealed class StateBytesPerParameterColumn : IColumn
{
    public string Id => nameof(StateBytesPerParameterColumn);

    public string ColumnName => "State B/param (reported)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Optimizer state bytes per parameter: measured allocation of the first step (the optimizer's StateBytes / n in parentheses)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        string kind = (string)benchmarkCase.Parameters[nameof(OptimizerStepBenchmarks.Optimizer)];
        int n = (int)benchmarkCase.Parameters[nameof(OptimizerStepBenchmarks.Parameters)];
        var (measured, reported) = OptimizerKinds.MeasureState(kind, n);
        return string.Format(CultureInfo.InvariantCulture, "{0:F3} ({1:F3})", (double)measured / n, (double)reported / n);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
