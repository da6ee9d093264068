using CsCheck;
using Xunit.Abstractions;
using DiffOpt.Generators.Tests.Infrastructure;

namespace DiffOpt.Generators.Tests.PropertyBased;

/// <summary>
/// Property: for random well-typed functions in the supported subset, with [Gradient] and [Jvp] declarations
/// over random subsets of the inputs, the generated code compiles and the generated gradient and JVP agree
/// with central finite differences and with each other. Compiling is the cost, so each CsCheck sample is a
/// batch of functions compiled together.
/// </summary>
public sealed class RandomFunctionDerivativeTests(ITestOutputHelper output)
{
    private const int FunctionsPerCompilation = 50;
    private const int Compilations = 4;

    private static int batchCounter;

    [Fact]
    public void Generated_gradients_and_jvps_of_random_functions_match_finite_differences()
    {
        var functions = 0;
        var checkedPartials = 0;
        var skippedPartials = 0;
        PropertyRuns.Sample(
            RandomPrograms.Function.Array[FunctionsPerCompilation],
            batch =>
            {
                var (done, skipped) = CheckBatch(batch);
                Interlocked.Add(ref functions, batch.Length);
                Interlocked.Add(ref checkedPartials, done);
                Interlocked.Add(ref skippedPartials, skipped);
            },
            Compilations,
            batch => string.Join("\n", batch.Select((f, i) => "F" + i + ": " + f)));

        output.WriteLine($"{functions} functions: checked {checkedPartials} partial derivatives, skipped {skippedPartials}");

        // Partials at points within a step of a branch switch are skipped; most must be checked.
        Assert.True(checkedPartials >= 4 * skippedPartials, $"checked {checkedPartials} partial derivatives, skipped {skippedPartials}");
    }

    private static (int Checked, int Skipped) CheckBatch(RandomFunction[] batch)
    {
        var ns = "RandomBatch" + Interlocked.Increment(ref batchCounter);
        using var loaded = GenerateAndLoad(ns, batch);
        var type = ns + ".Functions";
        int done = 0, skipped = 0;
        for (var i = 0; i < batch.Length; i++)
        {
            var c = Adapt(loaded, type, "F" + i, batch[i]);
            var (d, s) = CheckFunction(c, batch[i], "F" + i + ": " + batch[i]);
            done += d;
            skipped += s;
        }

        return (done, skipped);
    }

    /// <summary>Compiles the batch; on failure, names the functions the errors are about (CsCheck's print cuts long batches).</summary>
    private static LoadedAssembly GenerateAndLoad(string ns, RandomFunction[] batch)
    {
        try
        {
            return InMemoryGeneratorHarness.GenerateAndLoad(RandomPrograms.Source(ns, batch));
        }
        catch (Xunit.Sdk.XunitException exception)
        {
            var culprits = System.Text.RegularExpressions.Regex.Matches(exception.Message, @"\bF(\d+)(Gradient|Jvp)?\b")
                .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                .Distinct()
                .Where(i => i < batch.Length);
            throw new Xunit.Sdk.XunitException(string.Join("\n", culprits.Select(i => $"F{i}: {batch[i]}")) + "\n" + exception.Message);
        }
    }

    private static DerivativeCase Adapt(LoadedAssembly loaded, string type, string name, RandomFunction function) =>
        new(name,
            loaded.StaticMethod<Func<double[], double>>(type, name + "Value"),
            loaded.StaticMethod<FlatGradient>(type, name + "GradientFlat"),
            loaded.StaticMethod<FlatJvp>(type, name + "JvpFlat"),
            function.Points);

    /// <summary>
    /// Checks every declared partial derivative at every point: the gradient's and the JVP's (along eᵢ) against
    /// finite differences, and against each other where both declare the input. A partial is skipped when the
    /// point is within a step of a branch switch or the function is not finite there: then finite differences
    /// with steps h and h/10 disagree (a jump) or the one-sided differences do (a kink).
    /// </summary>
    private static (int Checked, int Skipped) CheckFunction(DerivativeCase c, RandomFunction function, string description)
    {
        int done = 0, skipped = 0;
        foreach (var x in c.Points)
        {
            var value = c.Value(x);
            if (!double.IsFinite(value))
            {
                skipped += x.Length;
                continue;
            }

            var gradient = Enumerable.Repeat(double.NaN, x.Length).ToArray();
            var gradientValue = c.Gradient(x, gradient);
            DerivativeAssert.AssertClose(value, gradientValue, 1e-14, description + "\nthe gradient's returned value");

            for (var i = 0; i < x.Length; i++)
            {
                var inGradient = RandomFunction.Includes(function.GradientInputs, i);
                var inJvp = RandomFunction.Includes(function.JvpInputs, i);
                if (!inGradient && !inJvp)
                {
                    continue;
                }

                var jvp = double.NaN;
                if (inJvp)
                {
                    var tangent = new double[x.Length];
                    tangent[i] = 1;
                    var jvpValue = c.Jvp(x, tangent, out jvp);
                    DerivativeAssert.AssertClose(value, jvpValue, 1e-14, description + "\nthe JVP's returned value");
                }

                if (inGradient && inJvp)
                {
                    DerivativeAssert.AssertClose(gradient[i], jvp, 1e-9, description + $"\nJVP along e{i} vs gradient component {i} at {DerivativeAssert.Show(x)}");
                }

                var fd = FiniteDifferences.Partial(c.Value, x, i);
                var fdFine = FiniteDifferences.Partial(c.Value, x, i, FiniteDifferences.RelativeStep / 10);
                var (forward, backward) = FiniteDifferences.OneSided(c.Value, x, i);
                var smooth = double.IsFinite(fd) && double.IsFinite(fdFine)
                    && Math.Abs(fd - fdFine) <= 1e-5 * (1 + Math.Abs(fd))
                    && Math.Abs(forward - backward) <= 1e-5 * (1 + Math.Abs(fd));
                if (!smooth)
                {
                    skipped++;
                    continue;
                }

                if (inGradient)
                {
                    Assert.True(FiniteDifferences.Agrees(gradient[i], fd),
                        $"{description}\n∂f/∂input{i} at {DerivativeAssert.Show(x)} is {gradient[i]:R}, finite differences give {fd:R}");
                }

                if (inJvp)
                {
                    Assert.True(FiniteDifferences.Agrees(jvp, fd),
                        $"{description}\nJVP along e{i} at {DerivativeAssert.Show(x)} is {jvp:R}, finite differences give {fd:R}");
                }

                done++;
            }
        }

        return (done, skipped);
    }
}
