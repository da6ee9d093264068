using DiffOpt.ImplicitTests.Applications.Support;
using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Applications.Lasso;

/// <summary>
/// Where the lasso's derivative does not exist, the error says so: with a feature duplicated, FISTA (started at zero)
/// splits the weight equally between the two identical columns, X_AᵀX_A is singular, and the implicit system for the
/// derivative of one copy's coefficient has no solution (e_j is not in the range of the symmetric singular matrix).
/// </summary>
public sealed class LassoFailureTests
{
    [Fact]
    public void A_duplicated_active_feature_raises_an_implicit_differentiation_exception_with_the_report()
    {
        ReferenceData data = ReferenceData.Load("lasso_diabetes_path.json");
        double[] x = data.Vector("X"), y = data.Vector("y");
        int d = data.Integer("d"), n = y.Length;
        const int duplicated = 2; // bmi: active for every α of the fixture
        double[] widened = new double[n * (d + 1)];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(x, i * d, widened, i * (d + 1), d);
            widened[i * (d + 1) + d] = x[i * d + duplicated];
        }

        double alpha = data.Cases("cases")[1].Number("alpha");
        double[] w = LassoModel.SolveByFista(new double[d + 1], alpha, widened, y, d + 1);
        Assert.NotEqual(0.0, w[duplicated]);
        Assert.Equal(w[duplicated], w[d]);

        double[] solution = new double[d + 1], cotangent = new double[d + 1];
        cotangent[duplicated] = 1;
        var exception = Assert.Throws<ImplicitDifferentiationException>(
            () => LassoModel.FistaCoefficientsVjp(alpha, widened, y, d + 1, solution, out _, cotangent));
        Assert.Equal(nameof(LassoModel.SolveByFista), exception.Solver);
        Assert.False(exception.Report.Converged);
        Assert.Equal("Gmres", exception.Report.Method);
        Assert.True(exception.Report.Residual > 1e-6, exception.Report.ToString());
    }
}
