using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.Signatures;

/// <summary>
/// Binds a <c>[Vjp(nameof(S))]</c> or <c>[Jvp(nameof(S))]</c> declaration whose target S is an <c>[ImplicitDiff]</c> solver.
/// The form follows the vector-function convention, with the solution as S's output:
/// <c>void SVjp(x0, θ…, &lt;d+θ per differentiated θ: out double / Span&lt;double&gt;&gt;, ReadOnlySpan&lt;double&gt; dw)</c> and
/// <c>void SJvp(x0, θ…, &lt;d+θ: double / ReadOnlySpan&lt;double&gt;&gt;, Span&lt;double&gt; dw)</c>, where the solution's
/// derivative may have any name that starts with <c>d</c> (<c>dw</c>, <c>dResult</c>, <c>dSolution</c>). The declaration may
/// return <c>double[]</c> (the solution) instead of <c>void</c>. The solver's options parameter is not repeated.
/// </summary>
internal static class SolverDerivativeBinder
{
    /// <summary>The solver a derivative attribute names, when it is a differentiable solver; else null.</summary>
    public static IMethodSymbol? TargetSolver(IMethodSymbol declaration, AttributeData attribute)
    {
        var name = attribute.ConstructorArguments.Length >= 1 ? attribute.ConstructorArguments[0].Value as string : null;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var candidates = declaration.ContainingType.GetMembers(name!).OfType<IMethodSymbol>().Where(m => !SymbolEqualityComparer.Default.Equals(m, declaration)).ToList();
        return candidates.Count == 1 && SolverBinder.IsDifferentiableSolver(candidates[0]) ? candidates[0].PartialDefinitionPart ?? candidates[0] : null;
    }

    /// <summary>Binds the declaration; the inputs are the differentiated θ and, last, the solution (<see cref="DerivativeInput.IsOutput"/>).</summary>
    public static DerivativeBinder.Binding Bind(IMethodSymbol declaration, IMethodSymbol solver, DerivativeKind kind, Location location)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var binding = SolverBinder.BindImplicit(solver)!;
        var primal = new List<IParameterSymbol> { solver.Parameters[0] };
        primal.AddRange(binding.Theta);
        var inputs = new List<DerivativeInput>();
        DerivativeBinder.Binding Fail(string message)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, location, message));
            return new DerivativeBinder.Binding(null, inputs, null, false, diagnostics.ToImmutable());
        }

        var parameters = declaration.Parameters;
        var form = kind == DerivativeKind.Vjp
            ? "the solver's parameters (without options), then 'out double dθ' / 'Span<double> dθ' per differentiated parameter, then the solution's cotangent 'ReadOnlySpan<double> dw'"
            : "the solver's parameters (without options), then 'double dθ' / 'ReadOnlySpan<double> dθ' per differentiated parameter, then the solution's tangent 'Span<double> dw'";
        if (declaration.IsStatic != solver.IsStatic || !(declaration.ReturnsVoid || TypeMapping.IsDoubleArray(declaration.ReturnType) && !TypeMapping.IsSinglePrecision(declaration.ReturnType)))
        {
            return Fail($"'{declaration.Name}' must be {(solver.IsStatic ? "static" : "an instance method")} and return void or double[] (the solution)");
        }

        if (parameters.Length < primal.Count + 1)
        {
            return Fail($"'{declaration.Name}' must take {form}");
        }

        for (var i = 0; i < primal.Count; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(parameters[i].Type, primal[i].Type) || parameters[i].RefKind != RefKind.None || parameters[i].Name != primal[i].Name)
            {
                return Fail($"Parameter {i + 1} of '{declaration.Name}' must repeat parameter '{primal[i].Name}' of '{solver.Name}': it must take {form}");
            }
        }

        var next = 1;
        for (var i = primal.Count; i < parameters.Length - 1; i++)
        {
            var parameter = parameters[i];
            var index = -1;
            for (var j = next; j < primal.Count; j++)
            {
                if (Matches(parameter.Name, primal[j].Name))
                {
                    index = j;
                    break;
                }
            }

            if (index < 0 || !TypeMapping.TryMapParameter(primal[index], out var ir) || !ir.IsDifferentiable)
            {
                return Fail($"Parameter '{parameter.Name}' of '{declaration.Name}' is not 'd' + the name of a differentiable parameter of '{solver.Name}' after the ones before it: it must take {form}");
            }

            var isVector = ir.Type == Ir.IrType.DoubleVector;
            var ok = kind == DerivativeKind.Vjp
                ? isVector ? parameter.RefKind == RefKind.None && TypeMapping.IsSpanOfDouble(parameter.Type, "Span") : parameter.RefKind == RefKind.Out && parameter.Type.SpecialType == SpecialType.System_Double
                : parameter.RefKind == RefKind.None && (isVector ? TypeMapping.IsSpanOfDouble(parameter.Type, "ReadOnlySpan") : parameter.Type.SpecialType == SpecialType.System_Double);
            if (!ok || TypeMapping.IsSinglePrecision(parameter.Type))
            {
                return Fail($"Parameter '{parameter.Name}' of '{declaration.Name}' has the wrong type: it must take {form}");
            }

            inputs.Add(new DerivativeInput(primal[index].Name, parameter.Name, isVector));
            next = index + 1;
        }

        var last = parameters[parameters.Length - 1];
        if (last.RefKind != RefKind.None || last.Name.Length < 2 || last.Name[0] != 'd' || TypeMapping.IsSinglePrecision(last.Type)
            || !TypeMapping.IsSpanOfDouble(last.Type, kind == DerivativeKind.Vjp ? "ReadOnlySpan" : "Span"))
        {
            return Fail($"The last parameter of '{declaration.Name}' must be the solution's {(kind == DerivativeKind.Vjp ? "cotangent 'ReadOnlySpan<double> dw'" : "tangent 'Span<double> dw'")}: it must take {form}");
        }

        inputs.Add(new DerivativeInput("solution", last.Name, true, IsOutput: true));
        if (inputs.Count == 1)
        {
            return Fail($"'{declaration.Name}' differentiates no parameter of '{solver.Name}': it must take {form}");
        }

        return new DerivativeBinder.Binding(solver, inputs, null, !declaration.ReturnsVoid, diagnostics.ToImmutable());
    }

    private static bool Matches(string derivative, string input) =>
        derivative.Length == input.Length + 1 && derivative[0] == 'd'
        && char.ToLowerInvariant(derivative[1]) == char.ToLowerInvariant(input[0]) && string.CompareOrdinal(derivative, 2, input, 1, input.Length - 1) == 0;
}
