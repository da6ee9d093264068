namespace DiffOpt.Generators.Tests.Infrastructure;

/// <summary>Computes the value at <c>x</c> and writes the gradient into <c>gradient</c>.</summary>
public delegate double FlatGradient(double[] x, double[] gradient);

/// <summary>Computes the value at <c>x</c> and its derivative along <c>tangent</c>.</summary>
public delegate double FlatJvp(double[] x, double[] tangent, out double resultTangent);

/// <summary>
/// A generated [Gradient]/[Jvp] pair seen through one flat shape, all differentiated inputs packed into one
/// vector, so one set of checks covers scalar, array and span signatures alike. Inputs that are not
/// differentiated (int parameters, constants) are fixed inside the adapters.
/// </summary>
public sealed class DerivativeCase
{
    public DerivativeCase(string name, Func<double[], double> value, FlatGradient gradient, FlatJvp jvp, params double[][] points)
    {
        Name = name;
        Value = value;
        Gradient = gradient;
        Jvp = jvp;
        Points = points;
    }

    public string Name { get; }

    /// <summary>The primal, called directly (not through generated code).</summary>
    public Func<double[], double> Value { get; }

    public FlatGradient Gradient { get; }

    public FlatJvp Jvp { get; }

    /// <summary>Points away from kinks and domain boundaries.</summary>
    public double[][] Points { get; }

    public override string ToString() => Name;

    public static DerivativeCase Scalar1(string name, Func<double, double> f, Gradient1 gradient, Jvp1 jvp, params double[] points) =>
        new(name, x => f(x[0]), (x, g) => gradient(x[0], out g[0]), (double[] x, double[] t, out double r) => jvp(x[0], t[0], out r), points.Select(p => new[] { p }).ToArray());

    public static DerivativeCase Scalar2(string name, Func<double, double, double> f, Gradient2 gradient, Jvp2 jvp, params double[][] points) =>
        new(name, x => f(x[0], x[1]), (x, g) => gradient(x[0], x[1], out g[0], out g[1]), (double[] x, double[] t, out double r) => jvp(x[0], x[1], t[0], t[1], out r), points);

    public static DerivativeCase Scalar3(string name, Func<double, double, double, double> f, Gradient3 gradient, Jvp3 jvp, params double[][] points) =>
        new(name, x => f(x[0], x[1], x[2]), (x, g) => gradient(x[0], x[1], x[2], out g[0], out g[1], out g[2]), (double[] x, double[] t, out double r) => jvp(x[0], x[1], x[2], t[0], t[1], t[2], out r), points);

    public static DerivativeCase Span(string name, SpanFunction f, SpanGradient gradient, SpanJvp jvp, params double[][] points) =>
        new(name, x => f(x), (x, g) => gradient(x, g), (double[] x, double[] t, out double r) => jvp(x, t, out r), points);

    public static DerivativeCase Array(string name, Func<double[], double> f, ArrayGradient gradient, ArrayJvp jvp, params double[][] points) =>
        new(name, f, (x, g) => gradient(x, g), (double[] x, double[] t, out double r) => jvp(x, t, out r), points);

    public delegate double Gradient1(double x, out double dx);

    public delegate double Jvp1(double x, double dx, out double dResult);

    public delegate double Gradient2(double x, double y, out double dx, out double dy);

    public delegate double Jvp2(double x, double y, double dx, double dy, out double dResult);

    public delegate double Gradient3(double x, double y, double z, out double dx, out double dy, out double dz);

    public delegate double Jvp3(double x, double y, double z, double dx, double dy, double dz, out double dResult);

    public delegate double SpanFunction(ReadOnlySpan<double> w);

    public delegate double SpanGradient(ReadOnlySpan<double> w, Span<double> dw);

    public delegate double SpanJvp(ReadOnlySpan<double> w, ReadOnlySpan<double> dw, out double dResult);

    public delegate double ArrayGradient(double[] w, Span<double> dw);

    public delegate double ArrayJvp(double[] w, ReadOnlySpan<double> dw, out double dResult);
}
