using DiffOpt.ImplicitTests.Applications.Support;
using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Applications.BoxQp;

/// <summary>
/// A box-constrained QP (Fixtures/box_qp_parametric.json: n = 20, 10 free coordinates, 4 at the lower and 6 at the upper
/// bound, strict complementarity): the generated projected-gradient solver against SciPy's L-BFGS-B active set with an
/// exact solve, and the implicit derivatives in c and in the bounds against the closed forms (−Q_FF⁻¹ on the free set)
/// and against finite differences of full re-solves.
/// </summary>
public sealed class BoxQpTests
{
    private static readonly ReferenceData Data = ReferenceData.Load("box_qp_parametric.json");
    private static readonly int N = Data.Integer("n");
    private static readonly double[] Q = Data.Vector("Q"), C = Data.Vector("c");
    private static readonly double Lower = Data.Number("lower"), Upper = Data.Number("upper");
    private static readonly SolverOptions Tight = new() { Tolerance = 1e-13, MaxIterations = 100_000 };

    [Fact]
    public void Projected_gradient_solution_matches_scipy()
    {
        double[] x = BoxQpModel.Solve(new double[N], Q, C, Lower, Upper, Tight);
        Compare.Vectors(Data.Vector("solution"), x, 1e-10, "x");
        // The active set is identified exactly: clamped coordinates are exactly at their bound.
        Assert.Equal(Data.Integer("at_lower"), x.Count(v => v == Lower));
        Assert.Equal(Data.Integer("at_upper"), x.Count(v => v == Upper));
    }

    [Fact]
    public void Vjp_rows_are_the_closed_form_jacobian_in_c()
    {
        double[] expected = Data.Vector("dx_dc");
        double[] x = new double[N], dc = new double[N], cotangent = new double[N];
        for (int i = 0; i < N; i++)
        {
            Array.Clear(cotangent);
            cotangent[i] = 1;
            Array.Clear(dc);
            BoxQpModel.SolutionVjp(Q, C, Lower, Upper, x, dc, out _, out _, cotangent);
            Compare.Vectors(expected.AsSpan(i * N, N), dc, 1e-8, $"row {i} of dx/dc");
        }

        Compare.Vectors(Data.Vector("solution"), x, 1e-6, "x");
    }

    [Fact]
    public void Vjp_in_the_bounds_is_the_closed_form()
    {
        double[] upperColumn = Data.Vector("dx_dupper"), lowerColumn = Data.Vector("dx_dlower");
        double[] x = new double[N], dc = new double[N], cotangent = new double[N];
        for (int i = 0; i < N; i++)
        {
            Array.Clear(cotangent);
            cotangent[i] = 1;
            BoxQpModel.SolutionVjp(Q, C, Lower, Upper, x, dc, out double dLower, out double dUpper, cotangent);
            Compare.Scalars(upperColumn[i], dUpper, 1e-8, $"dx[{i}]/dupper", floor: 1);
            Compare.Scalars(lowerColumn[i], dLower, 1e-8, $"dx[{i}]/dlower", floor: 1);
        }
    }

    [Fact]
    public void Jvp_in_the_upper_bound_matches_the_closed_form_and_finite_differences_of_re_solves()
    {
        double[] x = new double[N], dx = new double[N];
        BoxQpModel.SolutionJvp(Q, C, Lower, Upper, x, new double[N], 0.0, 1.0, dx);
        Compare.Vectors(Data.Vector("dx_dupper"), dx, 1e-8, "dx/dupper");

        // The solution is piecewise affine in the bounds; a step below the complementarity margin stays on one piece.
        double step = 0.1 * Data.Number("margin");
        double[] finiteDifference = FiniteDifference.Central(u => BoxQpModel.Solve(new double[N], Q, C, Lower, u, Tight), Upper, step);
        Compare.Vectors(finiteDifference, dx, 1e-7, "dx/dupper vs finite differences");
    }

