using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.FrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.Signatures;

/// <summary>How a <c>[TorchFunction]</c> target is lowered.</summary>
internal enum TorchLoweringForm
{
    /// <summary>Rewritten into tensor operations (all-double scalar targets).</summary>
    Elementwise,

    /// <summary>A <c>torch.autograd.Function</c> over the generated primal and pullback.</summary>
    AutogradFunction,
}

/// <summary>How one target parameter reaches the generated code from the declaration.</summary>
internal enum TorchParameterRole
{
    /// <summary>A differentiable <c>double</c>: a tensor argument.</summary>
    Scalar,

    /// <summary>A differentiable <c>double[]</c>/<c>ReadOnlySpan&lt;double&gt;</c>: a tensor argument.</summary>
    Vector,

    /// <summary>A <c>[NonDifferentiable]</c> <c>double</c>: a tensor argument without gradient.</summary>
    ConstantScalar,

    /// <summary>A <c>[NonDifferentiable]</c> vector: a tensor argument without gradient.</summary>
    ConstantVector,

    /// <summary>An <c>int</c>/<c>bool</c> passed through unchanged.</summary>
    PassThrough,

    /// <summary>A <c>Span&lt;double&gt;</c> output; the declaration gives its length as an <c>int</c>.</summary>
    Output,
}

/// <summary>
/// Binds a <c>[TorchFunction]</c> declaration to its target and checks it: a static partial method without a body,
/// returning <c>TorchSharp.torch.Tensor</c>, whose parameters repeat the target's in order with the same names
/// (<c>double</c>/vector → <c>Tensor</c>, <c>int</c>/<c>bool</c> unchanged, a <c>Span&lt;double&gt;</c> output → <c>int</c>
/// named output + "Length"). The generator uses the binding; the analyzer reports the diagnostics.
/// </summary>
internal static class TorchFunctionBinder
{
    public const string AttributeName = "DiffOpt.TorchFunctionAttribute";
    public const string TensorTypeName = "TorchSharp.torch.Tensor";

    internal sealed class Binding
    {
        public Binding(IMethodSymbol? target, TorchLoweringForm form, IReadOnlyList<(IParameterSymbol Parameter, TorchParameterRole Role, string DeclarationName)> parameters, ImmutableArray<Diagnostic> diagnostics)
        {
            Target = target;
            Form = form;
            Parameters = parameters;
            Diagnostics = diagnostics;
        }

        public IMethodSymbol? Target { get; }

        public TorchLoweringForm Form { get; }

        public IReadOnlyList<(IParameterSymbol Parameter, TorchParameterRole Role, string DeclarationName)> Parameters { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        public bool IsValid => Target is not null && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
    }

    public static bool IsTorchFunctionAttribute(AttributeData attribute) => attribute.AttributeClass?.ToDisplayString() == AttributeName;

    public static Binding Bind(IMethodSymbol declaration, AttributeData attribute, CancellationToken cancellationToken)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var parameters = new List<(IParameterSymbol, TorchParameterRole, string)>();
        var definition = declaration.PartialDefinitionPart ?? declaration;
        var definitionSyntax = definition.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        var location = definitionSyntax?.Identifier.GetLocation() ?? declaration.Locations.FirstOrDefault() ?? Location.None;
        Binding Fail() => new(null, TorchLoweringForm.Elementwise, parameters, diagnostics.ToImmutable());

        // Target: by name in the declaration's type, or in the type given as the first argument.
        INamedTypeSymbol? targetType = declaration.ContainingType;
        string? name = null;
        if (attribute.ConstructorArguments.Length == 1)
        {
            name = attribute.ConstructorArguments[0].Value as string;
        }
        else if (attribute.ConstructorArguments.Length == 2)
        {
            targetType = attribute.ConstructorArguments[0].Value as INamedTypeSymbol;
            name = attribute.ConstructorArguments[1].Value as string;
        }

