using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Turns the first contribution to an adjoint into its definition: <c>double aBar = 0; … aBar += e;</c> becomes
/// <c>double aBar = e;</c> when nothing touches <c>aBar</c> before. Under IEEE rules <c>0.0 + e</c> cannot be folded
/// (it is not <c>e</c> for <c>e = −0.0</c>), so without this every adjoint costs a real addition.
/// </summary>
internal static class AdjointInitialization
{
    /// <summary>Rewrites <paramref name="sweep"/>, whose leading zero declarations name the adjoints.</summary>
    public static List<IrStmt> Apply(List<IrStmt> sweep)
    {
        var output = new List<IrStmt>(sweep);
        var zeroDeclared = output.OfType<DeclareStmt>().Where(d => d.Type == IrType.Double && d.Value is ConstExpr { Value: 0 }).Select(d => d.Name).ToList();
        foreach (var name in zeroDeclared)
        {
            var declaration = output.FindIndex(s => s is DeclareStmt d && d.Name == name);
            var first = -1;
            for (var i = declaration + 1; i < output.Count; i++)
            {
                if (StatementReferences.Mentions(output[i], name))
                {
                    first = i;
                    break;
                }
            }

            var definition = first < 0 ? null : output[first] switch
            {
                AccumulateStmt a when a.Name == name && !IrRewriter.Reads(a.Value, n => n == name) => a.Value,
                AssignStmt a when a.Name == name && !IrRewriter.Reads(a.Value, n => n == name) => a.Value,
                _ => null,
            };
            if (definition is null)
            {
                continue;
            }

            output[first] = new DeclareStmt(name, IrType.Double, definition);
            output.RemoveAt(declaration);
        }

        return output;
    }
}
