using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Core;

/// <summary>
/// The runtime engine of implicit differentiation: (∂F/∂x)u = b and its transpose with every linear solver, checked by
/// the residual of the explicit matrix (computed here, independently of the solvers), and failures that throw with the
/// linear solver's report.
/// </summary>
public sealed class ImplicitSystemTests
{
    private const int N = 6;

    // Symmetric positive definite: A = BᵀB + I with a fixed B.
    private static double[,] Spd()
    {
        var b = new double[N, N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                b[i, j] = Math.Sin((3 * i) + j + 1);
            }
        }

        var a = new double[N, N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                double s = i == j ? 1 : 0;
                for (var k = 0; k < N; k++)
                {
                    s += b[k, i] * b[k, j];
                }

                a[i, j] = s;
            }
        }

        return a;
    }

    // Nonsymmetric, diagonally dominant.
    private static double[,] General()
    {
        var a = new double[N, N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                a[i, j] = i == j ? 8 + i : Math.Cos((2 * i) - (5 * j));
            }
        }

        return a;
    }

    private static MatVec Product(double[,] a, bool transposed) => (v, result) =>
    {
        for (var i = 0; i < N; i++)
        {
            double s = 0;
            for (var j = 0; j < N; j++)
            {
                s += (transposed ? a[j, i] : a[i, j]) * v[j];
            }

            result[i] = s;
        }
    };

    private static double[] Rhs() => Enumerable.Range(0, N).Select(i => 1.0 + (0.5 * i) - (0.1 * i * i)).ToArray();

    private static void AssertSolves(double[,] a, bool transposed, double[] u, double[] b)
    {
        var r = new double[N];
        Product(a, transposed)(u, r);
        for (var i = 0; i < N; i++)
        {
            Assert.Equal(b[i], r[i], 1e-8);
        }
    }

    public static TheoryData<LinearSolver> AllSolvers() => new(Enum.GetValues<LinearSolver>());

    public static TheoryData<LinearSolver> GeneralSolvers() => new(LinearSolver.Automatic, LinearSolver.NormalCg, LinearSolver.Gmres, LinearSolver.BiCgStab, LinearSolver.DenseLu);

    [Theory]
    [MemberData(nameof(AllSolvers))]
    public void Symmetric_system_is_solved_by_every_linear_solver(LinearSolver solver)
    {
        var a = Spd();
        var system = new ImplicitSystem("Fit", solver, symmetric: true, 1e-12, 0);
        var b = Rhs();
        var u = new double[N];
        system.Solve(Product(a, false), Product(a, true), b, u);
        AssertSolves(a, false, u, b);
        system.SolveTransposed(Product(a, false), Product(a, true), b, u);
        AssertSolves(a, true, u, b);
    }

    [Theory]
    [MemberData(nameof(GeneralSolvers))]
    public void Nonsymmetric_system_and_its_transpose_are_solved(LinearSolver solver)
    {
        var a = General();
        var system = new ImplicitSystem("Fit", solver, symmetric: false, 1e-12, 0);
        var b = Rhs();
        var u = new double[N];
        system.Solve(Product(a, false), Product(a, true), b, u);
        AssertSolves(a, false, u, b);
        system.SolveTransposed(Product(a, false), Product(a, true), b, u);
        AssertSolves(a, true, u, b);
    }

    [Fact]
    public void Automatic_is_cg_for_a_gradient_condition_and_gmres_otherwise()
    {
        Assert.Equal(LinearSolver.ConjugateGradient, new ImplicitSystem("f", LinearSolver.Automatic, true, 1e-10, 0).LinearSolver);
        Assert.Equal(LinearSolver.Gmres, new ImplicitSystem("f", LinearSolver.Automatic, false, 1e-10, 0).LinearSolver);
        Assert.Equal(LinearSolver.DenseLu, new ImplicitSystem("f", LinearSolver.DenseLu, true, 1e-10, 0).LinearSolver);
    }

    [Theory]
    [MemberData(nameof(AllSolvers))]
    public void Singular_system_throws_with_the_linear_solver_report(LinearSolver solver)
    {
        // Rank one: A = e eᵀ, and b is not in its range.
        MatVec op = (v, result) =>
        {
            var s = v.ToArray().Sum();
            result.Fill(s);
        };
        var system = new ImplicitSystem("Singular", solver, symmetric: true, 1e-10, 50);
        var b = Rhs();
        var exception = Assert.Throws<ImplicitDifferentiationException>(() => system.Solve(op, op, b, new double[N]));
        Assert.Equal("Singular", exception.Solver);
        Assert.False(exception.Report.Converged);
        Assert.Contains(exception.Report.Method, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Iteration_limit_is_passed_to_the_linear_solver()
    {
        var a = General();
        var system = new ImplicitSystem("Fit", LinearSolver.Gmres, symmetric: false, 1e-14, 1);
        var exception = Assert.Throws<ImplicitDifferentiationException>(() => system.Solve(Product(a, false), Product(a, true), Rhs(), new double[N]));
        Assert.Equal(LinearSolveStatus.MaxIterations, exception.Report.Status);
        Assert.Equal(1, exception.Report.Iterations);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        var a = Spd();
        var system = new ImplicitSystem("Fit", LinearSolver.ConjugateGradient, true, 1e-10, 0);
        Assert.Equal("u", Assert.Throws<ArgumentException>(() => system.Solve(Product(a, false), Product(a, true), Rhs(), new double[N - 1])).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new ImplicitSystem("f", LinearSolver.Gmres, false, 0, 0)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new ImplicitSystem("f", LinearSolver.Gmres, false, 1e-10, -1)).ParamName);
        Assert.Equal("linearSolver", Assert.Throws<ArgumentOutOfRangeException>(() => new ImplicitSystem("f", (LinearSolver)42, false, 1e-10, 0)).ParamName);
        Assert.Equal("solver", Assert.Throws<ArgumentNullException>(() => new ImplicitSystem(null!, LinearSolver.Gmres, false, 1e-10, 0)).ParamName);
    }
}
