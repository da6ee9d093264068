using DiffOpt.Generators.Tests.CompileAndRun.Models;
using DiffOpt.Generators.Tests.Infrastructure;
using static DiffOpt.Generators.Tests.Infrastructure.DerivativeCase;
using M = DiffOpt.Generators.Tests.CompileAndRun.Models.MathFunctions;

namespace DiffOpt.Generators.Tests.CompileAndRun;

/// <summary>
/// The generated derivatives of every supported Math member, each at points inside its domain and away from
/// kinks, branch cuts and jumps (where finite differences say nothing).
/// </summary>
public static class MathFunctionCases
{
    private static readonly double[][] AnyPlane = [[0.3, -1.2], [1.7, 0.4], [-2.5, 2.0]];
    private static readonly double[][] ProductBelowOne = [[0.3, -1.2], [0.5, 1.5], [-0.8, 0.7]];
    private static readonly double[][] PositiveProduct = [[0.3, 1.2], [1.7, 0.4], [-2.5, -2.0]];
    private static readonly double[][] NonIntegerX = [[0.3, 1.2], [1.7, -0.4], [-2.2, -2.0]];

    public static IReadOnlyList<DerivativeCase> All { get; } =
    [
        Scalar2("Sin", M.Sin, M.SinGradient, M.SinJvp, AnyPlane),
        Scalar2("Cos", M.Cos, M.CosGradient, M.CosJvp, AnyPlane),
        Scalar2("Tan", M.Tan, M.TanGradient, M.TanJvp, [0.3, -1.2], [1.7, 0.4], [-0.9, 1.1]),
        Scalar2("Asin", M.Asin, M.AsinGradient, M.AsinJvp, ProductBelowOne),
        Scalar2("Acos", M.Acos, M.AcosGradient, M.AcosJvp, [0.3, 0.1], [-0.2, 0.5], [1.4, 0.6]),
        Scalar2("Atan", M.Atan, M.AtanGradient, M.AtanJvp, AnyPlane),
        Scalar2("Atan2", M.Atan2, M.Atan2Gradient, M.Atan2Jvp, [0.3, -1.2], [-1.7, 0.4], [-2.5, -2.0], [1.5, 0.0]),
        Scalar2("Sinh", M.Sinh, M.SinhGradient, M.SinhJvp, [0.3, -1.2], [1.7, 0.4], [-1.5, 1.0]),
        Scalar2("Cosh", M.Cosh, M.CoshGradient, M.CoshJvp, [0.3, -1.2], [1.7, 0.4], [-1.5, 1.0]),
        Scalar2("Tanh", M.Tanh, M.TanhGradient, M.TanhJvp, [0.3, -1.2], [1.7, 0.4], [-1.5, 1.0]),
        Scalar2("Asinh", M.Asinh, M.AsinhGradient, M.AsinhJvp, AnyPlane),
        Scalar2("Acosh", M.Acosh, M.AcoshGradient, M.AcoshJvp, [1.5, 1.0], [2.0, 3.0], [-1.2, -1.5]),
        Scalar2("Atanh", M.Atanh, M.AtanhGradient, M.AtanhJvp, ProductBelowOne),
        Scalar2("Exp", M.Exp, M.ExpGradient, M.ExpJvp, AnyPlane),
        Scalar2("Log", M.Log, M.LogGradient, M.LogJvp, PositiveProduct),
        Scalar2("LogWithBase", M.LogWithBase, M.LogWithBaseGradient, M.LogWithBaseJvp, [0.3, 2.0], [1.7, 0.4], [5.0, 10.0]),
        Scalar2("Log10", M.Log10, M.Log10Gradient, M.Log10Jvp, PositiveProduct),
        Scalar2("Log2", M.Log2, M.Log2Gradient, M.Log2Jvp, [0.3, 1.2], [1.7, -0.4], [-2.5, 4.0]),
        Scalar2("Sqrt", M.Sqrt, M.SqrtGradient, M.SqrtJvp, [0.3, 1.2], [1.7, -0.4], [-2.5, 0.5]),
        Scalar2("Cbrt", M.Cbrt, M.CbrtGradient, M.CbrtJvp, [0.3, 1.2], [1.7, -0.4], [-2.5, -2.0]),
        Scalar2("Pow", M.Pow, M.PowGradient, M.PowJvp, [0.3, 1.2], [1.7, -0.4], [2.5, 3.0]),
        Scalar2("PowConstantExponent", M.PowConstantExponent, M.PowConstantExponentGradient, M.PowConstantExponentJvp, [-1.5, -0.8], [0.7, 1.3], [-0.4, -2.0]),
        Scalar2("PowConstantBase", M.PowConstantBase, M.PowConstantBaseGradient, M.PowConstantBaseJvp, AnyPlane),
        Scalar2("Abs", M.Abs, M.AbsGradient, M.AbsJvp, [0.3, 1.2], [1.7, -0.4], [-2.5, -2.0]),
        Scalar2("Max", M.Max, M.MaxGradient, M.MaxJvp, [0.3, 1.2], [2.0, 3.0], [-2.5, -2.0], [1.7, -0.4]),
        Scalar2("Min", M.Min, M.MinGradient, M.MinJvp, [0.3, 1.2], [2.0, 3.0], [-2.5, -2.0], [1.7, -0.4]),
        Scalar3("Clamp", M.Clamp, M.ClampGradient, M.ClampJvp, [0.1, 0.5, 2.0], [1.0, 0.5, 2.0], [3.0, 0.5, 2.0]),
        Scalar3("FusedMultiplyAdd", M.FusedMultiplyAdd, M.FusedMultiplyAddGradient, M.FusedMultiplyAddJvp, [0.3, 1.2, -0.5], [1.7, -0.4, 2.0], [-2.5, -2.0, 0.1]),
        Scalar2("Floor", M.Floor, M.FloorGradient, M.FloorJvp, NonIntegerX),
        Scalar2("Ceiling", M.Ceiling, M.CeilingGradient, M.CeilingJvp, NonIntegerX),
        Scalar2("Round", M.Round, M.RoundGradient, M.RoundJvp, NonIntegerX),
        Scalar2("Truncate", M.Truncate, M.TruncateGradient, M.TruncateJvp, NonIntegerX),
        Scalar2("Sign", M.Sign, M.SignGradient, M.SignJvp, [0.3, 1.2], [-1.7, -0.4], [2.5, -2.0]),
    ];
}
