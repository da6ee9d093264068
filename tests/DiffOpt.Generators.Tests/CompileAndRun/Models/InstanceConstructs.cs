namespace DiffOpt.Generators.Tests.CompileAndRun.Models;

/// <summary>
/// Instance [Differentiable] methods of a partial class: they read instance fields and properties as constants
/// and call each other on <c>this</c>; their [Gradient] and [Jvp] are instance methods too.
/// </summary>
public sealed partial class InstanceConstructs
{
    private readonly double weight;

    public InstanceConstructs(double weight, double bias)
    {
        this.weight = weight;
        Bias = bias;
    }

    public double Bias { get; }

    [Differentiable]
    public double Affine(double x) => weight * x + this.Bias;

    [Differentiable]
    public double Model(double x, double y)
    {
        double h = Affine(x) * y;
        h += this.Affine(y * y) + Bias;
        return Math.Tanh(h) * this.weight + CallTargets.Bump(x, y);
    }

    [Gradient(nameof(Model))]
    public partial double ModelGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Model))]
    public partial double ModelJvp(double x, double y, double dx, double dy, out double dResult);
}
