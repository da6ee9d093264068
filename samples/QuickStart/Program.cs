using DiffOpt;

Console.WriteLine(Model.Loss(1, 2, new double[] { 1, 2 }));
var v = Model.LossGradient(1.5, 2, new double[] { 0.5, -1 }, out var da, new double[2]);
Console.WriteLine($"{v} {da}");

public static partial class Model
{
    [Differentiable]
    public static double Loss(double a, double b, ReadOnlySpan<double> w)
    {
        double s = a * w[0] + Math.Sin(b * w[1]);
        if (s > 1) { s = s * s; return Math.Exp(-s) + a; }
        double t = s > 0 ? Math.Log(1 + s) : -s;
        t += Helper(t, a);
        return t * a / b;
    }

    [Differentiable]
    public static double Helper(double u, double v) => Math.Tanh(u * v) + Math.Pow(u, 2);

    [Gradient(nameof(Loss))]
    public static partial double LossGradient(double a, double b, ReadOnlySpan<double> w, out double da, Span<double> dw);

    [Jvp(nameof(Loss))]
    public static partial double LossJvp(double a, double b, ReadOnlySpan<double> w, double da, ReadOnlySpan<double> dw, out double dResult);
}
