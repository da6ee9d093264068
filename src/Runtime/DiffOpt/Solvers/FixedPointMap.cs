using System;

namespace DiffOpt.Solvers;

/// <summary>
/// A map T whose fixed point x = T(x) is sought: writes T(x) into <paramref name="result"/>.
/// </summary>
/// <param name="x">The current point; never modified.</param>
/// <param name="result">Receives T(x), same length as <paramref name="x"/>; overwritten.</param>
public delegate void FixedPointMap(ReadOnlySpan<double> x, Span<double> result);
