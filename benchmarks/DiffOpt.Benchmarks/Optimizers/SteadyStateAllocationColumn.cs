using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DiffOpt.Benchmarks.Optimizers;

/// <summary>
/// Bytes allocated per step after the first, counted on the stepping thread over 10 steps
/// (GC.GetAllocatedBytesForCurrentThread). Unlike the MemoryDiagnoser column it has no per-iteration floor,
/// which shows as a few bytes for operations that run once per iteration.
/// </summary>
public sealed class SteadyStateAllocationColumn : IColumn
{
    public string Id => nameof(SteadyStateAllocationColumn);

    public string ColumnName => "B/step (thread)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Bytes allocated per steady-state step on the stepping thread, over 10 steps after 3 warm-up steps";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        string kind = (string)benchmarkCase.Parameters[nameof(OptimizerStepBenchmarks.Optimizer)];
        int n = (int)benchmarkCase.Parameters[nameof(OptimizerStepBenchmarks.Parameters)];
        return OptimizerKinds.MeasureSteadyStateAllocation(kind, n).ToString("F1", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
