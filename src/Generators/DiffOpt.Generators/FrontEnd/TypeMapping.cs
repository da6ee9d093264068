using System.Linq;
using DiffOpt.Generators.Ir;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.FrontEnd;

/// <summary>Maps C# types to IR types.</summary>
internal static class TypeMapping
{
    /// <summary>What the supported types are, for diagnostics.</summary>
    public const string SupportedParameterTypes = "supported parameter types are double, float, int, bool, double[], double[,], ReadOnlySpan<double> (and their float forms), int[] and ReadOnlySpan<int> (index arrays) and (outputs of void methods) Span<double>";

    public static bool TryMapScalar(ITypeSymbol? type, out IrType irType)
    {
        switch (type?.SpecialType)
        {
            case SpecialType.System_Double:
            case SpecialType.System_Single:
                // float is differentiated in double precision; values are rounded to float where they leave.
                irType = IrType.Double;
                return true;
            case SpecialType.System_Int32:
                irType = IrType.Int;
                return true;
            case SpecialType.System_Boolean:
                irType = IrType.Bool;
                return true;
            default:
                irType = default;
                return false;
        }
    }

    /// <summary>Whether a type is a real scalar the IR handles as a double: <c>double</c>, or <c>float</c> (computed in double).</summary>
    public static bool IsDouble(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    /// <summary>Whether a type is <c>float</c> or built from it (<c>float[]</c>, <c>Span&lt;float&gt;</c>, …).</summary>
    public static bool IsSinglePrecision(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol array => array.ElementType.SpecialType == SpecialType.System_Single,
        INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named => named.TypeArguments[0].SpecialType == SpecialType.System_Single,
        _ => type?.SpecialType == SpecialType.System_Single,
    };

    public static bool IsDoubleMatrix(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 2 } array && IsDouble(array.ElementType);

    public static bool IsDoubleArray(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 1 } array && IsDouble(array.ElementType);

    /// <summary>Whether a type is an index array: <c>int[]</c> or <c>ReadOnlySpan&lt;int&gt;</c>.</summary>
    public static bool IsIntArray(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Int32 }
        || type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "ReadOnlySpan" } span
           && span.ContainingNamespace?.ToDisplayString() == "System" && span.TypeArguments[0].SpecialType == SpecialType.System_Int32;

    public static bool IsSpanOfDouble(ITypeSymbol? type, string spanName) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
        && named.Name == spanName
        && named.ContainingNamespace?.ToDisplayString() == "System"
        && IsDouble(named.TypeArguments[0]);

    /// <summary>Maps a parameter of a primal method; false for unsupported types or passing modes.</summary>
    public static bool TryMapParameter(IParameterSymbol parameter, out IrParameter irParameter)
    {
        if (!TryMapParameterType(parameter, out irParameter))
        {
            return false;
        }

        if (parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.NonDifferentiableAttribute))
        {
            irParameter = irParameter with { IsConstant = true };
        }

        if (IsSinglePrecision(parameter.Type))
        {
            irParameter = irParameter with { IsSinglePrecision = true };
        }

        return true;
    }

    private static bool TryMapParameterType(IParameterSymbol parameter, out IrParameter irParameter)
    {
        irParameter = null!;
        if (parameter.RefKind != RefKind.None)
        {
            return false;
        }

        if (TryMapScalar(parameter.Type, out var scalar))
        {
            irParameter = new IrParameter(parameter.Name, scalar, IrParameterKind.Value);
            return true;
        }

        if (IsDoubleMatrix(parameter.Type))
        {
            irParameter = new IrParameter(parameter.Name, IrType.DoubleVector, IrParameterKind.Matrix);
            return true;
        }

        if (IsDoubleArray(parameter.Type))
        {
            irParameter = new IrParameter(parameter.Name, IrType.DoubleVector, IrParameterKind.DoubleArray);
            return true;
        }

        if (IsSpanOfDouble(parameter.Type, "ReadOnlySpan"))
        {
            irParameter = new IrParameter(parameter.Name, IrType.DoubleVector, IrParameterKind.ReadOnlySpan);
            return true;
        }

        if (IsIntArray(parameter.Type))
        {
            irParameter = new IrParameter(parameter.Name, IrType.IntVector, parameter.Type is IArrayTypeSymbol ? IrParameterKind.DoubleArray : IrParameterKind.ReadOnlySpan);
            return true;
        }

        if (IsSpanOfDouble(parameter.Type, "Span"))
        {
            irParameter = new IrParameter(parameter.Name, IrType.DoubleVector, IrParameterKind.Span);
            return true;
        }

        return false;
    }
}
