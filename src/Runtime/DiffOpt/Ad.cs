namespace DiffOpt;

/// <summary>Markers that change how DiffOpt differentiates an expression; they do nothing at run time.</summary>
public static class Ad
{
    /// <summary>
    /// Returns <paramref name="value"/> unchanged, but differentiable code treats it as a constant: no derivative
    /// flows through it (<c>jax.lax.stop_gradient</c>, <c>torch.Tensor.detach</c>).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns><paramref name="value"/>.</returns>
    public static double StopGradient(double value) => value;
}
