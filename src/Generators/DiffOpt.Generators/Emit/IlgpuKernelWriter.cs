using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// Writes IR statements in kernel form, for ILGPU: the statement writer's variant in which array elements are
/// addressed through <c>ArrayView</c>s in structure-of-arrays layout, spans are cleared by loops, local arrays live in
/// ILGPU local memory, length checks are left to the host launcher, and the few <c>System.Math</c> members that can
/// throw (<c>Sign</c>, <c>Clamp</c>) are written as comparisons. Everything else is spelled by
/// <see cref="CSharpExpressionWriter"/>, so kernel arithmetic is the CPU code's, operation for operation.
/// </summary>
internal sealed class IlgpuKernelWriter
{
    private readonly IndentedWriter writer;
    private readonly Dictionary<string, KernelArrayAccess> arrays;
    private readonly NameScope names;
    private readonly string batch;
    private readonly string item;

    public IlgpuKernelWriter(IndentedWriter writer, Dictionary<string, KernelArrayAccess> arrays, NameScope names, string batch, string item)
    {
        this.writer = writer;
        this.arrays = arrays;
        this.names = names;
        this.batch = batch;
        this.item = item;
    }

    /// <summary>C# code for element <paramref name="index"/> (C# code) of <paramref name="array"/>.</summary>
    public string Element(string array, string index)
    {
        var access = arrays[array];
        return access.Kind switch
        {
            KernelArrayKind.PerItem => access.View + "[(long)(" + index + ") * " + batch + " + " + item + "]",
            KernelArrayKind.Rows => access.View + "[(long)(" + access.RowOffset + " + " + index + ") * " + batch + " + " + item + "]",
            _ => access.View + "[" + index + "]",
        };
    }

    public void WriteBlock(IEnumerable<IrStmt> statements)
    {
        foreach (var statement in statements)
        {
            Write(statement);
        }
    }

    public string Expression(IrExpr expression) => CSharpExpressionWriter.Write(Lower(expression));

    private void Write(IrStmt statement)
    {
        switch (statement)
        {
            case DeclareStmt d:
                writer.Line(CSharpExpressionWriter.TypeName(d.Type) + " " + Id(d.Name) + (d.Value is null ? string.Empty : " = " + Expression(d.Value)) + ";");
                break;
            case AssignStmt a:
                writer.Line(Id(a.Name) + " = " + Expression(a.Value) + ";");
                break;
            case AccumulateStmt a:
                writer.Line(Id(a.Name) + " += " + Expression(a.Value) + ";");
                break;
            case AccumulateElementStmt a:
                writer.Line(Element(a.Span, Expression(a.Index)) + " += " + Expression(a.Value) + ";");
                break;
            case StoreStmt s:
                writer.Line(Element(s.Array, Expression(s.Index)) + " = " + Expression(s.Value) + ";");
                break;
            case ClearStmt c:
                WriteClear(c.Span, c.Start);
                break;
            case CheckLengthStmt:
                // The host launcher checks every view's length before the launch: a kernel cannot throw.
                break;
            case IfStmt i:
                writer.Open("if (" + Expression(i.Condition) + ")");
                WriteBlock(i.Then);
                writer.Close();
                if (i.Else.Count > 0)
                {
                    writer.Open("else");
                    WriteBlock(i.Else);
                    writer.Close();
                }

                break;
            case LoopStmt l:
                writer.Open("while (" + Expression(l.Condition) + ")");
                WriteBlock(l.Body);
                WriteBlock(l.Step);
                writer.Close();
                break;
            case ReverseLoopStmt r:
                writer.Open("for (int " + Id(r.Counter) + " = " + Expression(r.Count) + "; " + Id(r.Counter) + " > 0; " + Id(r.Counter) + "--)");
                WriteBlock(r.Body);
                writer.Close();
                break;
            case DeclareArrayStmt a:
            {
                var length = ConstantLength(a.Length);
                arrays[a.Name] = new KernelArrayAccess(Id(a.Name), KernelArrayKind.Local, length);
                writer.Line("var " + Id(a.Name) + " = global::ILGPU.LocalMemory.Allocate1D<double>(" + length + ");");
                WriteClear(a.Name, 0);
                break;
            }

            default:
                throw new InvalidOperationException("IR statement " + statement.GetType().Name + " has no kernel form");
        }
    }

    private void WriteClear(string span, int start)
    {
        var counter = names.Fresh("clear");
        writer.Open("for (int " + counter + " = " + start.ToString(CultureInfo.InvariantCulture) + "; " + counter + " < " + arrays[span].Length + "; " + counter + "++)");
        writer.Line(Element(span, counter) + " = 0;");
        writer.Close();
    }

    private string ConstantLength(IrExpr length) => length switch
    {
        ConstExpr c => ((int)c.Value).ToString(CultureInfo.InvariantCulture),
        LengthExpr l when arrays.TryGetValue(l.Array, out var access) && access.Kind == KernelArrayKind.Local => access.Length,
        _ => throw new InvalidOperationException("A kernel's local array needs a constant length"),
    };

    /// <summary>Rewrites an expression into one <see cref="CSharpExpressionWriter"/> spells in kernel form.</summary>
    private IrExpr Lower(IrExpr expression)
    {
        switch (expression)
        {
            case LoadExpr l when arrays.ContainsKey(l.Array):
                return new OpaqueExpr(Element(l.Array, CSharpExpressionWriter.Write(Lower(l.Index))), IrType.Double);
            case LengthExpr l when arrays.TryGetValue(l.Array, out var access):
                return new OpaqueExpr(access.Length, IrType.Int);
            case SignExpr s:
            {
                // Math.Sign throws on NaN; the comparisons give the same value everywhere else.
                var operand = Lower(s.Operand);
                return new ConditionalExpr(
                    new BinaryExpr(BinaryOp.Greater, operand, IrMath.Zero, IrType.Bool),
                    ConstExpr.Int(1),
                    new ConditionalExpr(new BinaryExpr(BinaryOp.Less, operand, IrMath.Zero, IrType.Bool), ConstExpr.Int(-1), ConstExpr.Int(0), IrType.Int),
                    IrType.Int);
            }

            case PrimitiveCallExpr { Function: Primitive.Clamp } p:
            {
                // Math.Clamp throws when min > max; otherwise it is exactly these two comparisons.
                var value = Lower(p.Arguments[0]);
                var min = Lower(p.Arguments[1]);
                var max = Lower(p.Arguments[2]);
                return new ConditionalExpr(
                    new BinaryExpr(BinaryOp.Less, value, min, IrType.Bool),
                    min,
                    new ConditionalExpr(new BinaryExpr(BinaryOp.Greater, value, max, IrType.Bool), max, value, IrType.Double),
                    IrType.Double);
            }

            case PrimitiveCallExpr p:
                return p with { Arguments = p.Arguments.Select(Lower).ToEquatableArray() };
            case ConvertExpr c:
                return c with { Operand = Lower(c.Operand) };
            case StopGradientExpr g:
                return Lower(g.Operand);
            case UnaryExpr u:
                return u with { Operand = Lower(u.Operand) };
            case BinaryExpr b:
                return b with { Left = Lower(b.Left), Right = Lower(b.Right) };
            case ConditionalExpr c:
                return c with { Condition = Lower(c.Condition), WhenTrue = Lower(c.WhenTrue), WhenFalse = Lower(c.WhenFalse) };
            default:
                return expression;
        }
    }

    private static string Id(string name) => CSharpExpressionWriter.Identifier(name);
}
