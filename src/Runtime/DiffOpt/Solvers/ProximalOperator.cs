using System;

namespace DiffOpt.Solvers;

/// <summary>
/// The proximal operator of a convex term g, applied in place:
/// x ← prox_{t·g}(x) = argmin over z of g(z) + ‖z − x‖₂² / (2t).
/// </summary>
/// <param name="x">The point; overwritten with prox_{t·g}(x).</param>
/// <param name="stepSize">The step size t &gt; 0.</param>
/// <returns>g evaluated at the new <paramref name="x"/> (0 for the indicator function of a set).</returns>
/// <remarks>
/// Returning g lets <see cref="Minimize.ProximalGradient"/> report the full objective f + g without a second
/// callback. Ready-made operators are in <see cref="Proximal"/>.
/// </remarks>
public delegate double ProximalOperator(Span<double> x, double stepSize);
