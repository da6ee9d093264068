namespace DiffOpt.Generators.Tests.CompileAndRun.Models;

/// <summary>
/// Scalar language constructs: expression and block bodies, locals, assignment and compound assignment,
/// reassigned parameters, arithmetic, constants, members read as constants, int parameters and casts.
/// </summary>
public static partial class ScalarConstructs
{
    private const double Half = 0.5;
    private static readonly double Scale = 1.75;

    private static double Offset => -0.25;

    private static int Count { get; } = 3;

    // + - * / and unary minus in an expression body, with int and double literals.
    [Differentiable]
    public static double Arithmetic(double x, double y) => -x * y + x / y - (y - 3) * x * x + -(-y) / 2;

    [Gradient(nameof(Arithmetic))]
    public static partial double ArithmeticGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Arithmetic))]
    public static partial double ArithmeticJvp(double x, double y, double dx, double dy, out double dResult);

    // Locals with =, +=, -=, *=, /=; a local overwritten several times.
    [Differentiable]
    public static double Locals(double x, double y)
    {
        double a = x * y;
        double b;
        b = a + x;
        a += y * y;
        a -= x;
        b *= a;
        b /= 1 + y * y;
        a = b - a * 0.5;
        double c = a, d = b * 2;
        return c * d;
    }

    [Gradient(nameof(Locals))]
    public static partial double LocalsGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Locals))]
    public static partial double LocalsJvp(double x, double y, double dx, double dy, out double dResult);

    // Parameters reassigned with = and compound assignment: the derivative is of the incoming values.
    [Differentiable]
    public static double ReassignedParameters(double x, double y)
    {
        x = x * x;
        y += x;
        x -= y / 3;
        y *= x;
        x /= 2;
        return x * y + x;
    }

    [Gradient(nameof(ReassignedParameters))]
    public static partial double ReassignedParametersGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(ReassignedParameters))]
    public static partial double ReassignedParametersJvp(double x, double y, double dx, double dy, out double dResult);

    // Math.PI, Math.E, a const field, a static readonly field, static properties: all constants.
    [Differentiable]
    public static double Constants(double x)
    {
        double s = Math.PI * x * x + Math.E;
        s += Half * Scale * x;
        return s * Offset + Count * x + Math.Tau;
    }

    [Gradient(nameof(Constants))]
    public static partial double ConstantsGradient(double x, out double dx);

    [Jvp(nameof(Constants))]
    public static partial double ConstantsJvp(double x, double dx, out double dResult);

    // int parameters are not differentiated: they scale, index and convert.
    [Differentiable]
    public static double IntParameter(double x, int n, double y)
    {
        int m = n * 2 + 1;
        m -= 1;
        double nd = n;
        return x * m + y * nd / 4 + (double)(n / 2) * x * y;
    }

    [Gradient(nameof(IntParameter))]
    public static partial double IntParameterGradient(double x, int n, double y, out double dx, out double dy);

    [Jvp(nameof(IntParameter))]
    public static partial double IntParameterJvp(double x, int n, double y, double dx, double dy, out double dResult);

    // double → int truncates (zero derivative through the int); int → double carries no derivative.
    [Differentiable]
    public static double Casts(double x, double y)
    {
        int whole = (int)x;
        double back = (double)whole;
        double explicitDouble = (double)(x * y);
        return back * y + explicitDouble + (int)(y * 10) / 10.0;
    }

    [Gradient(nameof(Casts))]
    public static partial double CastsGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Casts))]
    public static partial double CastsJvp(double x, double y, double dx, double dy, out double dResult);

    // Parentheses that change the evaluation order, and unary plus.
    [Differentiable]
    public static double ParenthesesAndUnaryPlus(double x, double y) => +((x + y) * (x - (y * (x + 1))));

    [Gradient(nameof(ParenthesesAndUnaryPlus))]
    public static partial double ParenthesesAndUnaryPlusGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(ParenthesesAndUnaryPlus))]
    public static partial double ParenthesesAndUnaryPlusJvp(double x, double y, double dx, double dy, out double dResult);
}
