using System.Globalization;
using DiffOpt.ImplicitTests.Applications.Support;
using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Applications.Lasso;

/// <summary>
/// Lasso on scikit-learn's diabetes data (Fixtures/lasso_diabetes_path.json): solutions against scikit-learn's
/// coordinate descent, dw*/dα against the active-set closed form −(X_AᵀX_A/n)⁻¹ sign(w_A), and the validation-loss
/// hypergradient against the closed form and against central differences of full re-solves, for four values of α
/// from 2 to 9 selected features.
/// </summary>
public sealed class LassoDiabetesTests
{
    private static readonly ReferenceData Data = ReferenceData.Load("lasso_diabetes_path.json");
    private static readonly double[] X = Data.Vector("X"), Y = Data.Vector("y");
    private static readonly double[] ValidationX = Data.Vector("X_validation"), ValidationY = Data.Vector("y_validation");
    private static readonly int D = Data.Integer("d");

    public static TheoryData<int> Cases => new(Enumerable.Range(0, Data.Cases("cases").Count));

    private static ReferenceData Case(int index) => Data.Cases("cases")[index];

    private static string Name(string what, ReferenceData reference) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} at alpha = {reference.Number("alpha"):G6}");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hand_written_fista_solution_matches_scikit_learn(int index)
    {
        ReferenceData reference = Case(index);
        double[] w = LassoModel.SolveByFista(new double[D], reference.Number("alpha"), X, Y, D);
        Compare.Vectors(reference.Vector("sklearn_solution"), w, 1e-8, Name("w", reference));
        // Soft-thresholding gives exact zeros: the same support as scikit-learn's.
        Assert.Equal(reference.Integer("active"), w.Count(v => v != 0));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_prox_solver_solution_matches_scikit_learn(int index)
    {
        ReferenceData reference = Case(index);
        var options = new SolverOptions { Tolerance = 1e-12, MaxIterations = 200_000 };
        double[] w = LassoModel.Solve(new double[D], reference.Number("alpha"), X, Y, D, options);
        Compare.Vectors(reference.Vector("sklearn_solution"), w, 1e-8, Name("w", reference));
        Assert.Equal(reference.Integer("active"), w.Count(v => v != 0));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Jvp_through_the_fixed_point_is_the_active_set_closed_form(int index)
    {
        ReferenceData reference = Case(index);
        double[] w = new double[D], dw = new double[D];
        LassoModel.FistaCoefficientsJvp(reference.Number("alpha"), X, Y, D, w, 1.0, dw);
        Compare.Vectors(reference.Vector("solution"), w, 1e-8, Name("w", reference));
        // On a fixed support the derivative depends only on the support, so it is exact up to the linear solve.
        Compare.Vectors(reference.Vector("dw_dalpha"), dw, 1e-10, Name("dw/dalpha", reference));
        // Off the support the derivative is exactly zero (the soft-threshold's flat branch).
        double[] expected = reference.Vector("dw_dalpha");
        for (int j = 0; j < D; j++)
        {
            if (expected[j] == 0)
            {
                Assert.Equal(0.0, dw[j]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vjp_through_the_fixed_point_gives_each_row_of_the_closed_form(int index)
    {
        ReferenceData reference = Case(index);
        double[] expected = reference.Vector("dw_dalpha");
        double[] w = new double[D], cotangent = new double[D];
        for (int j = 0; j < D; j++)
        {
            Array.Clear(cotangent);
            cotangent[j] = 1;
            LassoModel.FistaCoefficientsVjp(reference.Number("alpha"), X, Y, D, w, out double dAlpha, cotangent);
            Compare.Scalars(expected[j], dAlpha, 1e-10, Name($"dw[{j}]/dalpha", reference), floor: 1);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Jvp_through_the_generated_prox_solver_is_the_active_set_closed_form(int index)
    {
        ReferenceData reference = Case(index);
        double[] w = new double[D], dw = new double[D];
        LassoModel.GeneratedCoefficientsJvp(reference.Number("alpha"), X, Y, D, w, 1.0, dw);
        // The solve inside differentiable code runs at the default tolerance (1e-8), which bounds the solution's accuracy;
        // the derivative depends only on the support, which FISTA's soft-thresholding finds exactly.
        Compare.Vectors(reference.Vector("solution"), w, 1e-6, Name("w", reference));
        Compare.Vectors(reference.Vector("dw_dalpha"), dw, 1e-10, Name("dw/dalpha", reference));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validation_hypergradient_matches_the_closed_form_and_finite_differences_of_re_solves(int index)
    {
        ReferenceData reference = Case(index);
        double alpha = reference.Number("alpha");
        double value = LassoModel.FistaValidationLossGradient(alpha, X, Y, ValidationX, ValidationY, D, out double dAlpha);
        Compare.Scalars(reference.Number("validation_loss"), value, 1e-9, Name("validation loss", reference));
        Compare.Scalars(reference.Number("validation_hypergradient"), dAlpha, 1e-9, Name("hypergradient", reference));

        // Central differences of full re-solves, with a step well inside the interval where the support is fixed
        // (the path w*(α) is affine there, so the only error is the solver's, divided by the step).
        double step = 0.1 * reference.Number("kink_distance");
        double finiteDifference = FiniteDifference.Central(
            a => LassoModel.HalfMeanSquaredError(LassoModel.SolveByFista(new double[D], a, X, Y, D), ValidationX, ValidationY, D),
            alpha, step);
        Compare.Scalars(finiteDifference, dAlpha, 1e-5, Name("hypergradient vs finite differences", reference));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_solver_hypergradient_matches_finite_differences_of_re_solves(int index)
    {
        ReferenceData reference = Case(index);
        double alpha = reference.Number("alpha");
        LassoModel.GeneratedValidationLossGradient(alpha, X, Y, ValidationX, ValidationY, D, out double dAlpha);
        var tight = new SolverOptions { Tolerance = 1e-12, MaxIterations = 200_000 };
        double step = 0.1 * reference.Number("kink_distance");
        double finiteDifference = FiniteDifference.Central(
            a => LassoModel.HalfMeanSquaredError(LassoModel.Solve(new double[D], a, X, Y, D, tight), ValidationX, ValidationY, D),
            alpha, step);
        // Default tolerance inside differentiable code: measured relative errors up to 3e-7 (at the smallest α).
        Compare.Scalars(finiteDifference, dAlpha, 1e-5, Name("hypergradient vs finite differences", reference));
        Compare.Scalars(reference.Number("validation_hypergradient"), dAlpha, 1e-5, Name("hypergradient", reference));
    }
}
