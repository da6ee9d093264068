using System;

namespace DiffOpt.Solvers;

/// <summary>
/// A Hessian–vector product: writes ∇²f(x)·v into <paramref name="result"/>.
/// </summary>
/// <param name="x">The point at which the Hessian is taken.</param>
/// <param name="v">The vector to multiply, same length as <paramref name="x"/>.</param>
/// <param name="result">Receives ∇²f(x)·v; overwritten, never accumulated.</param>
/// <remarks>This is the signature of the methods that <c>[Hvp]</c> generates.</remarks>
public delegate void HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result);
