using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Kernels;

/// <summary>
/// The rules that decide whether a lowered <c>[Differentiable]</c> method can become an ILGPU kernel, shared by the
/// generator (which emits nothing when a rule fails) and the analyzer (which reports each failure on the source).
/// ILGPU compiles kernels from .NET IL to PTX or OpenCL C: no allocation, no exceptions, no <c>ref</c>/<c>out</c>,
/// no <c>Span</c>, no calls it cannot inline — so the tape of reverse mode, pooled arrays and the generated
/// helpers of other methods cannot run there.
/// </summary>
internal static class KernelSupport
{
    /// <summary>ILGPU 1.5 launches kernels of at most this many parameters (its loaders stop at 15 type arguments, the index included).</summary>
    public const int MaxKernelParameters = 14;

    /// <summary>
    /// <c>System.Math</c> functions ILGPU maps to its own intrinsics on every backend (on CUDA, the transcendental ones
    /// go through LibDevice). <c>Clamp</c> is written as two comparisons, since <c>Math.Clamp</c> can throw.
    /// </summary>
    private static readonly HashSet<Primitive> KernelPrimitives = new()
    {
        Primitive.Sin, Primitive.Cos, Primitive.Tan, Primitive.Asin, Primitive.Acos, Primitive.Atan, Primitive.Atan2,
        Primitive.Sinh, Primitive.Cosh, Primitive.Tanh, Primitive.Exp, Primitive.Log, Primitive.LogBase, Primitive.Log10,
        Primitive.Log2, Primitive.Sqrt, Primitive.Pow, Primitive.Abs, Primitive.Max, Primitive.Min, Primitive.Clamp,
        Primitive.Floor, Primitive.Ceiling,
    };

    /// <summary>Whether <paramref name="primitive"/> has a kernel form.</summary>
    public static bool HasKernelForm(Primitive primitive) => KernelPrimitives.Contains(primitive);

    /// <summary>How <paramref name="parameter"/> reaches the kernel, or null when it cannot.</summary>
    public static KernelLayout? LayoutOf(IrParameter parameter, ICollection<string> shared) => parameter switch
    {
        { Type: IrType.Int or IrType.Bool, Kind: IrParameterKind.Value } => KernelLayout.Uniform,
        { Type: IrType.Double, Kind: IrParameterKind.Value } => shared.Contains(parameter.Name) ? KernelLayout.SharedScalar : KernelLayout.ItemScalar,
        { Type: IrType.DoubleVector, Kind: IrParameterKind.DoubleArray or IrParameterKind.ReadOnlySpan } => shared.Contains(parameter.Name) ? KernelLayout.SharedVector : KernelLayout.ItemVector,
        _ => null,
    };

    /// <summary>The inputs the kernels differentiate: the shared ones for a map-reduce, else every differentiable input.</summary>
    public static List<IrParameter> DifferentiatedInputs(IrFunction primal, ICollection<string> shared) =>
        primal.Parameters.Where(p => p.IsDifferentiable && LayoutOf(p, shared) is KernelLayout.ItemScalar or KernelLayout.ItemVector or KernelLayout.SharedScalar or KernelLayout.SharedVector
            && (shared.Count == 0 || shared.Contains(p.Name))).ToList();

