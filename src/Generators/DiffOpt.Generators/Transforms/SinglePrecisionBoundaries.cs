using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// float code is differentiated in double precision; values are rounded to float only where they leave the
/// generated method: stores into <c>float</c> outputs and spans. Applied last, after every transform, so the
/// transforms never see the roundings.
/// </summary>
internal static class SinglePrecisionBoundaries
{
    public static List<IrStmt> Apply(IEnumerable<IrStmt> statements, ISet<string> floatScalars, ISet<string> floatSpans)
    {
        if (floatScalars.Count == 0 && floatSpans.Count == 0)
        {
            return statements.ToList();
        }

        return statements.Select(s => Rewrite(s, floatScalars, floatSpans)).ToList();
    }

    private static IrExpr Round(IrExpr value) => value.Type == IrType.Double ? new ConvertExpr(value, IrType.Float) : value;

    private static IrStmt Rewrite(IrStmt statement, ISet<string> scalars, ISet<string> spans) => statement switch
    {
        AssignStmt a when scalars.Contains(a.Name) => a with { Value = Round(a.Value) },
        AccumulateStmt a when scalars.Contains(a.Name) => a with { Value = Round(a.Value) },
        StoreStmt s when spans.Contains(s.Array) => s with { Value = Round(s.Value) },
        AccumulateElementStmt a when spans.Contains(a.Span) => a with { Value = Round(a.Value) },
        IfStmt i => i with { Then = Apply(i.Then, scalars, spans).ToEquatableArray(), Else = Apply(i.Else, scalars, spans).ToEquatableArray() },
        LoopStmt l => l with { Body = Apply(l.Body, scalars, spans).ToEquatableArray(), Step = Apply(l.Step, scalars, spans).ToEquatableArray() },
        ReverseLoopStmt r => r with { Body = Apply(r.Body, scalars, spans).ToEquatableArray() },
        _ => statement,
    };
}
