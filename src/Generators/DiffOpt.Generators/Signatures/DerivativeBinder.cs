using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.FrontEnd;
using DiffOpt.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Signatures;

/// <summary>
/// Binds a <c>[Gradient]</c>/<c>[Jvp]</c> declaration to its primal and checks it against the API contract:
/// the primal's parameters repeated in order, then one derivative parameter per differentiated input, named
/// <c>d</c> + input name, of the right type. The generator uses the binding; the analyzer reports the diagnostics.
/// </summary>
internal static class DerivativeBinder
{
    /// <summary>Diagnostic property keys the "Fix derivative parameter" code fix reads.</summary>
    public const string ExpectedDeclarationProperty = "ExpectedDeclaration";

    /// <summary>The outcome of binding: the primal and inputs when valid, and the diagnostics.</summary>
    internal sealed class Binding
    {
        public Binding(IMethodSymbol? primal, IReadOnlyList<DerivativeInput> inputs, string? resultTangent, bool returnsValue, ImmutableArray<Diagnostic> diagnostics)
        {
            Primal = primal;
            Inputs = inputs;
            ResultTangent = resultTangent;
            ReturnsValue = returnsValue;
            Diagnostics = diagnostics;
        }

        public IMethodSymbol? Primal { get; }

        public IReadOnlyList<DerivativeInput> Inputs { get; }

        public string? ResultTangent { get; }

