using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Generated;

/// <summary>Failure paths of implicit derivatives: never a silent zero or NaN.</summary>
public sealed class FailureTests
{
    [Fact]
    public void Singular_condition_throws_with_the_linear_solver_report_in_reverse_mode()
    {
        var exception = Assert.Throws<ImplicitDifferentiationException>(() => Failures.SumGradient(0.5, out _));
        Assert.Equal("Degenerate", exception.Solver);
        Assert.Equal("Gmres", exception.Report.Method);
        Assert.False(exception.Report.Converged);
    }

    [Fact]
    public void Singular_condition_throws_in_forward_mode()
    {
        var exception = Assert.Throws<ImplicitDifferentiationException>(() => Failures.SumJvp(0.5, 1.0, out _));
        Assert.False(exception.Report.Converged);
    }

    [Fact]
    public void Singular_condition_with_a_dense_solver_reports_a_singular_matrix()
    {
        var exception = Assert.Throws<ImplicitDifferentiationException>(() => Failures.SumDenseGradient(0.5, out _));
        Assert.Equal(LinearSolveStatus.Singular, exception.Report.Status);
        Assert.Equal("DenseLu", exception.Report.Method);
    }

    [Fact]
    public void Solution_of_the_wrong_length_names_the_parameter()
    {
        var exception = Assert.Throws<ArgumentException>(() => Failures.SumTooLongGradient(0.5, out _));
        Assert.Equal("solution", exception.ParamName);
    }
}
