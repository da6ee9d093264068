using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Ir;

/// <summary>An IR statement. Control flow is structured (regions), so loops stay loops in generated code.</summary>
internal abstract record IrStmt;

/// <summary>Declares a local, optionally initialised (<c>double y = e;</c>).</summary>
internal sealed record DeclareStmt(string Name, IrType Type, IrExpr? Value) : IrStmt;

/// <summary>Assigns a local or parameter (<c>y = e;</c>); compound assignments are lowered to this.</summary>
internal sealed record AssignStmt(string Name, IrExpr Value) : IrStmt;

/// <summary>Adds to a local or <c>ref</c>/<c>out</c> parameter (<c>y += e;</c>): how adjoints accumulate.</summary>
internal sealed record AccumulateStmt(string Name, IrExpr Value) : IrStmt;

/// <summary>Adds to an element of a writable span (<c>dx[i] += e;</c>). Skipped when <see cref="SkipWhenEmpty"/> and the span is empty.</summary>
internal sealed record AccumulateElementStmt(string Span, IrExpr Index, IrExpr Value, bool SkipWhenEmpty) : IrStmt;

/// <summary>Sets the elements of a writable span from <see cref="Start"/> on to zero.</summary>
internal sealed record ClearStmt(string Span, int Start = 0) : IrStmt;

/// <summary>Throws <c>ArgumentException</c> naming <see cref="Span"/> unless its length equals that of <see cref="LengthOf"/>.</summary>
internal sealed record CheckLengthStmt(string Span, string LengthOf, bool AllowEmpty) : IrStmt;

/// <summary><c>if (condition) { then } else { else }</c>.</summary>
internal sealed record IfStmt(IrExpr Condition, EquatableArray<IrStmt> Then, EquatableArray<IrStmt> Else) : IrStmt;

/// <summary><c>return value;</c> (<see cref="Value"/> is null in a void function).</summary>
internal sealed record ReturnStmt(IrExpr? Value) : IrStmt;

/// <summary>How an argument of a <see cref="CallStmt"/> is passed.</summary>
internal enum ArgumentKind
{
    Value,
    Ref,
    Out,
    OutDeclare,
}

/// <summary>An argument of a <see cref="CallStmt"/>: an expression by value, or a variable by <c>ref</c>/<c>out</c>.</summary>
internal sealed record CallArgument(ArgumentKind Kind, IrExpr Value);

/// <summary>A call of a generated helper (<c>[double] result = Receiver.Method(args);</c>), with <c>ref</c>/<c>out</c> arguments.</summary>
/// <param name="Receiver">The spelling of the receiver (type or <c>this</c>).</param>
/// <param name="Method">The method name.</param>
/// <param name="Arguments">The arguments.</param>
/// <param name="Result">The double local that receives the result, or null to discard it.</param>
/// <param name="DeclaresResult">Whether the statement declares <see cref="Result"/>.</param>
/// <param name="FirstOutput">Index of the first argument the callee writes (adjoint accumulators, tangent outputs); the ones before are read only.</param>
internal sealed record CallStmt(string Receiver, string Method, EquatableArray<CallArgument> Arguments, string? Result, bool DeclaresResult, int FirstOutput) : IrStmt;

/// <summary>
/// A loop in canonical form: <c>while (Condition) { Body; Step }</c>. <see cref="Step"/> is the increment of a
/// <c>for</c> loop, which also runs after a <c>continue</c>; loops keep their shape in generated code.
/// </summary>
internal sealed record LoopStmt(IrExpr Condition, EquatableArray<IrStmt> Body, EquatableArray<IrStmt> Step) : IrStmt;

/// <summary><c>break;</c> out of the innermost loop (removed by JumpElimination before differentiation).</summary>
internal sealed record BreakStmt : IrStmt;

/// <summary><c>continue;</c> with the innermost loop (removed by JumpElimination before differentiation).</summary>
internal sealed record ContinueStmt : IrStmt;

/// <summary>Declares a local array of doubles, zero-initialised: <c>double[] name = new double[length];</c>.</summary>
internal sealed record DeclareArrayStmt(string Name, IrExpr Length) : IrStmt;

/// <summary>Writes an element: <c>array[index] = value;</c> (a local array or an output span).</summary>
internal sealed record StoreStmt(string Array, IrExpr Index, IrExpr Value) : IrStmt;

/// <summary>Takes a pooled reverse-mode tape into the local <see cref="Tape"/>.</summary>
internal sealed record RentTapeStmt(string Tape) : IrStmt;

/// <summary>Gives the tape back to its pool.</summary>
internal sealed record ReturnTapeStmt(string Tape) : IrStmt;

/// <summary>Saves a value on the reverse-mode tape before it is overwritten.</summary>
internal sealed record PushStmt(string Tape, IrExpr Value) : IrStmt;

/// <summary>Restores a local from the reverse-mode tape.</summary>
internal sealed record PopStmt(string Tape, string Name, IrType Type) : IrStmt;

/// <summary>A counted loop of the reverse sweep: <c>for (int counter = Count; counter &gt; 0; counter--) { Body }</c>.</summary>
internal sealed record ReverseLoopStmt(string Counter, IrExpr Count, EquatableArray<IrStmt> Body) : IrStmt;

/// <summary>A call of a <c>void</c> differentiable method that writes its results into span outputs (local arrays or the caller's outputs).</summary>
internal sealed record CallMethodStmt(Callee Callee, EquatableArray<IrExpr> Arguments) : IrStmt;

/// <summary>Declares a pooled array holding a copy of a span: <c>double[] name = RentCopy(source);</c>.</summary>
internal sealed record RentCopyStmt(string Name, string Source) : IrStmt;

/// <summary>Returns an array from <see cref="RentCopyStmt"/> to its pool.</summary>
internal sealed record ReturnRentedStmt(string Name) : IrStmt;

/// <summary>Saves a whole array on the tape (its contents at a call that reads it, when the array is overwritten later).</summary>
internal sealed record PushArrayStmt(string Tape, string Array) : IrStmt;

/// <summary>Restores a whole array from the tape.</summary>
internal sealed record PopArrayStmt(string Tape, string Array) : IrStmt;
