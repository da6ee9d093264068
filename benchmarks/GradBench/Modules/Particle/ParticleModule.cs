using System.Text.Json;
using DiffOpt.GradBench.Json;
using DiffOpt.GradBench.Modules.NestedDescent;

namespace DiffOpt.GradBench.Modules.Particle;

/// <summary>
/// The <c>particle</c> module: from <c>{w}</c>, the control that minimises <see cref="ParticleModel.Cost"/> by
/// <see cref="GradientDescent"/>, for the variants <c>rr</c>, <c>rf</c>, <c>fr</c>, <c>ff</c> (first letter: the mode
/// of the outer derivative in w; second: the mode of the potential's gradient inside the trajectory).
/// </summary>
/// <remarks>
/// The outer derivative is the generated reverse-mode gradient of the cost (<c>r?</c>) or its forward-mode JVP
/// (<c>f?</c>). The inner derivative is the generated reverse-mode gradient of the potential in every variant:
/// differentiable code can call <c>[Gradient]</c> declarations but not <c>[Jvp]</c> ones, so <c>rf</c> and <c>ff</c>
/// compute the same derivatives as <c>rr</c> and <c>fr</c> (see docs/benchmarks.md).
/// </remarks>
internal sealed class ParticleModule : IGradBenchModule
{
    /// <inheritdoc/>
    public string Name => "particle";

    /// <inheritdoc/>
    /// <remarks>
    /// Whole descents, so that the derivatives are called thousands of times and reach optimised code (a start next
    /// to the optimum, one derivative per run, left the first timed runs twice as slow); <c>rr</c> and <c>fr</c> run
    /// every generated method (<c>rf</c> and <c>ff</c> share their code).
    /// </remarks>
    public IReadOnlyList<WarmUpInput> WarmUpInputs { get; } = [new("rr", """{"w": 0.1}"""), new("fr", """{"w": 0.1}""")];

    /// <inheritdoc/>
    public PreparedFunction Prepare(string function, JsonElement input)
    {
        bool outerReverse = function switch
        {
            "rr" or "rf" => true,
            "fr" or "ff" => false,
            _ => throw GradBenchInputException.UnknownFunction(Name, function, "rr", "rf", "fr", "ff"),
        };
        double w0 = JsonInput.GetDouble(input, "w");
        GradientDescent.GradientFunction gradient = outerReverse ? ReverseGradient : ForwardGradient;
        double[] w = new double[1];
        return PreparedFunction.Scalar(() =>
        {
            w[0] = w0;
            GradientDescent.ArgMin(Cost, gradient, w);
            return w[0];
        });
    }

    private static double Cost(ReadOnlySpan<double> w) => ParticleModel.Cost(w[0]);

    private static void ReverseGradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        ParticleModel.CostGradient(w[0], out double dW);
        gradient[0] = dW;
    }

    private static void ForwardGradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        ParticleModel.CostJvp(w[0], 1, out double dResult);
        gradient[0] = dResult;
    }
}
