using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.FrontEnd;

internal sealed partial class MethodLowering
{
    /// <summary>
    /// <c>double[] w = Fit(x0, θ…);</c> with <c>Fit</c> an <c>[ImplicitDiff]</c> solver becomes a local array of the initial
    /// point's length filled by the vector-valued helper <c>Fit__Solve(x0, θ…, w)</c>. The transforms then treat it like any
    /// vector-valued callee: its pullback receives the solution the caller holds (no re-solve), and the initial point is a
    /// constant (<c>IsConstant</c>: no adjoint, no tangent).
    /// </summary>
    /// <summary>Local arrays that hold a solver's solution: the solver's pullback reads them in the reverse sweep.</summary>
    private readonly HashSet<string> solutions = new(System.StringComparer.Ordinal);

    /// <summary>A write into a solution array would change what the solver's pullback reads: DOPT0001.</summary>
    private bool ReportWriteToSolution(string array, SyntaxNode node)
    {
        if (!solutions.Contains(array))
        {
            return false;
        }

        Report(DiagnosticDescriptors.UnsupportedConstruct, node.GetLocation(), "Writing into the solution of a solver call", "its derivative reads the solution at the end; copy it into another local array first");
        return true;
    }

    private void LowerSolverCall(ILocalSymbol local, VariableDeclaratorSyntax variable, InvocationExpressionSyntax invocation, IMethodSymbol solver, List<IrStmt> output)
    {
        // Declared first, so that an error below does not cascade into errors on every read of the solution.
        var name = Name(local, local.Name);
        localArrays.Add(name);
        solutions.Add(name);
        if (nestingDepth > 0)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, variable.GetLocation(), "A solver call inside a loop or branch", "call the solver into a local array declared at the start of the method body, outside loops and branches");
            return;
        }

        var binding = SolverBinder.BindImplicit(solver)!;
        var theta = binding.Theta;
        var syntaxArguments = invocation.ArgumentList.Arguments;
        if (syntaxArguments.Count != theta.Count + 1 || syntaxArguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None) || a.NameColon is not null))
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, invocation.ArgumentList.GetLocation(), "This solver call", "pass the initial point and every parameter by position, and leave out the options");
            return;
        }

        string start;
        if (syntaxArguments[0].Expression is ArrayCreationExpressionSyntax { Initializer: null } creation && creation.Type.RankSpecifiers.Count == 1
            && creation.Type.RankSpecifiers[0].Sizes.Count == 1 && creation.Type.RankSpecifiers[0].Sizes[0] is not OmittedArraySizeExpressionSyntax
            && TypeMapping.IsDoubleArray(model.GetTypeInfo(creation, cancellationToken).Type))
        {
            start = FreshName(local.Name + "Start");
            localArrays.Add(start);
            output.Add(new DeclareArrayStmt(start, LowerAs(creation.Type.RankSpecifiers[0].Sizes[0], IrType.Int)));
        }
        else if (Lower(syntaxArguments[0].Expression) is VarExpr { Type: IrType.DoubleVector } point && !outputParameters.Contains(point.Name))
        {
            start = point.Name;
        }
        else
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, syntaxArguments[0].Expression.GetLocation(), "This initial point", "pass an array or ReadOnlySpan<double> parameter, a local array, or 'new double[n]'");
            return;
        }

        var parameters = new List<IrParameter> { new(start, IrType.DoubleVector, IrParameterKind.ReadOnlySpan, IsConstant: true) };
        var arguments = new List<IrExpr> { new VarExpr(start, IrType.DoubleVector) };
        for (var i = 0; i < theta.Count; i++)
        {
            TypeMapping.TryMapParameter(theta[i], out var parameter);
            parameters.Add(parameter);
            var argumentSyntax = syntaxArguments[i + 1].Expression;
            if (parameter.Type == IrType.DoubleVector)
            {
                if (Lower(argumentSyntax) is not VarExpr { Type: IrType.DoubleVector } vector || outputParameters.Contains(vector.Name))
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, argumentSyntax.GetLocation(), "This array argument", "pass an array or span parameter, or a local array, as it is");
                    return;
                }

                arguments.Add(vector);
            }
            else
            {
                arguments.Add(LowerAs(argumentSyntax, parameter.Type));
            }
        }

        string receiver;
        if (solver.IsStatic)
        {
            receiver = solver.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }
        else if (SymbolEqualityComparer.Default.Equals(solver.ContainingType, method.ContainingType) && !method.IsStatic
                 && invocation.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
        {
            receiver = "this";
        }
        else
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, invocation.Expression.GetLocation(), "A call on another object", "instance calls are supported on 'this' only");
            return;
        }

        parameters.Add(new IrParameter("solution", IrType.DoubleVector, IrParameterKind.Span));
        arguments.Add(new VarExpr(name, IrType.DoubleVector));
        output.Add(new DeclareArrayStmt(name, new LengthExpr(start)));
        output.Add(new CallMethodStmt(new Callee(receiver, solver.Name + SolverBinder.SolveSuffix, parameters.ToEquatableArray()), arguments.ToEquatableArray()));
    }
}
