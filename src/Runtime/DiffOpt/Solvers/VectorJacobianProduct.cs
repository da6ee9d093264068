using System;

namespace DiffOpt.Solvers;

/// <summary>
/// A vector–Jacobian product of a residual function: writes J(x)ᵀ·u into <paramref name="result"/>.
/// </summary>
/// <param name="x">The parameters (length n).</param>
/// <param name="u">A cotangent in residual space (length m).</param>
/// <param name="result">Receives J(x)ᵀ·u (length n); overwritten.</param>
/// <remarks>Reverse mode: the signature of a <c>[Vjp]</c> of a vector-valued function with the point fixed.</remarks>
public delegate void VectorJacobianProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> result);
