using System;

namespace DiffOpt.Solvers;

/// <summary>
/// A Euclidean projection onto a closed convex set C, applied in place: x ← argmin over z in C of ‖z − x‖₂.
/// </summary>
/// <param name="x">The point to project; overwritten with its projection.</param>
/// <remarks>Ready-made projections are in <see cref="Projections"/>.</remarks>
public delegate void Projection(Span<double> x);
