using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// The parameter list of a pushforward of a pullback (<c>F__Pullback__Pushforward</c>) built from the pullback's, for the
/// helpers that exist only so callers' second-order code compiles and then throw: the pullback's parameters, then a
/// tangent for each one that carries a derivative, in the shape <c>ForwardModeTransform</c> calls.
/// </summary>
internal static class SecondOrderSignature
{
    /// <summary>The parameters, each spelled <c>"[modifier ]type name"</c>.</summary>
    /// <param name="pullbackParameters">The pullback's parameters, spelled the same way.</param>
    /// <param name="names">Names in use, for the tangents' fresh names.</param>
    /// <param name="tangentSuffix">What a tangent's name adds to its parameter's.</param>
    public static List<string> Parameters(IReadOnlyList<string> pullbackParameters, NameScope names, string tangentSuffix = "Tangent")
    {
        var tangents = new List<string>();
        foreach (var parameter in pullbackParameters)
        {
            var name = parameter.Substring(parameter.LastIndexOf(' ') + 1);
            var type = parameter.Substring(0, parameter.Length - name.Length - 1);
            var tangentType = type switch
            {
                "double" or "ref double" or "global::System.Span<double>" => type,
                "global::System.ReadOnlySpan<double>" or "double[]" or "double[,]" => "global::System.ReadOnlySpan<double>",
                _ => null, // int, bool: no tangent
            };
            if (tangentType is not null)
            {
                tangents.Add(tangentType + " " + names.Fresh(name.TrimStart('@') + tangentSuffix));
            }
        }

        return pullbackParameters.Concat(tangents).ToList();
    }
}
