using DiffOpt.Generators.Tests.CompileAndRun.Models;
using DiffOpt.Generators.Tests.Infrastructure;
using static DiffOpt.Generators.Tests.Infrastructure.DerivativeCase;
using C = DiffOpt.Generators.Tests.CompileAndRun.Models.CallConstructs;
using F = DiffOpt.Generators.Tests.CompileAndRun.Models.ControlFlowConstructs;
using S = DiffOpt.Generators.Tests.CompileAndRun.Models.ScalarConstructs;
using V = DiffOpt.Generators.Tests.CompileAndRun.Models.VectorConstructs;

namespace DiffOpt.Generators.Tests.CompileAndRun;

/// <summary>
/// The generated derivatives of every supported language construct. Branchy functions get a point in every
/// branch, away from the switching surfaces.
/// </summary>
public static class ConstructCases
{
    private static readonly double[][] AnyPlane = [[0.3, 1.2], [1.7, -0.4], [-2.5, 2.0]];
    private static readonly InstanceConstructs Instance = new(weight: 0.7, bias: -0.3);

    public static IReadOnlyList<DerivativeCase> All { get; } =
    [
        // Scalars.
        Scalar2("Arithmetic", S.Arithmetic, S.ArithmeticGradient, S.ArithmeticJvp, AnyPlane),
        Scalar2("Locals", S.Locals, S.LocalsGradient, S.LocalsJvp, AnyPlane),
        Scalar2("ReassignedParameters", S.ReassignedParameters, S.ReassignedParametersGradient, S.ReassignedParametersJvp, AnyPlane),
        Scalar1("Constants", S.Constants, S.ConstantsGradient, S.ConstantsJvp, 0.3, -1.7, 2.5),
        IntParameter(3),
        IntParameter(-2),
        Scalar2("Casts", S.Casts, S.CastsGradient, S.CastsJvp, [0.3, 1.23], [1.7, -0.44], [-2.5, 2.07]),
        Scalar2("ParenthesesAndUnaryPlus", S.ParenthesesAndUnaryPlus, S.ParenthesesAndUnaryPlusGradient, S.ParenthesesAndUnaryPlusJvp, AnyPlane),

        // Branches.
        Scalar2("Conditional", F.Conditional, F.ConditionalGradient, F.ConditionalJvp, [1.5, 0.5], [0.3, 1.2], [-1.0, -2.0]),
        Scalar2("NestedConditional", F.NestedConditional, F.NestedConditionalGradient, F.NestedConditionalJvp, [0.7, 1.3], [-1.5, 0.4], [-0.5, 2.5], [-0.5, 1.0], [1.3, 0.7]),
        Scalar2("IfElse", F.IfElse, F.IfElseGradient, F.IfElseJvp, [1.5, 1.0], [0.3, 1.2], [-2.0, -1.0]),
        Scalar2("EarlyReturn", F.EarlyReturn, F.EarlyReturnGradient, F.EarlyReturnJvp, [1.0, 1.5], [0.3, 1.2], [-2.5, 0.5]),
        Scalar2("NestedIfs", F.NestedIfs, F.NestedIfsGradient, F.NestedIfsJvp, [-1.0, -0.5], [-1.0, 2.5], [-1.2, 1.0], [0.5, 0.8], [0.5, 1.5], [12.0, 1.5]),
        Scalar2("ReturnInBothBranches", F.ReturnInBothBranches, F.ReturnInBothBranchesGradient, F.ReturnInBothBranchesJvp, [1.5, 0.5], [0.3, 1.2], [6.0, 7.0]),
        Scalar2("ScopedLocals", F.ScopedLocals, F.ScopedLocalsGradient, F.ScopedLocalsJvp, [1.5, 0.5], [0.3, 1.2]),

        // Arrays and spans.
        Span("SpanConstantIndices", w => V.SpanConstantIndices(w), V.SpanConstantIndicesGradient, V.SpanConstantIndicesJvp, [0.3, 1.2, -0.7, 2.0], [1.5, -0.4, 0.9, -1.1], [0.5, 0.25, 2.0]),
        Array("ArrayConstantIndices", V.ArrayConstantIndices, V.ArrayConstantIndicesGradient, V.ArrayConstantIndicesJvp, [0.3, 1.2, -0.7, 2.0], [1.5, -0.4, 0.9]),
        ComputedIndices(1, 1),
        ComputedIndices(0, 2),
        new("Mixed",
            x => V.Mixed(x[0], 2, x.AsSpan(1, 3), x[4]),
            (x, g) => V.MixedGradient(x[0], 2, x.AsSpan(1, 3), x[4], out g[0], g.AsSpan(1, 3), out g[4]),
            (double[] x, double[] t, out double r) => V.MixedJvp(x[0], 2, x.AsSpan(1, 3), x[4], t[0], t.AsSpan(1, 3), t[4], out r),
            [0.5, 1.0, 0.3, -0.2, 1.5], [1.5, 1.0, 0.3, -0.2, 1.5], [-0.7, 0.4, 1.1, 2.0, -0.9]),
        new("TwoVectors",
            x => V.TwoVectors(x[..2], x.AsSpan(2)),
            (x, g) => V.TwoVectorsGradient(x[..2], x.AsSpan(2), g.AsSpan(0, 2), g.AsSpan(2)),
            (double[] x, double[] t, out double r) => V.TwoVectorsJvp(x[..2], x.AsSpan(2), t.AsSpan(0, 2), t.AsSpan(2), out r),
            [0.5, 1.0, 0.3, -0.2, 1.5], [-0.7, 0.4, 1.1, 2.0, -0.9]),

        // Calls.
        Scalar2("CallSameType", C.SameType, C.SameTypeGradient, C.SameTypeJvp, AnyPlane),
        Scalar2("CallOtherType", C.OtherType, C.OtherTypeGradient, C.OtherTypeJvp, AnyPlane),
        Scalar2("CallChain", C.Chain, C.ChainGradient, C.ChainJvp, AnyPlane),
        Scalar2("CallBranchyCallee", C.CallsBranchy, C.CallsBranchyGradient, C.CallsBranchyJvp, [1.5, 0.5], [0.3, 1.2], [-1.0, -2.0]),
        new("CallPassingSpan",
            x => C.PassSpan(x.AsSpan(0, 3), x[3]),
            (x, g) => C.PassSpanGradient(x.AsSpan(0, 3), x[3], g.AsSpan(0, 3), out g[3]),
            (double[] x, double[] t, out double r) => C.PassSpanJvp(x.AsSpan(0, 3), x[3], t.AsSpan(0, 3), t[3], out r),
            [0.5, 1.0, 0.3, -0.2], [-0.7, 0.4, 1.1, 2.0]),
        new("CallPassingArray",
            x => C.PassArray(x[..3], x[3]),
            (x, g) => C.PassArrayGradient(x[..3], x[3], g.AsSpan(0, 3), out g[3]),
            (double[] x, double[] t, out double r) => C.PassArrayJvp(x[..3], x[3], t.AsSpan(0, 3), t[3], out r),
            [0.5, 1.0, 0.3, -0.2], [-0.7, 0.4, 1.1, 2.0]),

        // Instance methods.
        Scalar2("InstanceMethods", Instance.Model, Instance.ModelGradient, Instance.ModelJvp, AnyPlane),
    ];

    private static DerivativeCase IntParameter(int n) =>
        new("IntParameter(n=" + n + ")",
            x => S.IntParameter(x[0], n, x[1]),
            (x, g) => S.IntParameterGradient(x[0], n, x[1], out g[0], out g[1]),
            (double[] x, double[] t, out double r) => S.IntParameterJvp(x[0], n, x[1], t[0], t[1], out r),
            [0.3, 1.2], [-1.7, 0.4]);

    private static DerivativeCase ComputedIndices(int i, int j) =>
        Span("ComputedIndices(i=" + i + ",j=" + j + ")",
            w => V.ComputedIndices(w, i, j),
            (w, dw) => V.ComputedIndicesGradient(w, i, j, dw),
            (ReadOnlySpan<double> w, ReadOnlySpan<double> dw, out double r) => V.ComputedIndicesJvp(w, i, j, dw, out r),
            [0.3, 1.2, -0.7, 2.0, 0.6], [1.5, -0.4, 0.9, -0.5, 1.1]);
}
