using System;
using System.Globalization;

namespace DiffOpt.Solvers.Internal;

/// <summary>Argument checks shared by the solvers.</summary>
internal static class Guard
{
    public static SolverOptions Options(SolverOptions? options)
    {
        SolverOptions o = options ?? SolverOptions.Default;
        o.Validate(nameof(options));
        return o;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="paramName"/> when the point is empty or not finite.</summary>
    public static void StartingPoint(ReadOnlySpan<double> x0, string paramName)
    {
        if (x0.IsEmpty)
        {
            throw new ArgumentException("The starting point must have at least one element.", paramName);
        }

        for (int i = 0; i < x0.Length; i++)
        {
            if (!double.IsFinite(x0[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The starting point must be finite, but element {i} is {x0[i]}."),
                    paramName);
            }
        }
    }

    public static int InnerIterations(SolverOptions options, int n) => options.MaxInnerIterations ?? Math.Max(10, 2 * n);
}
