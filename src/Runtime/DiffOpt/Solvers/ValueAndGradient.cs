using System;

namespace DiffOpt.Solvers;

/// <summary>
/// An objective function that returns its value at <paramref name="x"/> and writes its gradient there.
/// </summary>
/// <param name="x">The point at which to evaluate; never modified.</param>
/// <param name="gradient">Receives ∇f(x), same length as <paramref name="x"/>; overwritten, never accumulated.</param>
/// <returns>f(x).</returns>
/// <remarks>
/// This is the signature of the methods that <c>[Gradient]</c> generates, so a generated gradient can be passed
/// as a method group. Implementations must not keep references to the spans after returning.
/// </remarks>
public delegate double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);
