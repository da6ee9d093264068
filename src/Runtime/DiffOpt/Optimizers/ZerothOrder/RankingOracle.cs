using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Ranks candidate points, best first: the only feedback <see cref="ZoRankSgd"/> needs (a human judge, a
/// preference model, or a loss through <see cref="RankingOracles.FromLoss"/>).
/// </summary>
/// <param name="candidates">The candidates to rank.</param>
/// <param name="ranking">
/// Receives distinct candidate indices, best (lowest loss, most preferred) first. Its length is the number of
/// candidates the optimizer asks to be ranked (all of them, or the top k); the rest count as tied below them.
/// </param>
public delegate void RankingOracle(CandidatePoints candidates, Span<int> ranking);
