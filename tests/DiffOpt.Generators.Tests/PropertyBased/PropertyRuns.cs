using CsCheck;

namespace DiffOpt.Generators.Tests.PropertyBased;

/// <summary>
/// Runs CsCheck samples reproducibly: by default each run draws the same examples, from fixed seeds, so a test
/// run is deterministic. Setting DIFFOPT_PROPERTY_EXPLORE=N runs N more examples from random seeds, which
/// CsCheck shrinks on failure and reports with the seed to replay.
/// </summary>
public static class PropertyRuns
{
    public const string ExploreVariable = "DIFFOPT_PROPERTY_EXPLORE";

    public static void Sample<T>(Gen<T> gen, Action<T> assert, int fixedExamples, Func<T, string> print)
    {
        for (var k = 0; k < fixedExamples; k++)
        {
            // One example per fixed seed: CsCheck runs exactly that example and names the seed if it fails.
            var seed = new PCG((uint)k + 1, 20261128UL).ToString();
            gen.Sample(assert, seed: seed, iter: 1, threads: 1, print: print);
        }

        if (int.TryParse(Environment.GetEnvironmentVariable(ExploreVariable), out var explore) && explore > 0)
        {
            gen.Sample(assert, iter: explore, threads: 1, print: print);
        }
    }
}
