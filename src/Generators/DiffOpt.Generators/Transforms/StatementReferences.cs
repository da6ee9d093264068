using System.Linq;
using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Transforms;

/// <summary>Whether a statement (with everything nested in it) reads or writes a variable.</summary>
internal static class StatementReferences
{
    public static bool Mentions(IrStmt statement, string name)
    {
        bool In(IrExpr? e) => e is not null && IrRewriter.Reads(e, n => n == name);
        return statement switch
        {
            DeclareStmt d => d.Name == name || In(d.Value),
            AssignStmt a => a.Name == name || In(a.Value),
            AccumulateStmt a => a.Name == name || In(a.Value),
            AccumulateElementStmt a => a.Span == name || In(a.Index) || In(a.Value),
            StoreStmt s => s.Array == name || In(s.Index) || In(s.Value),
            DeclareArrayStmt d => d.Name == name || In(d.Length),
            ClearStmt c => c.Span == name,
            CheckLengthStmt c => c.Span == name || c.LengthOf == name,
            IfStmt i => In(i.Condition) || i.Then.Any(s => Mentions(s, name)) || i.Else.Any(s => Mentions(s, name)),
            LoopStmt l => In(l.Condition) || l.Body.Any(s => Mentions(s, name)) || l.Step.Any(s => Mentions(s, name)),
            ReverseLoopStmt r => r.Counter == name || In(r.Count) || r.Body.Any(s => Mentions(s, name)),
            ReturnStmt r => In(r.Value),
            CallStmt c => c.Result == name || c.Arguments.Any(a => In(a.Value)),
            CallMethodStmt c => c.Arguments.Any(In),
            PushStmt p => In(p.Value),
            PopStmt p => p.Name == name,
            PushArrayStmt p => p.Array == name,
            PopArrayStmt p => p.Array == name,
            RentCopyStmt r => r.Name == name || r.Source == name,
            ReturnRentedStmt r => r.Name == name,
            _ => true,
        };
    }
}
