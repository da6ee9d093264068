using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DiffOpt.Benchmarks.Implicit;

/// <summary>|dL/dλ − closed form| / |closed form| of the method's result, from <see cref="HypergradientAccuracy"/>.</summary>
public sealed class RelativeErrorColumn : IColumn
{
    public string Id => nameof(RelativeErrorColumn);

    public string ColumnName => "Rel. error";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Relative error of the hypergradient against the closed form -(X'X/n + lambda I)^-1 w*";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        int d = (int)benchmarkCase.Parameters[nameof(RidgeHypergradientBenchmarks.D)];
        double? error = HypergradientAccuracy.Get(benchmarkCase.Descriptor.WorkloadMethod.Name, d);
        return error is null ? "?" : error.Value.ToString("E1", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
