using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// A primal function made ready for differentiation: a single exit (its value in <see cref="Result"/>),
/// A-normal form and SSA. Both transforms start from this.
/// </summary>
internal sealed class PreparedFunction
{
    private PreparedFunction(IrFunction source, List<IrStmt> body, string result, NameScope names, HashSet<string> loopVariables)
    {
        LoopVariables = loopVariables;
        Source = source;
        Body = body;
        Result = result;
        Names = names;
    }

    /// <summary>The primal as the front end produced it.</summary>
    public IrFunction Source { get; }

    /// <summary>The prepared statements.</summary>
    public List<IrStmt> Body { get; }

    /// <summary>The local holding the function's value at the end of <see cref="Body"/>.</summary>
    public string Result { get; }

    /// <summary>Variables overwritten inside loops (not in SSA form).</summary>
    public HashSet<string> LoopVariables { get; }

    /// <summary>Names in use; transforms draw fresh names from it.</summary>
    public NameScope Names { get; }

    /// <summary>
    /// float parameters are read through double copies: arithmetic on two float parameters would otherwise run in
    /// float, and a float parameter reassigned with a double value would not compile.
    /// </summary>
    private static List<IrStmt> WidenSinglePrecisionParameters(IrFunction function, List<IrStmt> body, NameScope names)
    {
        var map = function.Parameters
            .Where(p => p is { IsSinglePrecision: true, Type: IrType.Double, Kind: IrParameterKind.Value })
            .ToDictionary(p => p.Name, p => names.Fresh(p.Name + "Wide"));
        if (map.Count == 0)
        {
            return body;
        }

        var widened = map.Select(pair => (IrStmt)new DeclareStmt(pair.Value, IrType.Double, new VarExpr(pair.Key, IrType.Double))).ToList();
        widened.AddRange(IrRewriter.RenameStatements(body, map));
        return widened;
    }

    /// <summary>Prepares <paramref name="function"/>; <paramref name="reserved"/> are names the caller's signature uses.</summary>
    public static PreparedFunction Prepare(IrFunction function, IEnumerable<string> reserved)
    {
        var names = new NameScope(IrRewriter.AllNames(function).Concat(reserved));
        var result = names.Fresh("value");
        var hasLoops = JumpElimination.ContainsLoop(function.Body);
        var body = hasLoops
            ? JumpElimination.Eliminate(function.Body, result, names)
            : ReturnNormalization.Normalize(function.Body, result);
        body = WidenSinglePrecisionParameters(function, body, names);
        var loopVariables = Transforms.LoopVariables.Find(body);
        var readOnlyInputs = new HashSet<string>(function.Parameters.Where(p => p.Kind is IrParameterKind.DoubleArray or IrParameterKind.ReadOnlySpan or IrParameterKind.Matrix).Select(p => p.Name));
        body = AnfLowering.Lower(body, names, loopVariables, readOnlyInputs);
        body = LoopInvariantHoisting.Hoist(body);
        loopVariables = Transforms.LoopVariables.Find(body);
        if (hasLoops)
        {
            // With loops the result is assigned in place, wherever a return was.
            loopVariables.Add(result);
        }

        body = SsaRenaming.Rename(body, function.Parameters, names, loopVariables);
        body = DeadCodeElimination.Run(body, function.Parameters.Where(p => p.IsOutput).Select(p => p.Name).Append(result).ToList());
        return new PreparedFunction(function, body, result, names, loopVariables);
    }
}
