namespace DiffOpt.Solvers;

/// <summary>The distribution of the random perturbation directions of a zeroth-order optimizer.</summary>
public enum PerturbationKind
{
    /// <summary>Independent ±1 entries with equal probability (Rademacher), as in SPSA.</summary>
    Rademacher,

    /// <summary>Independent standard normal entries, as in MeZO and ZO-RankSGD.</summary>
    Gaussian,
}
