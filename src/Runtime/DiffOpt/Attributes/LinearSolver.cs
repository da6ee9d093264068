namespace DiffOpt;

/// <summary>
/// The linear solver an <see cref="ImplicitDiffAttribute">[ImplicitDiff]</see> rule uses for the implicit-function-theorem
/// system <c>(∂F/∂x) u = b</c> (or its transpose). Every solver is matrix-free except the dense ones, which build the
/// Jacobian column by column from generated Jacobian-vector products.
/// </summary>
public enum LinearSolver
{
    /// <summary>
    /// Chosen from the rule: <see cref="ConjugateGradient"/> for an <see cref="OptimizeAttribute">[Optimize]</see> solver's
    /// gradient condition (a symmetric Hessian), <see cref="Gmres"/> for a named condition or fixed-point map.
    /// </summary>
    Automatic = 0,

    /// <summary>Conjugate gradient: symmetric positive definite systems (Hessians of convex objectives).</summary>
    ConjugateGradient = 1,

    /// <summary>Conjugate gradient on the normal equations: any nonsingular system, slower convergence.</summary>
    NormalCg = 2,

    /// <summary>Restarted GMRES: general nonsymmetric systems.</summary>
    Gmres = 3,

    /// <summary>BiCGStab: general nonsymmetric systems with short recurrences.</summary>
    BiCgStab = 4,

    /// <summary>Dense LU with partial pivoting on the materialised Jacobian: small systems, exact to rounding.</summary>
    DenseLu = 5,

    /// <summary>Dense Cholesky on the materialised Jacobian: small symmetric positive definite systems.</summary>
    DenseCholesky = 6,
}
