using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// In straight-line gradients each element of a gradient span usually receives exactly one contribution at a
/// constant index. Then <c>dx.Clear(); … dx[k] += e;</c> becomes <c>dx[k] = e;</c> (and the clear shrinks to the
/// elements never written): read-modify-writes of a span cannot be kept in registers, plain stores are cheap.
/// </summary>
internal static class GradientStores
{
    public static void StoreOnce(List<IrStmt> body, string span)
    {
        var clear = body.FindIndex(s => s is ClearStmt c && c.Span == span);
        if (clear < 0)
        {
            return;
        }

        var accumulations = new List<int>();
        for (var i = 0; i < body.Count; i++)
        {
            if (i == clear || body[i] is CheckLengthStmt)
            {
                continue;
            }

            if (body[i] is AccumulateElementStmt { Index: ConstExpr { Type: IrType.Int } } a && a.Span == span && !IrRewriter.Reads(a.Value, n => n == span))
            {
                accumulations.Add(i);
            }
            else if (StatementReferences.Mentions(body[i], span))
            {
                // Written inside a branch or loop, passed to a call: keep the general form.
                return;
            }
        }

        var indices = accumulations.Select(i => (int)((ConstExpr)((AccumulateElementStmt)body[i]).Index).Value).ToList();
        if (indices.Count == 0 || indices.Distinct().Count() != indices.Count)
        {
            return;
        }

        foreach (var i in accumulations)
        {
            var a = (AccumulateElementStmt)body[i];
            body[i] = new StoreStmt(a.Span, a.Index, a.Value);
        }

        // Elements 0..m−1 all stored: only the rest (if the span is longer) needs clearing, after the stores (so a
        // too-short input fails in the primal's own index check first).
        var covered = indices.Max() + 1 == indices.Count && indices.Min() == 0;
        if (covered)
        {
            body.RemoveAt(clear);
            body.Add(new ClearStmt(span, indices.Count));
        }
    }
}