    [Fact]
    public void Jvp_in_c_matches_finite_differences_of_re_solves_along_a_direction()
    {
        double[] direction = new double[N];
        for (int i = 0; i < N; i++)
        {
            direction[i] = Math.Sin(1.0 + i);
        }

        double[] x = new double[N], dx = new double[N];
        BoxQpModel.SolutionJvp(Q, C, Lower, Upper, x, direction, 0.0, 0.0, dx);
        double step = 0.1 * Data.Number("margin");
        double[] finiteDifference = FiniteDifference.Central(
            t => BoxQpModel.Solve(new double[N], Q, C.Select((v, i) => v + t * direction[i]).ToArray(), Lower, Upper, Tight), 0.0, step);
        Compare.Vectors(finiteDifference, dx, 1e-7, "dx/dc · direction vs finite differences");
    }

    [Fact]
    public void Jvp_and_vjp_declared_on_the_solver_itself_are_the_closed_forms()
    {
        double[] dx = new double[N];
        double[] x = BoxQpModel.SolveJvp(new double[N], Q, C, Lower, Upper, new double[N], 1.0, 0.0, dx);
        Compare.Vectors(Data.Vector("solution"), x, 1e-6, "x");
        Compare.Vectors(Data.Vector("dx_dlower"), dx, 1e-8, "dx/dlower");

        double[] jacobian = Data.Vector("dx_dc"), upperColumn = Data.Vector("dx_dupper");
        double[] dc = new double[N], cotangent = new double[N];
        foreach (int i in new[] { 0, 7, 19 })
        {
            Array.Clear(cotangent);
            cotangent[i] = 1;
            BoxQpModel.SolveVjp(new double[N], Q, C, Lower, Upper, dc, out _, out double dUpper, cotangent);
            Compare.Vectors(jacobian.AsSpan(i * N, N), dc, 1e-8, $"row {i} of dx/dc");
            Compare.Scalars(upperColumn[i], dUpper, 1e-8, $"dx[{i}]/dupper", floor: 1);
        }
    }

    [Fact]
    public void Gradients_of_an_outer_loss_agree_across_linear_solvers_and_with_the_closed_form()
    {
        double[] weights = new double[N];
        for (int i = 0; i < N; i++)
        {
            weights[i] = Math.Cos(0.5 * i);
        }

        // Closed form: dL/dc = (dx/dc)ᵀ g, dL/dupper = g · dx/dupper.
        double[] jacobian = Data.Vector("dx_dc"), upperColumn = Data.Vector("dx_dupper");
        double[] expectedDc = new double[N];
        double expectedDUpper = 0;
        for (int i = 0; i < N; i++)
        {
            expectedDUpper += weights[i] * upperColumn[i];
            for (int j = 0; j < N; j++)
            {
                expectedDc[j] += weights[i] * jacobian[i * N + j];
            }
        }

        double[] dcLu = new double[N], dcBiCgStab = new double[N];
        double valueLu = BoxQpModel.WeightedSolutionLuGradient(Q, C, Lower, Upper, weights, dcLu, out double dUpperLu);
        double valueBiCgStab = BoxQpModel.WeightedSolutionBiCgStabGradient(Q, C, Lower, Upper, weights, dcBiCgStab, out double dUpperBiCgStab);
        double expectedValue = weights.Zip(Data.Vector("solution"), (g, v) => g * v).Sum();
        Compare.Scalars(expectedValue, valueLu, 1e-6, "g·x (LU)", floor: 1);
        Compare.Scalars(expectedValue, valueBiCgStab, 1e-6, "g·x (BiCGStab)", floor: 1);
        Compare.Vectors(expectedDc, dcLu, 1e-8, "dL/dc (dense LU)");
        Compare.Vectors(expectedDc, dcBiCgStab, 1e-8, "dL/dc (BiCGStab)");
        Compare.Scalars(expectedDUpper, dUpperLu, 1e-8, "dL/dupper (dense LU)", floor: 1);
        Compare.Scalars(expectedDUpper, dUpperBiCgStab, 1e-8, "dL/dupper (BiCGStab)", floor: 1);
    }
}
