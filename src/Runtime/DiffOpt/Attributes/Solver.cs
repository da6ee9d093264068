namespace DiffOpt;

/// <summary>The unconstrained method an <see cref="OptimizeAttribute">[Optimize]</see> solver uses.</summary>
/// <remarks>
/// With <see cref="OptimizeAttribute.Projection"/> the solver is projected gradient, with
/// <see cref="OptimizeAttribute.Prox"/> proximal gradient (FISTA); this choice then does not apply.
/// </remarks>
public enum Solver
{
    /// <summary>Limited-memory BFGS with a strong-Wolfe line search (the default): gradients only, fast on smooth problems.</summary>
    Lbfgs = 0,

    /// <summary>Gradient descent with a backtracking (Armijo) line search.</summary>
    GradientDescent = 1,

    /// <summary>Truncated Newton: conjugate gradient on the generated Hessian-vector product of the objective.</summary>
    NewtonCg = 2,
}
