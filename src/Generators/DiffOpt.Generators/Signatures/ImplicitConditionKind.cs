namespace DiffOpt.Generators.Signatures;

/// <summary>Which optimality condition an <c>[ImplicitDiff]</c> rule differentiates, in the attribute's order of precedence.</summary>
internal enum ImplicitConditionKind
{
    /// <summary>No <c>[ImplicitDiff]</c>: calls to the solver are not differentiable.</summary>
    None,

    /// <summary>A named root condition <c>F(x, θ…, residual)</c>: <c>F(x*, θ) = 0</c>.</summary>
    Root,

    /// <summary>A named fixed-point map <c>T(x, θ…, output)</c>: <c>T(x*, θ) − x* = 0</c>.</summary>
    FixedPoint,

    /// <summary>An unconstrained <c>[Optimize]</c> solver: the objective's gradient in its first parameter is zero.</summary>
    ObjectiveGradient,

    /// <summary>An <c>[Optimize]</c> solver with a projection: the fixed point of the projected gradient step.</summary>
    ProjectedGradientStep,

    /// <summary>An <c>[Optimize]</c> solver with a proximal operator: the fixed point of the proximal gradient step.</summary>
    ProximalGradientStep,
}
