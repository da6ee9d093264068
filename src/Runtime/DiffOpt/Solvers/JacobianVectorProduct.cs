using System;

namespace DiffOpt.Solvers;

/// <summary>
/// A Jacobian–vector product of a residual function: writes J(x)·v into <paramref name="result"/>.
/// </summary>
/// <param name="x">The parameters (length n).</param>
/// <param name="v">A tangent in parameter space (length n).</param>
/// <param name="result">Receives J(x)·v (length m); overwritten.</param>
/// <remarks>Forward mode: the signature of a <c>[Jvp]</c> of a vector-valued function with the point fixed.</remarks>
public delegate void JacobianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result);
