// Parameters and locals named after C# keywords (written with '@'), which generated code must escape too.
using System;
using DiffOpt;

namespace Snapshots.KeywordNames;

public static partial class Functions
{
    [Differentiable]
    public static double Scale(double @in, double @base)
    {
        double @fixed = @in * @base;
        return @fixed + Math.Exp(@in);
    }

    [Gradient(nameof(Scale))]
    public static partial double ScaleGradient(double @in, double @base, out double dIn, out double dBase);

    [Jvp(nameof(Scale))]
    public static partial double ScaleJvp(double @in, double @base, double dIn, double dBase, out double dResult);
}