    /// <summary>Every reason <paramref name="primal"/> cannot become a kernel with these shared inputs (empty when it can).</summary>
    public static List<KernelProblem> Check(IrFunction primal, IReadOnlyList<string> shared)
    {
        var problems = new List<KernelProblem>();
        var sharedSet = new HashSet<string>(shared);
        foreach (var name in shared.Where(n => primal.Parameters.All(p => p.Name != n)))
        {
            problems.Add(new KernelProblem(KernelProblemKind.InvalidDeclaration, name, "'" + name + "' in Shared names no parameter of '" + primal.Name + "'"));
        }

        if (primal.ReturnType != IrType.Double)
        {
            problems.Add(new KernelProblem(KernelProblemKind.UnsupportedParameter, primal.Name, "a kernel evaluates a method that returns double or float; vector-valued methods (Span outputs) have no kernel form yet"));
        }

        foreach (var parameter in primal.Parameters)
        {
            var layout = LayoutOf(parameter, sharedSet);
            if (layout is null)
            {
                problems.Add(new KernelProblem(KernelProblemKind.UnsupportedParameter, parameter.Name, parameter.Kind switch
                {
                    IrParameterKind.Matrix => "two-dimensional arrays have no kernel layout; pass the matrix as a flattened span",
                    IrParameterKind.Span => "Span outputs (vector-valued methods) have no kernel form yet",
                    _ => "a kernel takes double, float, int, bool and double/float spans or arrays",
                }));
            }
            else if (sharedSet.Contains(parameter.Name) && layout == KernelLayout.Uniform)
            {
                problems.Add(new KernelProblem(KernelProblemKind.InvalidDeclaration, parameter.Name, "'" + parameter.Name + "' is an int or bool, which is already the same for every item; only double inputs can be Shared"));
            }
        }

        if (sharedSet.Count > 0 && DifferentiatedInputs(primal, sharedSet).Count == 0 && problems.Count == 0)
        {
            problems.Add(new KernelProblem(KernelProblemKind.InvalidDeclaration, primal.Name, "no Shared input is differentiable, so there is no gradient to sum"));
        }

        CheckStatements(primal.Body, problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        var count = ArgumentCount(primal, sharedSet);
        if (count > MaxKernelParameters)
        {
            problems.Add(new KernelProblem(KernelProblemKind.UnsupportedParameter, primal.Name, "its kernels would take " + count.ToString(CultureInfo.InvariantCulture) + " parameters; ILGPU launches at most " + MaxKernelParameters.ToString(CultureInfo.InvariantCulture)));
            return problems;
        }

        var tapeLoop = LoopNeedingTape(primal, sharedSet);
        if (tapeLoop > 0)
        {
            problems.Add(new KernelProblem(KernelProblemKind.TapeInReverseMode, tapeLoop.ToString(CultureInfo.InvariantCulture), "reverse mode must save values this loop overwrites on the tape, which a kernel cannot allocate"));
        }

        return problems;
    }

    /// <summary>The most parameters any of the generated kernels takes (after the thread index).</summary>
    public static int ArgumentCount(IrFunction primal, ICollection<string> shared)
    {
        var inputs = 1 + primal.Parameters.Sum(p => LayoutOf(p, shared) is KernelLayout.ItemVector or KernelLayout.SharedVector ? 2 : 1);
        var differentiated = DifferentiatedInputs(primal, shared).Count;
        var gradient = shared.Count > 0 ? inputs + 1 : inputs + 1 + differentiated;
        var jvp = inputs + differentiated + 2;
        return System.Math.Max(gradient, jvp);
    }

    private static void CheckStatements(IEnumerable<IrStmt> statements, List<KernelProblem> problems)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case DeclareArrayStmt a:
                    if (a.Length is not ConstExpr)
                    {
                        problems.Add(new KernelProblem(KernelProblemKind.RuntimeSizedArray, a.Name, "kernels allocate local arrays in registers or local memory, whose size must be a compile-time constant"));
                    }

                    CheckExpression(a.Length, problems);
                    break;
                case CallMethodStmt c:
                    problems.Add(new KernelProblem(KernelProblemKind.CallWithoutKernelForm, c.Callee.Name, "the derivatives of other methods are generated as Span/ref helpers, which kernels cannot call; inline the call"));
                    break;
                case DeclareStmt { Value: { } value }:
                    CheckExpression(value, problems);
                    break;
                case AssignStmt a:
                    CheckExpression(a.Value, problems);
                    break;
                case StoreStmt s:
                    CheckExpression(s.Index, problems);
                    CheckExpression(s.Value, problems);
                    break;
                case ReturnStmt { Value: { } value }:
                    CheckExpression(value, problems);
                    break;
                case IfStmt i:
                    CheckExpression(i.Condition, problems);
                    CheckStatements(i.Then, problems);
                    CheckStatements(i.Else, problems);
                    break;
                case LoopStmt l:
                    CheckExpression(l.Condition, problems);
                    CheckStatements(l.Body, problems);
                    CheckStatements(l.Step, problems);
                    break;
            }
        }
    }

    private static void CheckExpression(IrExpr expression, List<KernelProblem> problems)
    {
        switch (expression)
        {
            case MethodCallExpr m:
                problems.Add(new KernelProblem(KernelProblemKind.CallWithoutKernelForm, m.Callee.Name, "the derivatives of other methods are generated as Span/ref helpers, which kernels cannot call; inline the call"));
                break;
            case PrimitiveCallExpr p when !HasKernelForm(p.Function):
                problems.Add(new KernelProblem(KernelProblemKind.CallWithoutKernelForm, "Math." + PrimitiveTable.MathName(p.Function), "ILGPU has no kernel implementation of it"));
                break;
        }

        switch (expression)
        {
            case PrimitiveCallExpr p:
                foreach (var argument in p.Arguments)
                {
                    CheckExpression(argument, problems);
                }

                break;
            case MethodCallExpr m:
                foreach (var argument in m.Arguments)
                {
                    CheckExpression(argument, problems);
                }

                break;
            case UnaryExpr u:
                CheckExpression(u.Operand, problems);
                break;
            case BinaryExpr b:
                CheckExpression(b.Left, problems);
                CheckExpression(b.Right, problems);
                break;
            case ConditionalExpr c:
                CheckExpression(c.Condition, problems);
                CheckExpression(c.WhenTrue, problems);
                CheckExpression(c.WhenFalse, problems);
                break;
            case ConvertExpr c:
                CheckExpression(c.Operand, problems);
                break;
            case SignExpr s:
                CheckExpression(s.Operand, problems);
                break;
            case StopGradientExpr g:
                CheckExpression(g.Operand, problems);
                break;
            case LoadExpr l:
                CheckExpression(l.Index, problems);
                break;
        }
    }

    /// <summary>
    /// The ordinal (1-based, in source order) of the first loop whose reverse sweep needs the tape, or 0 when none
    /// does. Loops keep their order through preparation and the reverse transform, which is what lets the analyzer
    /// point at the loop in the source.
    /// </summary>
    private static int LoopNeedingTape(IrFunction primal, ICollection<string> shared)
    {
        var prepared = PreparedFunction.Prepare(primal, new[] { "index", "item", "batch" });
        var inputs = DifferentiatedInputs(primal, shared);
        var reverse = ReverseModeTransform.Transform(
            prepared,
            inputs.Select(i => i.Name),
            inputs.Where(i => i.Type == IrType.DoubleVector).ToDictionary(i => i.Name, i => prepared.Names.Fresh("d" + i.Name)),
            IrMath.One,
            skipEmptyAdjoints: false);
        var ordinal = 0;
        return FindTapeLoop(reverse.ForwardSweep, ref ordinal);
    }

    private static int FindTapeLoop(IEnumerable<IrStmt> statements, ref int ordinal)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case LoopStmt l:
                {
                    var own = ++ordinal;
                    if (PushesOutsideNestedLoops(l.Body) || PushesOutsideNestedLoops(l.Step))
                    {
                        return own;
                    }

                    var nested = FindTapeLoop(l.Body.Concat(l.Step), ref ordinal);
                    if (nested > 0)
                    {
                        return nested;
                    }

                    break;
                }

                case IfStmt i:
                {
                    var found = FindTapeLoop(i.Then.Concat(i.Else), ref ordinal);
                    if (found > 0)
                    {
                        return found;
                    }

                    break;
                }

                case PushStmt or PushArrayStmt:
                    // A push outside every loop (an array snapshot before a call): blame the first loop, or the method.
                    return ordinal == 0 ? 1 : ordinal;
            }
        }

        return 0;
    }

    private static bool PushesOutsideNestedLoops(IEnumerable<IrStmt> statements) => statements.Any(s => s switch
    {
        PushStmt or PushArrayStmt => true,
        IfStmt i => PushesOutsideNestedLoops(i.Then) || PushesOutsideNestedLoops(i.Else),
        _ => false,
    });
}
