using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests;

/// <summary>The exception type that implicit derivatives throw carries the linear solver's report verbatim.</summary>
public sealed class ImplicitDifferentiationExceptionTests
{
    [Fact]
    public void Message_names_the_solver_and_includes_the_linear_solver_report()
    {
        var report = new LinearSolveResult("Gmres", new double[2], 40, 0.5, LinearSolveStatus.MaxIterations, "stopped after 40 iterations");
        var exception = new ImplicitDifferentiationException("Fit", report);
        Assert.Same(report, exception.Report);
        Assert.Equal("Fit", exception.Solver);
        Assert.Contains("'Fit'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(report.ToString(), exception.Message, StringComparison.Ordinal);
    }
}
