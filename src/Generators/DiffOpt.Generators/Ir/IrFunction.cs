using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Ir;

/// <summary>
/// A function in the DiffOpt IR: typed parameters and a structured body. Value-equatable, free of Roslyn
/// symbols and syntax, so it can travel through the incremental pipeline.
/// </summary>
/// <param name="Name">The method name.</param>
/// <param name="Parameters">The parameters in order.</param>
/// <param name="ReturnType">The result type (<see cref="IrType.Double"/> for the primals supported now).</param>
/// <param name="Body">The statements.</param>
/// <param name="ReturnsSinglePrecision">Whether the method returns <c>float</c> (its double result is rounded on return).</param>
internal sealed record IrFunction(string Name, EquatableArray<IrParameter> Parameters, IrType ReturnType, EquatableArray<IrStmt> Body, bool ReturnsSinglePrecision = false);
