using System.Text.Json;
using DiffOpt.GradBench.Json;
using DiffOpt.GradBench.Modules.NestedDescent;

namespace DiffOpt.GradBench.Modules.Saddle;

/// <summary>
/// The <c>saddle</c> module: from <c>{start}</c>, p₁ = argmin of max over p₂ of f(p₁, p₂), then p₂ = argmax of
/// f(p₁, ·), both by <see cref="GradientDescent"/> from <c>start</c>; the output is <c>[p₁, p₂]</c>. Variants
/// <c>rr</c>, <c>rf</c>, <c>fr</c>, <c>ff</c>: the first letter is the mode of the outer derivative (of the inner
/// maximum in p₁), the second the mode of the gradient in p₂ (inside the maximum, and in the final argmax).
/// </summary>
/// <remarks>
/// The outer derivative is the generated reverse-mode gradient of <see cref="SaddleModel.Max"/> (<c>r?</c>) or two
/// forward-mode JVPs (<c>f?</c>), through the whole inner descent. Inside that descent the gradient in p₂ is the
/// generated reverse-mode gradient in every variant (differentiable code can call <c>[Gradient]</c> declarations but
/// not <c>[Jvp]</c> ones); the final, non-nested argmax uses the generated JVPs for <c>?f</c> and the generated
/// gradient for <c>?r</c>.
/// </remarks>
internal sealed class SaddleModule : IGradBenchModule
{
    private static readonly double[] UnitX = [1, 0];
    private static readonly double[] UnitY = [0, 1];

    /// <inheritdoc/>
    public string Name => "saddle";

    /// <inheritdoc/>
    /// <remarks><c>rr</c> and <c>ff</c> together run every generated method (the other two variants mix the same ones).</remarks>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } = [new("rr", """{"start": [0.5, -0.5]}"""), new("ff", """{"start": [0.5, -0.5]}""")];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        if (function is not ("rr" or "rf" or "fr" or "ff"))
        {
            throw GradBenchInputException.UnknownFunction(Name, function, "rr", "rf", "fr", "ff");
        }

        double[] start = JsonInput.GetDoubleArray(input, "start");
        if (start.Length != 2)
        {
            throw new GradBenchInputException($"field 'start' must have 2 elements, has {start.Length}");
        }

        bool outerReverse = function[0] == 'r';
        bool innerReverse = function[1] == 'r';
        double[] result = new double[4];
        GradientDescent.Function max = p1 => SaddleModel.Max(p1, start);
        GradientDescent.GradientFunction maxGradient = outerReverse
            ? (p1, g) => SaddleModel.MaxGradient(p1, start, g)
            : (p1, g) =>
            {
                SaddleModel.MaxJvp(p1, start, UnitX, out g[0]);
                SaddleModel.MaxJvp(p1, start, UnitY, out g[1]);
            };
        return PreparedFunction.Create(
            () =>
            {
                Span<double> p1 = result.AsSpan(0, 2);
                Span<double> p2 = result.AsSpan(2, 2);
                start.CopyTo(p1);
                GradientDescent.ArgMin(max, maxGradient, p1);
                double[] minimiser = p1.ToArray();
                start.CopyTo(p2);
                GradientDescent.ArgMax(
                    p => SaddleModel.Objective(minimiser, p),
                    innerReverse ? (p, g) => SaddleModel.ObjectiveGradientInP2(minimiser, p, g) : (p, g) => ForwardGradientInP2(minimiser, p, g),
                    p2);
            },
            w => JsonOutput.WriteArray(w, result));
    }

    private static void ForwardGradientInP2(ReadOnlySpan<double> p1, ReadOnlySpan<double> p2, Span<double> gradient)
    {
        SaddleModel.ObjectiveJvpInP2(p1, p2, UnitX, out gradient[0]);
        SaddleModel.ObjectiveJvpInP2(p1, p2, UnitY, out gradient[1]);
    }
}
