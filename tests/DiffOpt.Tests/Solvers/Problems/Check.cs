using System;
using System.Globalization;
using DiffOpt.Solvers;

namespace DiffOpt.Tests.Solvers.Problems;

/// <summary>Assertions shared by the solver tests.</summary>
internal static class Check
{
    /// <summary>max |expected − actual| ≤ tolerance, with the worst index in the message.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            if (!(error <= worst))
            {
                worst = error;
                at = i;
            }
        }

        Assert.True(
            worst <= tolerance,
            string.Create(CultureInfo.InvariantCulture, $"max |error| = {worst:E3} at index {at} (expected {(at >= 0 ? expected[at] : 0)}, got {(at >= 0 ? actual[at] : 0)}), tolerance {tolerance:E1}"));
    }

    public static void Converged(OptimizationResult result)
    {
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(OptimizationStatus.Converged, result.Status);
        Assert.True(double.IsFinite(result.Value), result.ToString());
    }

    public static double MaxAbs(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (double x in v)
        {
            m = Math.Max(m, Math.Abs(x));
        }

        return m;
    }
}
