using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Applications.BoxQp;

/// <summary>
/// The box-constrained QP min ½xᵀQx + cᵀx s.t. lower ≤ xᵢ ≤ upper, solved by the generated projected-gradient solver and
/// differentiated through the fixed point x = P(x − ∇f(x)) in c and in both bounds (the projection depends on them).
/// </summary>
public static partial class BoxQpModel
{
    /// <summary>½xᵀQx + cᵀx, Q row-major n × n with n = c.Length. The bounds only enter through the projection.</summary>
    [Differentiable]
    public static double Quadratic(ReadOnlySpan<double> x, double[] Q, double[] c, double lower, double upper)
    {
        int n = c.Length;
        double value = 0;
        for (int i = 0; i < n; i++)
        {
            double qx = 0;
            for (int j = 0; j < n; j++)
            {
                qx += Q[i * n + j] * x[j];
            }

            value += 0.5 * x[i] * qx + c[i] * x[i];
        }

        return value;
    }

    /// <summary>Projection onto the box: its derivative is 1 in xᵢ inside, and goes to the bound a coordinate is clamped to.</summary>
    [Differentiable]
    public static void Box(ReadOnlySpan<double> x, double[] Q, double[] c, double lower, double upper, Span<double> projected)
    {
        for (int i = 0; i < x.Length; i++)
        {
            projected[i] = Math.Clamp(x[i], lower, upper);
        }
    }

    /// <summary>
    /// The projected-gradient map T(x) = P(x − η(Qx + c)): its fixed points are the QP's solutions for every η &gt; 0, and
    /// on the free coordinates ∂(x − T)/∂x = ηQ, on the clamped ones the identity.
    /// </summary>
    [Differentiable]
    public static void ProjectedGradientStep(ReadOnlySpan<double> x, double[] Q, double[] c, double lower, double upper, Span<double> next)
    {
        const double step = 0.2;
        int n = c.Length;
        for (int i = 0; i < n; i++)
        {
            double g = c[i];
            for (int j = 0; j < n; j++)
            {
                g += Q[i * n + j] * x[j];
            }

            next[i] = Math.Clamp(x[i] - step * g, lower, upper);
        }
    }

    /// <summary>
    /// Projected gradient, differentiated through the generator's default condition x − P(x − ∇f(x)) = 0; the implicit
    /// system uses GMRES (the default for a constrained solver).
    /// </summary>
    [Optimize(nameof(Quadratic), Projection = nameof(Box))]
    [ImplicitDiff]
    public static partial double[] Solve(ReadOnlySpan<double> x0, double[] Q, double[] c, double lower, double upper, SolverOptions? options = null);

    /// <summary>The same solver and default condition, implicit system by dense LU.</summary>
    [Optimize(nameof(Quadratic), Projection = nameof(Box))]
    [ImplicitDiff(LinearSolver = LinearSolver.DenseLu)]
    public static partial double[] SolveLu(ReadOnlySpan<double> x0, double[] Q, double[] c, double lower, double upper, SolverOptions? options = null);

    /// <summary>The same solver with the named fixed-point map <see cref="ProjectedGradientStep"/>, implicit system by BiCGStab.</summary>
    [Optimize(nameof(Quadratic), Projection = nameof(Box))]
    [ImplicitDiff(FixedPoint = nameof(ProjectedGradientStep), LinearSolver = LinearSolver.BiCgStab)]
    public static partial double[] SolveBiCgStab(ReadOnlySpan<double> x0, double[] Q, double[] c, double lower, double upper, SolverOptions? options = null);

    /// <summary>The solver's own JVP (declared on the solver): solves once, then the implicit tangent of the solution.</summary>
    [Jvp(nameof(Solve))]
    public static partial double[] SolveJvp(ReadOnlySpan<double> x0, double[] Q, double[] c, double lower, double upper,
                                            ReadOnlySpan<double> dc, double dLower, double dUpper, Span<double> dx);

    /// <summary>The solver's own VJP: solves once, then the parameters' cotangents from the solution's.</summary>
    [Vjp(nameof(Solve))]
    public static partial void SolveVjp(ReadOnlySpan<double> x0, double[] Q, double[] c, double lower, double upper,
                                        Span<double> dc, out double dLower, out double dUpper, ReadOnlySpan<double> dx);

    /// <summary>x*(c, lower, upper) as a vector-valued function (GMRES).</summary>
    [Differentiable]
    public static void Solution(double[] Q, double[] c, double lower, double upper, Span<double> x)
    {
        double[] solution = Solve(new double[c.Length], Q, c, lower, upper);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = solution[i];
        }
    }

    [Vjp(nameof(Solution))]
    public static partial void SolutionVjp(double[] Q, double[] c, double lower, double upper, Span<double> x,
                                           Span<double> dc, out double dLower, out double dUpper, ReadOnlySpan<double> dx);

    [Jvp(nameof(Solution))]
    public static partial void SolutionJvp(double[] Q, double[] c, double lower, double upper, Span<double> x,
                                           ReadOnlySpan<double> dc, double dLower, double dUpper, Span<double> dx);

    /// <summary>A scalar outer loss gᵀx*(c, upper) through the dense-LU solver.</summary>
    [Differentiable]
    public static double WeightedSolutionLu(double[] Q, double[] c, double lower, double upper, double[] weights)
    {
        double[] x = SolveLu(new double[c.Length], Q, c, lower, upper);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += weights[i] * x[i];
        }

        return sum;
    }

    [Gradient(nameof(WeightedSolutionLu))]
    public static partial double WeightedSolutionLuGradient(double[] Q, double[] c, double lower, double upper, double[] weights,
                                                            Span<double> dc, out double dUpper);

    /// <summary>The same loss through the BiCGStab solver.</summary>
    [Differentiable]
    public static double WeightedSolutionBiCgStab(double[] Q, double[] c, double lower, double upper, double[] weights)
    {
        double[] x = SolveBiCgStab(new double[c.Length], Q, c, lower, upper);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += weights[i] * x[i];
        }

        return sum;
    }

    [Gradient(nameof(WeightedSolutionBiCgStab))]
    public static partial double WeightedSolutionBiCgStabGradient(double[] Q, double[] c, double lower, double upper, double[] weights,
                                                                  Span<double> dc, out double dUpper);
}
