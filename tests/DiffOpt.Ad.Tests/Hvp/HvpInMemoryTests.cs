using DiffOpt.AdTests.Infrastructure;

namespace DiffOpt.AdTests.Hvp;

/// <summary>
/// HVP cases compiled in memory: a case whose generated code failed to compile would otherwise break this whole
/// project's build instead of failing one test.
/// </summary>
public sealed class HvpInMemoryTests
{
    private const string RecurrenceSource = """
        using System;
        using DiffOpt;

        namespace InMemory;

        public static partial class Model
        {
            [Differentiable]
            public static double Recurrence(double s, double a, int n)
            {
                for (int i = 0; i < n; i++)
                {
                    s = Math.Sin(s) * a + (0.1 * s * s);
                }

                return s;
            }

            [Gradient(nameof(Recurrence))]
            public static partial double RecurrenceGradient(double s, double a, int n, out double ds, out double da);

            [Hvp(nameof(Recurrence), "a")]
            public static partial void RecurrenceHvpA(double s, double a, int n, double v, out double hv);

            public static double F(double s, double a, int n) => Recurrence(s, a, n);

            public static double DfDa(double s, double a, int n)
            {
                RecurrenceGradient(s, a, n, out _, out var da);
                return da;
            }

            public static double HvpA(double s, double a, int n, double v)
            {
                RecurrenceHvpA(s, a, n, v, out var hv);
                return hv;
            }
        }
        """;

    [Fact]
    public void HvpWithRespectToAnInputWhenAnotherInputIsReassigned()
    {
        var assembly = InMemoryGenerator.CompileAndLoad(RecurrenceSource);
        var f = InMemoryGenerator.Method<Func<double, double, int, double>>(assembly, "InMemory.Model", "F");
        var dfda = InMemoryGenerator.Method<Func<double, double, int, double>>(assembly, "InMemory.Model", "DfDa");
        var hvp = InMemoryGenerator.Method<Func<double, double, int, double, double>>(assembly, "InMemory.Model", "HvpA");
        const int N = 40;
        DerivativeAssert.Hvp(
            "Recurrence (a)",
            th => f(0.5, th[0], N),
            (th, g) =>
            {
                g[0] = dfda(0.5, th[0], N);
                return f(0.5, th[0], N);
            },
            (th, u) => [hvp(0.5, th[0], N, u[0])],
            [1.1]);
    }
}
