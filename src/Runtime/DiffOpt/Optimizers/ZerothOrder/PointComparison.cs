using System;

namespace DiffOpt.Solvers;

/// <summary>A pairwise preference between two points: the comparison oracle of ranking-based optimization.</summary>
/// <param name="first">A point.</param>
/// <param name="second">Another point.</param>
/// <returns>Negative if <paramref name="first"/> is better (lower loss), positive if <paramref name="second"/> is, 0 for a tie.</returns>
public delegate int PointComparison(ReadOnlySpan<double> first, ReadOnlySpan<double> second);
