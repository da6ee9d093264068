namespace DiffOpt.Generators.FrontEnd;

/// <summary>Metadata names of the attributes and helpers the compiler recognises.</summary>
internal static class KnownNames
{
    public const string DifferentiableAttribute = "DiffOpt.DifferentiableAttribute";
    public const string GradientAttribute = "DiffOpt.GradientAttribute";
    public const string JvpAttribute = "DiffOpt.JvpAttribute";
    public const string HvpAttribute = "DiffOpt.HvpAttribute";
    public const string VjpAttribute = "DiffOpt.VjpAttribute";
    public const string NonDifferentiableAttribute = "DiffOpt.NonDifferentiableAttribute";
    public const string DerivativeOfAttribute = "DiffOpt.DerivativeOfAttribute";
    public const string AdClass = "DiffOpt.Ad";

    /// <summary>Suffix of the generated reverse-mode helper of every differentiable method.</summary>
    public const string PullbackSuffix = "__Pullback";

    /// <summary>Suffix of the generated forward-mode helper of every differentiable method.</summary>
    public const string PushforwardSuffix = "__Pushforward";
}