        var useFunction = attribute.NamedArguments.Any(a => a.Key == "UseAutogradFunction" && a.Value.Value is true);
        var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? location;
        if (targetType is null || string.IsNullOrEmpty(name))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TorchFunctionTargetNotFound, attributeLocation, name ?? string.Empty, targetType?.Name ?? "?", "name the method with nameof(...)"));
            return Fail();
        }

        var candidates = targetType.GetMembers(name!).OfType<IMethodSymbol>().Where(m => !SymbolEqualityComparer.Default.Equals(m, declaration)).ToList();
        var target = candidates.FirstOrDefault(m => MethodLowering.IsDifferentiable(m) && m.IsStatic);
        if (target is null)
        {
            var why = candidates.Count == 0 ? "there is no method with that name"
                : candidates.Any(MethodLowering.IsDifferentiable) ? "the method is an instance method; only static methods can be called from tensor code"
                : "mark it [Differentiable] so its derivatives are generated";
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TorchFunctionTargetNotFound, attributeLocation, name, targetType.Name, why));
            return Fail();
        }

        var isPartialWithoutBody = definitionSyntax is not null && definitionSyntax.Modifiers.Any(SyntaxKind.PartialKeyword) && definitionSyntax.Body is null && definitionSyntax.ExpressionBody is null;
        var userImplementation = declaration.PartialImplementationPart is { } implementation
            && implementation.DeclaringSyntaxReferences.Any(r => !r.SyntaxTree.FilePath.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase));
        if (!isPartialWithoutBody || userImplementation || !declaration.IsStatic || declaration.IsGenericMethod)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TorchFunctionSignatureMismatch, location,
                "'" + declaration.Name + "' must be a static, non-generic partial method without a body: the generator implements it, e.g. " + ExpectedDeclaration(target, declaration.Name, useFunction)));
            return Fail();
        }

        var elementwise = !useFunction && !target.ReturnsVoid && target.ReturnType.SpecialType == SpecialType.System_Double
            && target.Parameters.All(p => p.RefKind == RefKind.None && p.Type.SpecialType == SpecialType.System_Double);
        var form = elementwise ? TorchLoweringForm.Elementwise : TorchLoweringForm.AutogradFunction;

        // Parameters the TorchSharp boundary cannot carry: reported on the target's parameter.
        var outputs = 0;
        foreach (var p in target.Parameters)
        {
            var role = RoleOf(p, out var why);
            if (role == TorchParameterRole.Output)
            {
                outputs++;
                if (outputs > 1)
                {
                    role = null;
                    why = "a [TorchFunction] returns one tensor, so the target may have at most one Span<double> output";
                }
            }

            if (role is null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TorchUnsupportedParameter, p.Locations.FirstOrDefault() ?? location, p.Name, p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), declaration.Name, why));
                continue;
            }

            parameters.Add((p, role.Value, role == TorchParameterRole.Output ? p.Name + "Length" : p.Name));
        }

        if (!target.ReturnsVoid && target.ReturnType.SpecialType != SpecialType.System_Double)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TorchUnsupportedParameter, location, "(result)", target.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), declaration.Name, "the result must be double (float results are not supported by the TorchSharp lowering)"));
        }
        else if (target.ReturnsVoid && outputs == 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TorchUnsupportedParameter, location, "(result)", "void", declaration.Name, "a void target must write exactly one Span<double> output"));
        }
        else if (!target.ReturnsVoid && outputs > 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TorchUnsupportedParameter, location, "(result)", "double", declaration.Name, "a target with a Span<double> output must return void"));
        }

        if (diagnostics.Count > 0)
        {
            return Fail();
        }

        // Real TorchSharp but no DiffOpt.Torch: the generated code would have nothing to call.
        if (declaration.ReturnType is INamedTypeSymbol { ContainingAssembly.Name: "TorchSharp" }
            && definitionSyntax is not null
            && declaration.ContainingAssembly is IAssemblySymbol assembly
            && !assembly.Modules.SelectMany(m => m.ReferencedAssemblySymbols).Any(a => a.Name == "DiffOpt.Torch"))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TorchFunctionSignatureMismatch, location,
                "'" + declaration.Name + "' needs the DiffOpt.Torch package: add <PackageReference Include=\"DiffOpt.Torch\" /> (the generated code calls DiffOpt.Torch.TorchFunctionDefinition and TensorOps)"));
            return Fail();
        }

        // The declaration's shape.
        var expected = ExpectedDeclaration(target, declaration.Name, useFunction);
        var matches = declaration.ReturnType.ToDisplayString() == TensorTypeName && declaration.Parameters.Length == parameters.Count;
        for (var i = 0; matches && i < parameters.Count; i++)
        {
            var (_, role, declarationName) = parameters[i];
            var actual = declaration.Parameters[i];
            var typeOk = role switch
            {
                TorchParameterRole.PassThrough => SymbolEqualityComparer.Default.Equals(actual.Type, parameters[i].Item1.Type),
                TorchParameterRole.Output => actual.Type.SpecialType == SpecialType.System_Int32,
                _ => actual.Type.ToDisplayString() == TensorTypeName,
            };
            matches = typeOk && actual.RefKind == RefKind.None && actual.Name == declarationName;
        }

        if (!matches)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TorchFunctionSignatureMismatch, location,
                "'" + declaration.Name + "' must return Tensor and repeat the parameters of '" + target.Name + "' (double and vectors as Tensor, int/bool unchanged, a Span<double> output as its int length): " + expected));
            return Fail();
        }

        return new Binding(target, form, parameters, diagnostics.ToImmutable());
    }

    private static TorchParameterRole? RoleOf(IParameterSymbol p, out string why)
    {
        why = string.Empty;
        var constant = p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.NonDifferentiableAttribute);
        if (p.RefKind != RefKind.None)
        {
            why = "ref, out and in parameters have no tensor form";
            return null;
        }

        if (TypeMapping.IsSinglePrecision(p.Type))
        {
            why = "float parameters are not supported by the TorchSharp lowering; use double (tensors of any dtype are converted)";
            return null;
        }

        switch (p.Type.SpecialType)
        {
            case SpecialType.System_Double:
                return constant ? TorchParameterRole.ConstantScalar : TorchParameterRole.Scalar;
            case SpecialType.System_Int32:
            case SpecialType.System_Boolean:
                return TorchParameterRole.PassThrough;
        }

        if (TypeMapping.IsDoubleArray(p.Type) || TypeMapping.IsSpanOfDouble(p.Type, "ReadOnlySpan"))
        {
            return constant ? TorchParameterRole.ConstantVector : TorchParameterRole.Vector;
        }

        if (TypeMapping.IsSpanOfDouble(p.Type, "Span"))
        {
            return TorchParameterRole.Output;
        }

        why = TypeMapping.IsDoubleMatrix(p.Type)
            ? "double[,] has no TorchSharp form yet; pass the matrix flattened row-major as ReadOnlySpan<double> with its column count as an int"
            : "supported parameter types are double, double[], ReadOnlySpan<double>, int, bool and one Span<double> output";
        return null;
    }

    /// <summary>The declaration the binder expects, for messages.</summary>
    public static string ExpectedDeclaration(IMethodSymbol target, string name, bool useFunction)
    {
        var parameters = new List<string>();
        foreach (var p in target.Parameters)
        {
            var role = RoleOf(p, out _);
            parameters.Add(role switch
            {
                TorchParameterRole.PassThrough => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + p.Name,
                TorchParameterRole.Output => "int " + p.Name + "Length",
                _ => "Tensor " + p.Name,
            });
        }

        return "[TorchFunction(nameof(" + target.Name + ")" + (useFunction ? ", UseAutogradFunction = true" : string.Empty) + ")] public static partial Tensor " + name + "(" + string.Join(", ", parameters) + ");";
    }
}
