using DiffOpt.Generators.Tests.Infrastructure;

namespace DiffOpt.Generators.Tests.CompileAndRun;

/// <summary>
/// The generator runs on this test project; these tests call what it generated for the models in
/// CompileAndRun/Models and check every [Gradient] and [Jvp] against finite differences and each other.
/// </summary>
public sealed class GeneratedDerivativeTests
{
    private static readonly Dictionary<string, DerivativeCase> Cases =
        MathFunctionCases.All.Concat(ConstructCases.All).ToDictionary(c => c.Name);

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Gradient_matches_central_finite_differences(string name) =>
        DerivativeAssert.GradientMatchesFiniteDifferences(Cases[name]);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Jvp_along_each_unit_tangent_equals_that_gradient_component(string name) =>
        DerivativeAssert.JvpOfUnitTangentsEqualsGradient(Cases[name]);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Jvp_along_a_mixed_direction_matches_finite_differences(string name) =>
        DerivativeAssert.JvpMatchesDirectionalFiniteDifference(Cases[name]);

    [Fact]
    public void Every_supported_Math_member_has_a_case()
    {
        string[] members =
        [
            "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Atan2", "Sinh", "Cosh", "Tanh", "Asinh", "Acosh", "Atanh",
            "Exp", "Log", "LogWithBase", "Log10", "Log2", "Sqrt", "Cbrt", "Pow", "Abs", "Max", "Min", "Clamp",
            "FusedMultiplyAdd", "Floor", "Ceiling", "Round", "Truncate", "Sign",
        ];
        Assert.All(members, m => Assert.True(Cases.ContainsKey(m), "no case for Math." + m));
    }
}
