using System;

namespace DiffOpt.Solvers;

/// <summary>
/// A matrix-free linear operator: writes <c>A·v</c> into <paramref name="result"/>.
/// </summary>
/// <param name="v">The vector to multiply.</param>
/// <param name="result">Receives the product; overwritten, never accumulated.</param>
/// <remarks>
/// Used by the linear solvers and by the inner solves of Gauss–Newton, Levenberg–Marquardt and Newton-CG.
/// Implementations must not keep references to the spans after returning.
/// </remarks>
public delegate void MatVec(ReadOnlySpan<double> v, Span<double> result);