        public bool ReturnsValue { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        public bool IsValid => Primal is not null && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>The derivative kind of an attribute class name, or null.</summary>
    public static DerivativeKind? KindOf(AttributeData attribute) => attribute.AttributeClass?.ToDisplayString() switch
    {
        KnownNames.GradientAttribute => DerivativeKind.Gradient,
        KnownNames.JvpAttribute => DerivativeKind.Jvp,
        KnownNames.HvpAttribute => DerivativeKind.Hvp,
        KnownNames.VjpAttribute => DerivativeKind.Vjp,
        _ => null,
    };

    /// <summary>Binds a derivative declaration; with <paramref name="isCustomDerivative"/>, a <c>[DerivativeOf]</c> method (which has a body,
    /// may target any method, and must differentiate every input).</summary>
    public static Binding Bind(IMethodSymbol declaration, AttributeData attribute, DerivativeKind kind, CancellationToken cancellationToken, bool isCustomDerivative = false)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var syntax = declaration.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        var identifierLocation = syntax?.Identifier.GetLocation() ?? declaration.Locations.FirstOrDefault() ?? Location.None;
        Binding Fail() => new(null, Array.Empty<DerivativeInput>(), null, false, diagnostics.ToImmutable());

        // Partial without a body: the generator supplies the implementation.
        var definition = declaration.PartialDefinitionPart ?? declaration;
        var definitionSyntax = definition.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (!isCustomDerivative && (definitionSyntax is null || !definitionSyntax.Modifiers.Any(SyntaxKind.PartialKeyword) || definitionSyntax.Body is not null || definitionSyntax.ExpressionBody is not null))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeNotPartial, identifierLocation, declaration.Name));
            return Fail();
        }

        if (!isCustomDerivative && declaration.PartialImplementationPart is { } implementation
            && implementation.DeclaringSyntaxReferences.Any(r => !r.SyntaxTree.FilePath.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase)))
        {
            // The user wrote the implementation; generating another would be CS0757.
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeNotPartial, identifierLocation, declaration.Name));
            return Fail();
        }

        var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? identifierLocation;
        if (declaration.IsGenericMethod)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, syntax?.TypeParameterList?.GetLocation() ?? identifierLocation,
                $"'{declaration.Name}' cannot be generic: a derivative declaration has exactly the primal's types"));
            return Fail();
        }

        if (declaration.GetAttributes().Count(a => KindOf(a) is not null) > 1)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, identifierLocation,
                $"'{declaration.Name}' carries more than one derivative attribute: declare one method per derivative"));
            return Fail();
        }
        if (!isCustomDerivative && kind is DerivativeKind.Vjp or DerivativeKind.Jvp && SolverDerivativeBinder.TargetSolver(declaration, attribute) is { } solver)
        {
            // An [ImplicitDiff] solver: the solution is its output.
            return SolverDerivativeBinder.Bind(declaration, solver, kind, identifierLocation);
        }

        var targetName = attribute.ConstructorArguments.Length >= 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var candidates = string.IsNullOrEmpty(targetName)
            ? ImmutableArray<IMethodSymbol>.Empty
            : declaration.ContainingType.GetMembers(targetName!).OfType<IMethodSymbol>().Where(m => !SymbolEqualityComparer.Default.Equals(m, declaration)).ToImmutableArray();
        if (candidates.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnknownTarget, attributeLocation, targetName ?? "(missing)", declaration.ContainingType.Name,
                isCustomDerivative ? "[DerivativeOf] needs nameof(F) of a method of the same type" : "the derivative attribute needs nameof(F) of a [Differentiable] method of the same type"));
            return Fail();
        }

        var differentiable = isCustomDerivative ? candidates.ToList() : candidates.Where(MethodLowering.IsDifferentiable).ToList();
        if (differentiable.Count == 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TargetNotDifferentiable, attributeLocation, targetName));
            return Fail();
        }

        // Among overloads, the one with the longest parameter list that the declaration repeats.
        var primal = differentiable.Where(p => RepeatsParameters(declaration, p)).OrderByDescending(p => p.Parameters.Length).FirstOrDefault() ?? differentiable[0];

        if (isCustomDerivative)
        {
            if (primal.Parameters.Any(p => TypeMapping.IsSinglePrecision(p.Type)) || TypeMapping.IsSinglePrecision(primal.ReturnType))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedType, identifierLocation, "The target '" + primal.Name + "'", "float", "custom derivatives of float methods are not supported yet; give the double version a [DerivativeOf] derivative"));
            }

            if (!primal.ReturnsVoid && declaration.ReturnsVoid)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ReturnTypeMismatch, syntax?.ReturnType.GetLocation() ?? identifierLocation,
                    $"'{declaration.Name}' must return '{primal.ReturnType.ToDisplayString()}', the value of '{primal.Name}': differentiable callers take the value from it"));
            }
        }

        if (primal.IsStatic != declaration.IsStatic)
        {
            var expected = primal.IsStatic ? "static" : "an instance method";
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.StaticMismatch, identifierLocation, declaration.Name, expected, primal.Name));
        }

        var returnsValue = !declaration.ReturnsVoid;
        if (returnsValue && (primal.ReturnsVoid || !SymbolEqualityComparer.Default.Equals(declaration.ReturnType, primal.ReturnType)))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ReturnTypeMismatch, syntax?.ReturnType.GetLocation() ?? identifierLocation,
                primal.ReturnsVoid
                    ? $"'{declaration.Name}' must return void: '{primal.Name}' writes its results into its output spans"
                    : isCustomDerivative
                    ? $"'{declaration.Name}' must return '{primal.ReturnType.ToDisplayString()}', the value of '{primal.Name}': differentiable callers take the value from it"
                    : $"'{declaration.Name}' must return '{primal.ReturnType.ToDisplayString()}' (the value of '{primal.Name}') or void"));
        }

        // The primal's parameters, repeated in order.
        for (var i = 0; i < primal.Parameters.Length; i++)
        {
            var expected = primal.Parameters[i];
            if (i >= declaration.Parameters.Length)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.PrimalParameterMismatch, ParameterListLocation(syntax, identifierLocation),
                    $"'{declaration.Name}' must repeat the parameters of '{primal.Name}' first: parameter {i + 1} '{Spell(expected)}' is missing"));
                return Fail();
            }

            var actual = declaration.Parameters[i];
            if (!SymbolEqualityComparer.Default.Equals(actual.Type, expected.Type) || actual.RefKind != expected.RefKind || actual.Name != expected.Name)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.PrimalParameterMismatch, ParameterLocation(actual, identifierLocation),
                    $"Parameter {i + 1} of '{declaration.Name}' must repeat parameter '{Spell(expected)}' of '{primal.Name}', but is '{Spell(actual)}'"));
            }
        }

        var vectorValued = primal.ReturnsVoid;
        if (vectorValued && kind is DerivativeKind.Gradient or DerivativeKind.Hvp)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, attributeLocation,
                $"'{targetName}' writes Span<double> outputs, so it has no gradient or Hessian: declare a [Vjp] (or [Jvp]) instead"));
            return Fail();
        }

        if (!vectorValued && kind == DerivativeKind.Vjp)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, attributeLocation,
                $"'{targetName}' returns a scalar: declare its [Gradient] instead of a [Vjp]"));
            return Fail();
        }

        if (kind == DerivativeKind.Hvp)
        {
            return BindHvp(declaration, attribute, primal, returnsValue, identifierLocation, syntax, diagnostics);
        }

        // Then the derivative parameters.
        var inputs = new List<DerivativeInput>();
        string? resultTangent = null;
        var derivativeParameters = declaration.Parameters.Skip(primal.Parameters.Length).ToList();
        if (kind == DerivativeKind.Jvp && !vectorValued)
        {
            var last = derivativeParameters.LastOrDefault();
            if (last is null || last.RefKind != RefKind.Out || !SameReal(last.Type, primal.ReturnType))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, last is null ? ParameterListLocation(syntax, identifierLocation) : ParameterLocation(last, identifierLocation),
                    $"The last parameter of the JVP '{declaration.Name}' must be 'out {Real(TypeMapping.IsSinglePrecision(primal.ReturnType))} dResult', the tangent of the result"));
            }
            else
            {
                resultTangent = last.Name;
                derivativeParameters.RemoveAt(derivativeParameters.Count - 1);
            }
        }

        var previousIndex = -1;
        foreach (var parameter in derivativeParameters)
        {
            var location = ParameterLocation(parameter, identifierLocation);
            var index = FindInput(primal, parameter.Name);
            if (index < 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, location,
                    $"'{parameter.Name}' names no input of '{primal.Name}': a derivative parameter is named 'd' + the input's name, e.g. 'd{Capitalize(primal.Parameters.FirstOrDefault()?.Name ?? "x")}'"));
                continue;
            }

            var input = primal.Parameters[index];
            if (TypeMapping.TryMapParameter(input, out var outputParameter) && outputParameter.IsOutput)
            {
                // The output of a vector-valued function: its tangent (JVP) or cotangent (VJP).
                var outputReal = Real(outputParameter.IsSinglePrecision);
                var expectedOutput = (kind == DerivativeKind.Jvp ? "Span<" : "ReadOnlySpan<") + outputReal + "> " + parameter.Name;
                var outputOk = parameter.RefKind == RefKind.None && TypeMapping.IsSpanOfDouble(parameter.Type, kind == DerivativeKind.Jvp ? "Span" : "ReadOnlySpan") && TypeMapping.IsSinglePrecision(parameter.Type) == outputParameter.IsSinglePrecision;
                if (index <= previousIndex || !outputOk)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, location, ImmutableDictionary<string, string?>.Empty.Add(ExpectedDeclarationProperty, expectedOutput),
                        index <= previousIndex
                            ? $"'{parameter.Name}' is out of order: derivative parameters follow the order of their parameters in '{primal.Name}'"
                            : $"'{parameter.Name}' is the {(kind == DerivativeKind.Jvp ? "tangent" : "cotangent")} of the output '{input.Name}' and must be declared '{expectedOutput}'"));
                    continue;
                }

                previousIndex = index;
                inputs.Add(new DerivativeInput(input.Name, parameter.Name, IsVector: true, IsOutput: true));
                continue;
            }

            if (TypeMapping.TryMapParameter(input, out var constantInput) && constantInput.IsConstant)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, location,
                    $"'{input.Name}' is marked [NonDifferentiable] and cannot be differentiated: remove '{parameter.Name}' or the attribute"));
                continue;
            }

            if (!TypeMapping.TryMapParameter(input, out var irInput) || !irInput.IsDifferentiable)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, location,
                    $"'{input.Name}' has type '{input.Type.ToDisplayString()}' and cannot be differentiated: only double, double[] and ReadOnlySpan<double> inputs carry derivatives"));
                continue;
            }

            if (index <= previousIndex)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, location,
                    $"'{parameter.Name}' is out of order: derivative parameters follow the order of their inputs in '{primal.Name}'"));
                continue;
            }

            previousIndex = index;
            var isVector = irInput.Type == Ir.IrType.DoubleVector;
            var (expectedModifier, expectedType) = ExpectedSpelling(kind, isVector, irInput.IsSinglePrecision);
            var reverse = kind is DerivativeKind.Gradient or DerivativeKind.Vjp;
            var actualOk = TypeMapping.IsSinglePrecision(parameter.Type) == irInput.IsSinglePrecision && (isVector
                ? parameter.RefKind == RefKind.None && TypeMapping.IsSpanOfDouble(parameter.Type, reverse ? "Span" : "ReadOnlySpan")
                : parameter.RefKind == (reverse ? RefKind.Out : RefKind.None) && TypeMapping.IsDouble(parameter.Type));
            if (!actualOk)
            {
                var expectedText = expectedModifier + expectedType + " " + parameter.Name;
                var properties = ImmutableDictionary<string, string?>.Empty.Add(ExpectedDeclarationProperty, expectedText);
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, location, properties,
                    $"'{parameter.Name}' is the {(reverse ? "gradient" : "tangent")} of '{input.Name}' and must be declared '{expectedText}'"));
                continue;
            }

            inputs.Add(new DerivativeInput(input.Name, parameter.Name, isVector));
        }

        if (vectorValued && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            foreach (var output in primal.Parameters.Where(p => TypeMapping.IsSpanOfDouble(p.Type, "Span")))
            {
                if (!inputs.Any(i => i.IsOutput && i.Input == output.Name))
                {
                    var expectedOutput = (kind == DerivativeKind.Jvp ? "Span<" : "ReadOnlySpan<") + Real(TypeMapping.IsSinglePrecision(output.Type)) + "> " + DerivativeName(output.Name);
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, ParameterListLocation(syntax, identifierLocation),
                        $"'{declaration.Name}' needs the {(kind == DerivativeKind.Jvp ? "tangent" : "cotangent")} of every output of '{primal.Name}': add '{expectedOutput}'"));
                }
            }
        }

        if (isCustomDerivative && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            foreach (var input in primal.Parameters.Where(DerivativeDeclarationBuilder.IsDifferentiable))
            {
                if (!inputs.Any(i => i.Input == input.Name))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, ParameterListLocation(syntax, identifierLocation),
                        $"A custom derivative of '{primal.Name}' gives the derivative for every input: add '{DerivativeDeclarationBuilder.DerivativeParameter(input, kind)}'"));
                }
            }
        }

        if (inputs.Count(i => !i.IsOutput) == 0 && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, ParameterListLocation(syntax, identifierLocation),
                $"'{declaration.Name}' declares no derivative parameter: add one per input to differentiate, e.g. '{DerivativeDeclarationBuilder.DerivativeParameter(primal.Parameters.FirstOrDefault(), kind)}'"));
        }

        return new Binding(primal, inputs, resultTangent, returnsValue, diagnostics.ToImmutable());
    }

    private static Binding BindHvp(IMethodSymbol declaration, AttributeData attribute, IMethodSymbol primal, bool returnsValue, Location identifierLocation, MethodDeclarationSyntax? syntax, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var candidates = primal.Parameters.Where(DerivativeDeclarationBuilder.IsDifferentiable).ToList();
        IParameterSymbol? input;
        if (attribute.ConstructorArguments.Length == 2)
        {
            var name = attribute.ConstructorArguments[1].Value as string;
            input = candidates.FirstOrDefault(p => p.Name == name);
            if (input is null && primal.Parameters.FirstOrDefault(p => p.Name == name) is { } constant && TypeMapping.TryMapParameter(constant, out var mapped) && mapped.IsConstant)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? identifierLocation,
                    $"'{name}' is marked [NonDifferentiable]: a Hessian cannot be taken with respect to it"));
                return new Binding(null, Array.Empty<DerivativeInput>(), null, returnsValue, diagnostics.ToImmutable());
            }

            if (input is null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? identifierLocation,
                    $"'{name}' is not a differentiable input of '{primal.Name}': name a double, double[] or ReadOnlySpan<double> parameter"));
                return new Binding(null, Array.Empty<DerivativeInput>(), null, returnsValue, diagnostics.ToImmutable());
            }
        }
        else if (candidates.Count == 1)
        {
            input = candidates[0];
        }
        else
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? identifierLocation,
                candidates.Count == 0
                    ? $"'{primal.Name}' has no differentiable input"
                    : $"'{primal.Name}' has several differentiable inputs: name the one the Hessian is taken with respect to, e.g. [Hvp(nameof({primal.Name}), \"{candidates[0].Name}\")]"));
            return new Binding(null, Array.Empty<DerivativeInput>(), null, returnsValue, diagnostics.ToImmutable());
        }

        var isVector = TypeMapping.TryMapParameter(input, out var irInput) && irInput.Type == Ir.IrType.DoubleVector;
        var single = TypeMapping.IsSinglePrecision(input.Type);
        var real = Real(single);
        var rest = declaration.Parameters.Skip(primal.Parameters.Length).ToList();
        var expectedDirection = isVector ? "ReadOnlySpan<" + real + "> v" : real + " v";
        var expectedResult = isVector ? "Span<" + real + "> hv" : "out " + real + " hv";
        if (rest.Count != 2)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, ParameterListLocation(syntax, identifierLocation),
                $"After the parameters of '{primal.Name}', the Hessian-vector product '{declaration.Name}' takes the direction '{expectedDirection}' and the result '{expectedResult}'"));
            return new Binding(null, Array.Empty<DerivativeInput>(), null, returnsValue, diagnostics.ToImmutable());
        }

        var direction = rest[0];
        var result = rest[1];
        var directionOk = TypeMapping.IsSinglePrecision(direction.Type) == single && (isVector
            ? direction.RefKind == RefKind.None && TypeMapping.IsSpanOfDouble(direction.Type, "ReadOnlySpan")
            : direction.RefKind == RefKind.None && TypeMapping.IsDouble(direction.Type));
        var resultOk = TypeMapping.IsSinglePrecision(result.Type) == single && (isVector
            ? result.RefKind == RefKind.None && TypeMapping.IsSpanOfDouble(result.Type, "Span")
            : result.RefKind == RefKind.Out && TypeMapping.IsDouble(result.Type));
        if (!directionOk)
        {
            var expected = (isVector ? "ReadOnlySpan<" + real + "> " : real + " ") + direction.Name;
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, ParameterLocation(direction, identifierLocation), ImmutableDictionary<string, string?>.Empty.Add(ExpectedDeclarationProperty, expected),
                $"'{direction.Name}' is the direction of the Hessian-vector product in '{input.Name}' and must be declared '{expected}'"));
        }

        if (!resultOk)
        {
            var expected = (isVector ? "Span<" + real + "> " : "out " + real + " ") + result.Name;
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DerivativeParameterMismatch, ParameterLocation(result, identifierLocation), ImmutableDictionary<string, string?>.Empty.Add(ExpectedDeclarationProperty, expected),
                $"'{result.Name}' receives the Hessian-vector product in '{input.Name}' and must be declared '{expected}'"));
        }

        var inputs = new[] { new DerivativeInput(input.Name, direction.Name, isVector) };
        return new Binding(primal, inputs, result.Name, returnsValue, diagnostics.ToImmutable());
    }

    /// <summary>The modifier and type a derivative parameter must have.</summary>
    public static (string Modifier, string Type) ExpectedSpelling(DerivativeKind kind, bool isVector, bool singlePrecision = false) => (kind, isVector) switch
    {
        (DerivativeKind.Gradient or DerivativeKind.Vjp, false) => ("out ", Real(singlePrecision)),
        (DerivativeKind.Gradient or DerivativeKind.Vjp, true) => (string.Empty, "Span<" + Real(singlePrecision) + ">"),
        (_, false) => (string.Empty, Real(singlePrecision)),
        _ => (string.Empty, "ReadOnlySpan<" + Real(singlePrecision) + ">"),
    };

    private static string Real(bool singlePrecision) => singlePrecision ? "float" : "double";

    private static bool SameReal(ITypeSymbol a, ITypeSymbol b) => TypeMapping.IsDouble(a) && TypeMapping.IsDouble(b) && TypeMapping.IsSinglePrecision(a) == TypeMapping.IsSinglePrecision(b);

    /// <summary>The conventional derivative parameter name of an input: <c>x</c> → <c>dx</c>, <c>lambda</c> → <c>dLambda</c>.</summary>
    public static string DerivativeName(string input) => input.Length == 1 ? "d" + input : "d" + Capitalize(input);

    private static string Capitalize(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    private static int FindInput(IMethodSymbol primal, string derivativeName)
    {
        if (derivativeName.Length < 2 || derivativeName[0] != 'd')
        {
            return -1;
        }

        var rest = derivativeName.Substring(1);
        for (var i = 0; i < primal.Parameters.Length; i++)
        {
            var name = primal.Parameters[i].Name;
            if (name.Length == rest.Length && char.ToLowerInvariant(name[0]) == char.ToLowerInvariant(rest[0]) && string.CompareOrdinal(name, 1, rest, 1, name.Length - 1) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool RepeatsParameters(IMethodSymbol declaration, IMethodSymbol primal)
    {
        if (declaration.Parameters.Length < primal.Parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < primal.Parameters.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(declaration.Parameters[i].Type, primal.Parameters[i].Type) || declaration.Parameters[i].RefKind != primal.Parameters[i].RefKind)
            {
                return false;
            }
        }

        return true;
    }

    private static string Spell(IParameterSymbol parameter) =>
        (parameter.RefKind switch { RefKind.Out => "out ", RefKind.Ref => "ref ", RefKind.In => "in ", _ => string.Empty })
        + parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + parameter.Name;

    private static Location ParameterLocation(IParameterSymbol parameter, Location fallback) =>
        parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax().GetLocation() ?? parameter.Locations.FirstOrDefault() ?? fallback;

    private static Location ParameterListLocation(MethodDeclarationSyntax? syntax, Location fallback) =>
        syntax?.ParameterList.GetLocation() ?? fallback;
}
