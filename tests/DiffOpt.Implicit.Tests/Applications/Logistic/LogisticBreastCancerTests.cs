using System.Globalization;
using DiffOpt.ImplicitTests.Applications.Support;
using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Applications.Logistic;

/// <summary>
/// L2 logistic regression on scikit-learn's breast-cancer data (Fixtures/logistic_breast_cancer_path.json, 400 training
/// and 169 validation rows, 30 features + intercept) for λ ∈ {0.1, 0.01, 0.001}: the generated solvers' solutions
/// against exact Newton (cross-checked with scikit-learn), dθ*/dλ against −H⁻¹(w, 0), and the validation hypergradient
/// against the closed form and against finite differences of full re-solves.
/// </summary>
public sealed class LogisticBreastCancerTests
{
    private static readonly ReferenceData Data = ReferenceData.Load("logistic_breast_cancer_path.json");
    private static readonly double[] X = Data.Vector("X"), Y = Data.Vector("y");
    private static readonly double[] ValidationX = Data.Vector("X_validation"), ValidationY = Data.Vector("y_validation");
    private static readonly int D = Data.Integer("d");
    private static readonly SolverOptions Tight = new() { Tolerance = 1e-13, MaxIterations = 10_000 };

    public static TheoryData<int> Cases => new(Enumerable.Range(0, Data.Cases("cases").Count));

    private static ReferenceData Case(int index) => Data.Cases("cases")[index];

    private static string Name(string what, ReferenceData reference) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} at lambda = {reference.Number("lambda"):G3}");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_lbfgs_and_newton_solutions_match_the_reference(int index)
    {
        ReferenceData reference = Case(index);
        double lambda = reference.Number("lambda");
        double[] lbfgs = LogisticModel.Fit(new double[D + 1], lambda, X, Y, D, Tight);
        double[] newton = LogisticModel.FitNewton(new double[D + 1], lambda, X, Y, D, Tight);
        Compare.Vectors(reference.Vector("solution"), lbfgs, 1e-9, Name("L-BFGS theta", reference));
        Compare.Vectors(reference.Vector("solution"), newton, 1e-9, Name("Newton-CG theta", reference));
        // scikit-learn's own answer agrees with the reference to its tolerance (checked by the fixture script too).
        Compare.Vectors(reference.Vector("sklearn_solution"), newton, 1e-5, Name("theta vs scikit-learn", reference));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Jvp_of_the_solution_is_minus_the_inverse_hessian_times_w(int index)
    {
        ReferenceData reference = Case(index);
        double[] theta = new double[D + 1], dTheta = new double[D + 1];
        LogisticModel.ParametersJvp(reference.Number("lambda"), X, Y, D, theta, 1.0, dTheta);
        // Inside differentiable code the solver runs at its default tolerance (‖∇f‖ ≲ 1e-8): at λ = 0.001 the Hessian's
        // smallest eigenvalue (≈ 4e-3) turns that into θ errors of ≈ 2e-6 (measured), which bound the agreement here.
        Compare.Vectors(reference.Vector("solution"), theta, 1e-5, Name("theta", reference));
        Compare.Vectors(reference.Vector("dtheta_dlambda"), dTheta, 2e-5, Name("dtheta/dlambda", reference));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validation_hypergradient_matches_the_closed_form_and_finite_differences_of_re_solves(int index)
    {
        ReferenceData reference = Case(index);
        double lambda = reference.Number("lambda");
        double value = LogisticModel.ValidationLossGradient(lambda, X, Y, ValidationX, ValidationY, D, out double dLambda);
        // The same default-tolerance bound as above: measured relative errors 1e-8, 2e-7 and 7e-6 for λ = 0.1, 0.01, 0.001.
        Compare.Scalars(reference.Number("validation_loss"), value, 1e-6, Name("validation loss", reference));
        Compare.Scalars(reference.Number("validation_hypergradient"), dLambda, 2e-5, Name("hypergradient", reference));

        // Finite differences of full re-solves at a tight tolerance; the fourth-order stencil lets the step be 1 % of λ,
        // large enough that the solver's error divided by the step stays far below the tolerance. They agree with the
        // closed form to 1e-7 (which checks the fixture and the re-solves), and with the implicit hypergradient as above.
        double finiteDifference = FiniteDifference.FivePoint(
            l => LogisticModel.LogLoss(LogisticModel.Fit(new double[D + 1], l, X, Y, D, Tight), ValidationX, ValidationY, D),
            lambda, 0.01 * lambda);
        Compare.Scalars(reference.Number("validation_hypergradient"), finiteDifference, 1e-6, Name("finite differences vs closed form", reference));
        Compare.Scalars(finiteDifference, dLambda, 2e-5, Name("hypergradient vs finite differences", reference));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hypergradient_in_log_lambda_through_newton_and_dense_cholesky_is_lambda_times_the_closed_form(int index)
    {
        ReferenceData reference = Case(index);
        double lambda = reference.Number("lambda");
        LogisticModel.ValidationLossInLogLambdaGradient(Math.Log(lambda), X, Y, ValidationX, ValidationY, D, out double dLogLambda);
        // Newton-CG overshoots the default tolerance (quadratic convergence), so this path is accurate to ≈ 2e-8 (measured).
        Compare.Scalars(lambda * reference.Number("validation_hypergradient"), dLogLambda, 1e-6, Name("d/dlog(lambda)", reference));
    }

    [Fact]
    public void The_hypergradient_has_the_sign_of_the_validation_loss_change_along_the_path()
    {
        // A property independent of any reference: stepping λ against the hypergradient lowers the re-solved validation loss.
        double lambda = Case(1).Number("lambda");
        double value = LogisticModel.ValidationLossGradient(lambda, X, Y, ValidationX, ValidationY, D, out double dLambda);
        double moved = lambda - 1e-3 * lambda * Math.Sign(dLambda);
        double after = LogisticModel.LogLoss(LogisticModel.Fit(new double[D + 1], moved, X, Y, D, Tight), ValidationX, ValidationY, D);
        Assert.True(after < value, string.Create(CultureInfo.InvariantCulture, $"{after:R} is not below {value:R}"));
    }
}
