using System;
using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>Small structural utilities over IR expressions and statements shared by the transforms.</summary>
internal static class IrRewriter
{
    /// <summary>Rewrites every variable reference (reads, element reads, lengths) through <paramref name="rename"/>.</summary>
    public static IrExpr Rename(IrExpr expression, Func<string, string> rename) => expression switch
    {
        VarExpr v => v with { Name = rename(v.Name) },
        LoadExpr l => l with { Array = rename(l.Array), Index = Rename(l.Index, rename) },
        LengthExpr l => l with { Array = rename(l.Array) },
        DimensionExpr d => d with { Array = rename(d.Array) },
        MatrixLoadExpr m => m with { Array = rename(m.Array), Row = Rename(m.Row, rename), Column = Rename(m.Column, rename) },
        ConvertExpr c => c with { Operand = Rename(c.Operand, rename) },
        SignExpr s => s with { Operand = Rename(s.Operand, rename) },
        StopGradientExpr g => g with { Operand = Rename(g.Operand, rename) },
        UnaryExpr u => u with { Operand = Rename(u.Operand, rename) },
        BinaryExpr b => b with { Left = Rename(b.Left, rename), Right = Rename(b.Right, rename) },
        ConditionalExpr c => c with { Condition = Rename(c.Condition, rename), WhenTrue = Rename(c.WhenTrue, rename), WhenFalse = Rename(c.WhenFalse, rename) },
        PrimitiveCallExpr p => p with { Arguments = p.Arguments.Select(a => Rename(a, rename)).ToEquatableArray() },
        MethodCallExpr m => m with { Arguments = m.Arguments.Select(a => Rename(a, rename)).ToEquatableArray() },
        _ => expression,
    };

    /// <summary>Whether any variable the expression reads satisfies <paramref name="predicate"/>.</summary>
    public static bool Reads(IrExpr expression, Func<string, bool> predicate) => expression switch
    {
        VarExpr v => predicate(v.Name),
        LoadExpr l => predicate(l.Array) || Reads(l.Index, predicate),
        LengthExpr l => predicate(l.Array),
        DimensionExpr d => predicate(d.Array),
        MatrixLoadExpr m => predicate(m.Array) || Reads(m.Row, predicate) || Reads(m.Column, predicate),
        ConvertExpr c => Reads(c.Operand, predicate),
        SignExpr s => Reads(s.Operand, predicate),
        StopGradientExpr g => Reads(g.Operand, predicate),
        UnaryExpr u => Reads(u.Operand, predicate),
        BinaryExpr b => Reads(b.Left, predicate) || Reads(b.Right, predicate),
        ConditionalExpr c => Reads(c.Condition, predicate) || Reads(c.WhenTrue, predicate) || Reads(c.WhenFalse, predicate),
        PrimitiveCallExpr p => p.Arguments.Any(a => Reads(a, predicate)),
        MethodCallExpr m => m.Arguments.Any(a => Reads(a, predicate)),
        _ => false,
    };

    /// <summary>Adds every variable <paramref name="expression"/> reads to <paramref name="names"/>.</summary>
    public static void CollectReads(IrExpr expression, ISet<string> names) => Reads(expression, name =>
    {
        names.Add(name);
        return false;
    });

    /// <summary>Every name declared anywhere in the statements.</summary>
    public static IEnumerable<string> DeclaredNames(IEnumerable<IrStmt> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case DeclareStmt d:
                    yield return d.Name;
                    break;
                case DeclareArrayStmt a:
                    yield return a.Name;
                    break;
                case LoopStmt l:
                    foreach (var name in DeclaredNames(l.Body).Concat(DeclaredNames(l.Step)))
                    {
                        yield return name;
                    }

                    break;
                case CallStmt { DeclaresResult: true, Result: { } result }:
                    yield return result;
                    break;
                case IfStmt i:
                    foreach (var name in DeclaredNames(i.Then).Concat(DeclaredNames(i.Else)))
                    {
                        yield return name;
                    }

                    break;
            }
        }
    }

    /// <summary>Every name a function uses: parameters and locals.</summary>
    public static IEnumerable<string> AllNames(IrFunction function) =>
        function.Parameters.Select(p => p.Name).Concat(DeclaredNames(function.Body));

    /// <summary>Whether the statements contain a return anywhere.</summary>
    public static bool ContainsReturn(IEnumerable<IrStmt> statements) =>
        statements.Any(s => s is ReturnStmt || (s is IfStmt i && (ContainsReturn(i.Then) || ContainsReturn(i.Else))) || (s is LoopStmt l && ContainsReturn(l.Body)));

    /// <summary>Renames variables (reads and writes) in front-end statements.</summary>
    public static List<IrStmt> RenameStatements(IEnumerable<IrStmt> statements, IReadOnlyDictionary<string, string> map)
    {
        string N(string name) => map.TryGetValue(name, out var renamed) ? renamed : name;
        IrExpr E(IrExpr e) => Rename(e, N);
        return statements.Select(statement => statement switch
        {
            DeclareStmt d => d with { Name = N(d.Name), Value = d.Value is null ? null : E(d.Value) },
            AssignStmt a => a with { Name = N(a.Name), Value = E(a.Value) },
            StoreStmt st => st with { Array = N(st.Array), Index = E(st.Index), Value = E(st.Value) },
            DeclareArrayStmt arr => arr with { Name = N(arr.Name), Length = E(arr.Length) },
            CallMethodStmt c => c with { Arguments = c.Arguments.Select(E).ToEquatableArray() },
            ReturnStmt r => r with { Value = r.Value is null ? null : E(r.Value) },
            IfStmt i => i with { Condition = E(i.Condition), Then = RenameStatements(i.Then, map).ToEquatableArray(), Else = RenameStatements(i.Else, map).ToEquatableArray() },
            LoopStmt l => l with { Condition = E(l.Condition), Body = RenameStatements(l.Body, map).ToEquatableArray(), Step = RenameStatements(l.Step, map).ToEquatableArray() },
            _ => statement,
        }).ToList();
    }

    /// <summary>How many statements (nested ones included) define <paramref name="name"/>.</summary>
    public static int CountDefinitions(IEnumerable<IrStmt> statements, string name) =>
        statements.Sum(s => s switch
        {
            DeclareStmt d when d.Name == name => 1,
            AssignStmt a when a.Name == name => 1,
            IfStmt i => CountDefinitions(i.Then, name) + CountDefinitions(i.Else, name),
            LoopStmt l => CountDefinitions(l.Body, name) + CountDefinitions(l.Step, name),
            _ => 0,
        });
}
