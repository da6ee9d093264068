using System;
using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;

namespace DiffOpt.Generators.Emit;

/// <summary>Writes IR statements as C#.</summary>
internal static class CSharpStatementWriter
{
    public static void WriteBlock(IndentedWriter writer, IEnumerable<IrStmt> statements)
    {
        foreach (var statement in statements)
        {
            Write(writer, statement);
        }
    }

    private static void Write(IndentedWriter writer, IrStmt statement)
    {
        switch (statement)
        {
            case DeclareStmt d:
                writer.Line(CSharpExpressionWriter.TypeName(d.Type) + " " + Id(d.Name) + (d.Value is null ? string.Empty : " = " + CSharpExpressionWriter.Write(d.Value)) + ";");
                break;
            case AssignStmt a:
                writer.Line(Id(a.Name) + " = " + CSharpExpressionWriter.Write(a.Value) + ";");
                break;
            case AccumulateStmt a:
                writer.Line(Id(a.Name) + " += " + CSharpExpressionWriter.Write(a.Value) + ";");
                break;
            case AccumulateElementStmt a:
            {
                var line = Id(a.Span) + "[" + CSharpExpressionWriter.Write(a.Index) + "] += " + CSharpExpressionWriter.Write(a.Value) + ";";
                if (a.SkipWhenEmpty)
                {
                    // Callers pass an empty span for an input they do not differentiate.
                    writer.Open("if (!" + Id(a.Span) + ".IsEmpty)");
                    writer.Line(line);
                    writer.Close();
                }
                else
                {
                    writer.Line(line);
                }

                break;
            }

            case ClearStmt c:
                writer.Line(Id(c.Span) + (c.Start > 0 ? ".Slice(" + c.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")" : string.Empty) + ".Clear();");
                break;
            case CheckLengthStmt c:
            {
                var condition = Id(c.Span) + ".Length != " + Id(c.LengthOf) + ".Length";
                if (c.AllowEmpty)
                {
                    condition = "!" + Id(c.Span) + ".IsEmpty && " + condition;
                }

                writer.Open("if (" + condition + ")");
                writer.Line("global::DiffOpt.GeneratedCodeSupport.ThrowLengthMismatch(\"" + c.Span + "\", \"" + c.LengthOf + "\", " + Id(c.LengthOf) + ".Length, " + Id(c.Span) + ".Length);");
                writer.Close();
                break;
            }

            case IfStmt i:
                writer.Open("if (" + CSharpExpressionWriter.Write(i.Condition) + ")");
                WriteBlock(writer, i.Then);
                writer.Close();
                if (i.Else.Count > 0)
                {
                    writer.Open("else");
                    WriteBlock(writer, i.Else);
                    writer.Close();
                }

                break;
            case ReturnStmt r:
                writer.Line(r.Value is null ? "return;" : "return " + CSharpExpressionWriter.Write(r.Value) + ";");
                break;
            case CallStmt c:
            {
                var arguments = string.Join(", ", c.Arguments.Select(Argument));
                var call = c.Receiver + "." + c.Method + "(" + arguments + ");";
                writer.Line(c.Result is null ? call : (c.DeclaresResult ? "double " : string.Empty) + Id(c.Result) + " = " + call);
                break;
            }

            case LoopStmt l:
                writer.Open("while (" + CSharpExpressionWriter.Write(l.Condition) + ")");
                WriteBlock(writer, l.Body);
                WriteBlock(writer, l.Step);
                writer.Close();
                break;
            case ReverseLoopStmt r:
                writer.Open("for (int " + Id(r.Counter) + " = " + CSharpExpressionWriter.Write(r.Count) + "; " + Id(r.Counter) + " > 0; " + Id(r.Counter) + "--)");
                WriteBlock(writer, r.Body);
                writer.Close();
                break;
            case DeclareArrayStmt a:
                writer.Line("double[] " + Id(a.Name) + " = new double[" + CSharpExpressionWriter.Write(a.Length) + "];");
                break;
            case StoreStmt s:
                writer.Line(Id(s.Array) + "[" + CSharpExpressionWriter.Write(s.Index) + "] = " + CSharpExpressionWriter.Write(s.Value) + ";");
                break;
            case RentCopyStmt r:
                // A pooled array can be longer than asked for: the span has exactly the source's length.
                writer.Line("double[] " + Id(r.Name) + "Pooled = global::DiffOpt.GeneratedCodeSupport.RentCopy(" + Id(r.Source) + ");");
                writer.Line("global::System.Span<double> " + Id(r.Name) + " = global::System.MemoryExtensions.AsSpan(" + Id(r.Name) + "Pooled, 0, " + Id(r.Source) + ".Length);");
                break;
            case ReturnRentedStmt r:
                writer.Line("global::DiffOpt.GeneratedCodeSupport.ReturnRented(" + Id(r.Name) + "Pooled);");
                break;
            case CallMethodStmt c:
                writer.Line(c.Callee.Receiver + "." + c.Callee.Name + "(" + CSharpExpressionWriter.Arguments(c.Callee, c.Arguments) + ");");
                break;
            case RentTapeStmt t:
                writer.Line("global::DiffOpt.Tape " + Id(t.Tape) + " = global::DiffOpt.Tape.Rent();");
                break;
            case ReturnTapeStmt t:
                writer.Line(Id(t.Tape) + ".Return();");
                break;
            case PushArrayStmt p:
                writer.Line(Id(p.Tape) + ".Push((global::System.ReadOnlySpan<double>)" + Id(p.Array) + ");");
                break;
            case PopArrayStmt p:
                writer.Line(Id(p.Tape) + ".Pop((global::System.Span<double>)" + Id(p.Array) + ");");
                break;
            case PushStmt p:
                writer.Line(Id(p.Tape) + ".Push(" + CSharpExpressionWriter.Write(p.Value) + ");");
                break;
            case PopStmt p:
                writer.Line(Id(p.Name) + " = " + Id(p.Tape) + ".Pop" + (p.Type switch { IrType.Int => "Int", IrType.Bool => "Bool", _ => "Double" }) + "();");
                break;
            default:
                throw new InvalidOperationException("Unknown IR statement " + statement.GetType().Name);
        }
    }

    private static string Id(string name) => CSharpExpressionWriter.Identifier(name);

    private static string Argument(CallArgument argument) => argument.Kind switch
    {
        ArgumentKind.Ref => "ref " + CSharpExpressionWriter.Write(argument.Value),
        ArgumentKind.Out => "out " + CSharpExpressionWriter.Write(argument.Value),
        ArgumentKind.OutDeclare => "out double " + CSharpExpressionWriter.Write(argument.Value),
        _ => CSharpExpressionWriter.Write(argument.Value),
    };
}
