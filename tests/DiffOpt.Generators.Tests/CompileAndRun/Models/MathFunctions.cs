namespace DiffOpt.Generators.Tests.CompileAndRun.Models;

/// <summary>
/// One [Differentiable] function per supported <c>System.Math</c> member, each composed with a polynomial so the
/// chain rule is exercised too, plus its [Gradient] and [Jvp] declarations.
/// </summary>
public static partial class MathFunctions
{
    [Differentiable]
    public static double Sin(double x, double y) => Math.Sin(x * y) + x;

    [Gradient(nameof(Sin))]
    public static partial double SinGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Sin))]
    public static partial double SinJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Cos(double x, double y) => Math.Cos(x - 2 * y) * y;

    [Gradient(nameof(Cos))]
    public static partial double CosGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Cos))]
    public static partial double CosJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Tan(double x, double y) => Math.Tan(x * y);

    [Gradient(nameof(Tan))]
    public static partial double TanGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Tan))]
    public static partial double TanJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Asin(double x, double y) => Math.Asin(x * y);

    [Gradient(nameof(Asin))]
    public static partial double AsinGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Asin))]
    public static partial double AsinJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Acos(double x, double y) => Math.Acos(x - y);

    [Gradient(nameof(Acos))]
    public static partial double AcosGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Acos))]
    public static partial double AcosJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Atan(double x, double y) => Math.Atan(x / y);

    [Gradient(nameof(Atan))]
    public static partial double AtanGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Atan))]
    public static partial double AtanJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Atan2(double x, double y) => Math.Atan2(y, x);

    [Gradient(nameof(Atan2))]
    public static partial double Atan2Gradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Atan2))]
    public static partial double Atan2Jvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Sinh(double x, double y) => Math.Sinh(x * y);

    [Gradient(nameof(Sinh))]
    public static partial double SinhGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Sinh))]
    public static partial double SinhJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Cosh(double x, double y) => Math.Cosh(x + y * y);

    [Gradient(nameof(Cosh))]
    public static partial double CoshGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Cosh))]
    public static partial double CoshJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Tanh(double x, double y) => Math.Tanh(x * y);

    [Gradient(nameof(Tanh))]
    public static partial double TanhGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Tanh))]
    public static partial double TanhJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Asinh(double x, double y) => Math.Asinh(x - y);

    [Gradient(nameof(Asinh))]
    public static partial double AsinhGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Asinh))]
    public static partial double AsinhJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Acosh(double x, double y) => Math.Acosh(x * y);

    [Gradient(nameof(Acosh))]
    public static partial double AcoshGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Acosh))]
    public static partial double AcoshJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Atanh(double x, double y) => Math.Atanh(x * y);

    [Gradient(nameof(Atanh))]
    public static partial double AtanhGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Atanh))]
    public static partial double AtanhJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Exp(double x, double y) => Math.Exp(x * y - x);

    [Gradient(nameof(Exp))]
    public static partial double ExpGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Exp))]
    public static partial double ExpJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Log(double x, double y) => Math.Log(x * y);

    [Gradient(nameof(Log))]
    public static partial double LogGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Log))]
    public static partial double LogJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double LogWithBase(double x, double y) => Math.Log(x, y);

    [Gradient(nameof(LogWithBase))]
    public static partial double LogWithBaseGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(LogWithBase))]
    public static partial double LogWithBaseJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Log10(double x, double y) => Math.Log10(x * y);

    [Gradient(nameof(Log10))]
    public static partial double Log10Gradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Log10))]
    public static partial double Log10Jvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Log2(double x, double y) => Math.Log2(x + y);

    [Gradient(nameof(Log2))]
    public static partial double Log2Gradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Log2))]
    public static partial double Log2Jvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Sqrt(double x, double y) => Math.Sqrt(x * x + y);

    [Gradient(nameof(Sqrt))]
    public static partial double SqrtGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Sqrt))]
    public static partial double SqrtJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Cbrt(double x, double y) => Math.Cbrt(x * y);

    [Gradient(nameof(Cbrt))]
    public static partial double CbrtGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Cbrt))]
    public static partial double CbrtJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Pow(double x, double y) => Math.Pow(x, y);

    [Gradient(nameof(Pow))]
    public static partial double PowGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Pow))]
    public static partial double PowJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double PowConstantExponent(double x, double y) => Math.Pow(x, 3) + Math.Pow(y, 2) + Math.Pow(x * y, 0.5 * 3);

    [Gradient(nameof(PowConstantExponent))]
    public static partial double PowConstantExponentGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(PowConstantExponent))]
    public static partial double PowConstantExponentJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double PowConstantBase(double x, double y) => Math.Pow(2, x * y);

    [Gradient(nameof(PowConstantBase))]
    public static partial double PowConstantBaseGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(PowConstantBase))]
    public static partial double PowConstantBaseJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Abs(double x, double y) => Math.Abs(x - y) * x;

    [Gradient(nameof(Abs))]
    public static partial double AbsGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Abs))]
    public static partial double AbsJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Max(double x, double y) => Math.Max(x * y, x + y);

    [Gradient(nameof(Max))]
    public static partial double MaxGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Max))]
    public static partial double MaxJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Min(double x, double y) => Math.Min(x * y, x + y);

    [Gradient(nameof(Min))]
    public static partial double MinGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Min))]
    public static partial double MinJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Clamp(double x, double y, double z) => Math.Clamp(x, y, z);

    [Gradient(nameof(Clamp))]
    public static partial double ClampGradient(double x, double y, double z, out double dx, out double dy, out double dz);

    [Jvp(nameof(Clamp))]
    public static partial double ClampJvp(double x, double y, double z, double dx, double dy, double dz, out double dResult);

    [Differentiable]
    public static double FusedMultiplyAdd(double x, double y, double z) => Math.FusedMultiplyAdd(x, y, z);

    [Gradient(nameof(FusedMultiplyAdd))]
    public static partial double FusedMultiplyAddGradient(double x, double y, double z, out double dx, out double dy, out double dz);

    [Jvp(nameof(FusedMultiplyAdd))]
    public static partial double FusedMultiplyAddJvp(double x, double y, double z, double dx, double dy, double dz, out double dResult);

    [Differentiable]
    public static double Floor(double x, double y) => Math.Floor(x) * y + x;

    [Gradient(nameof(Floor))]
    public static partial double FloorGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Floor))]
    public static partial double FloorJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Ceiling(double x, double y) => Math.Ceiling(x) * y + x;

    [Gradient(nameof(Ceiling))]
    public static partial double CeilingGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Ceiling))]
    public static partial double CeilingJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Round(double x, double y) => Math.Round(x) * y + x;

    [Gradient(nameof(Round))]
    public static partial double RoundGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Round))]
    public static partial double RoundJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Truncate(double x, double y) => Math.Truncate(x) * y + x;

    [Gradient(nameof(Truncate))]
    public static partial double TruncateGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Truncate))]
    public static partial double TruncateJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double Sign(double x, double y) => Math.Sign(x) * y + x;

    [Gradient(nameof(Sign))]
    public static partial double SignGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Sign))]
    public static partial double SignJvp(double x, double y, double dx, double dy, out double dResult);
}
