using System.Linq;
using DiffOpt.Generators.Ir;
using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.FrontEnd;

/// <summary>Maps C# types to IR types.</summary>
internal static class TypeMapping
{
    /// <summary>What the supported types are, for diagnostics.</summary>
    public const string SupportedParameterTypes = "supported parameter types are double, int, bool, double[], double[,], ReadOnlySpan<double> and (outputs of void methods) Span<double>";

    public static bool TryMapScalar(ITypeSymbol? type, out IrType irType)
    {
        switch (type?.SpecialType)
        {
            case SpecialType.System_Double:
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

    public static bool IsDouble(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_Double;

    public static bool IsDoubleMatrix(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 2 } array && IsDouble(array.ElementType);

    public static bool IsDoubleArray(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 1 } array && IsDouble(array.ElementType);

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

        if (IsSpanOfDouble(parameter.Type, "Span"))
        {
            irParameter = new IrParameter(parameter.Name, IrType.DoubleVector, IrParameterKind.Span);
            return true;
        }

        return false;
    }
}
