using DiffOpt.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using static DiffOpt.Analyzers.Tests.SolverDeclarations.SolverSources;

namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>DOPT0019: settings that contradict each other or that no solver can honour, on the argument that conflicts.</summary>
public sealed class ConflictingSolverOptionsTests
{
    private static DiagnosticResult Conflict(int location, string message) =>
        new DiagnosticResult(DiagnosticDescriptors.ConflictingSolverOptions).WithLocation(location).WithArguments(message);

    private const string Members = """
            [Differentiable]
            public static double {|DOPT0012:Objective|}(ReadOnlySpan<double> w, double c) => (w[0] - c) * (w[0] - c);

            [Differentiable]
            public static void {|DOPT0012:Box|}(ReadOnlySpan<double> x, Span<double> projected) => projected[0] = Math.Max(x[0], 0);

            [Differentiable]
            public static void {|DOPT0012:Shrink|}(ReadOnlySpan<double> x, double step, Span<double> result) => result[0] = x[0] / (1 + step);

            [Differentiable]
            public static void {|DOPT0012:Stationarity|}(ReadOnlySpan<double> w, double c, Span<double> residual) => residual[0] = 2 * (w[0] - c);

            [Differentiable]
            public static void {|DOPT0012:Step|}(ReadOnlySpan<double> w, double c, Span<double> next) => next[0] = 0.5 * (w[0] + c);

        """;

    [Fact]
    public Task Projection_and_prox_together_are_reported_on_Prox()
    {
        var source = InRidge(Members + """
                [Optimize(nameof(Objective), Projection = nameof(Box), {|#0:Prox = nameof(Shrink)|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double c);
            """);
        return SolverVerifier.VerifyAsync(source, Conflict(0, "'Fit' sets both Projection and Prox: a solver is either projected gradient (Projection) or proximal gradient (Prox); put the constraint into the proximal operator"));
    }

    [Fact]
    public Task Solver_method_with_a_constraint_is_reported_on_Solver()
    {
        var source = InRidge(Members + """
                [Optimize(nameof(Objective), {|#0:Solver = Solver.NewtonCg|}, Projection = nameof(Box))]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double c);
            """);
        return SolverVerifier.VerifyAsync(source, Conflict(0, "Solver = Solver.NewtonCg has no effect with Projection: 'Fit' is projected gradient; remove the Solver setting"));
    }

    [Fact]
    public Task Condition_and_fixed_point_together_are_reported_on_FixedPoint()
    {
        var source = InRidge(Members + """
                [ImplicitDiff(nameof(Stationarity), {|#0:FixedPoint = nameof(Step)|})]
                public static double[] Direct(ReadOnlySpan<double> w0, double c) => new[] { c };
            """);
        return SolverVerifier.VerifyAsync(source, Conflict(0, "'Direct' names both a condition and a fixed-point map: keep one ([ImplicitDiff(nameof(F))] for a root condition F(x, θ) = 0, or FixedPoint = nameof(T) for x = T(x, θ))"));
    }

    [Fact]
    public Task Linear_solver_settings_out_of_range_are_reported()
    {
        var source = InRidge(Members + """
                [Optimize(nameof(Objective), {|#0:Solver = (Solver)7|})]
                [ImplicitDiff({|#1:LinearSolver = (LinearSolver)9|}, {|#2:LinearSolverTolerance = 0|}, {|#3:LinearSolverMaxIterations = -1|})]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double c);

                [ImplicitDiff(nameof(Stationarity), {|#4:LinearSolverTolerance = double.NaN|})]
                public static double[] Direct(ReadOnlySpan<double> w0, double c) => new[] { c };

                [ImplicitDiff(nameof(Stationarity), {|#5:LinearSolverTolerance = 1.5|})]
                public static double[] Loose(ReadOnlySpan<double> w0, double c) => new[] { c };
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Conflict(0, "Solver = 7 is not a member of Solver: choose one of Solver.Lbfgs, Solver.GradientDescent, Solver.NewtonCg"),
            Conflict(1, "LinearSolver = 9 is not a member of LinearSolver: choose one of LinearSolver.Automatic, LinearSolver.ConjugateGradient, LinearSolver.NormalCg, LinearSolver.Gmres, LinearSolver.BiCgStab, LinearSolver.DenseLu, LinearSolver.DenseCholesky"),
            Conflict(2, "LinearSolverTolerance = 0 is not a relative tolerance: use a value in (0, 1), e.g. 1e-10"),
            Conflict(3, "LinearSolverMaxIterations = -1 is negative: use 0 for the linear solver's default or a positive limit"),
            Conflict(4, "LinearSolverTolerance = NaN is not a relative tolerance: use a value in (0, 1), e.g. 1e-10"),
            Conflict(5, "LinearSolverTolerance = 1.5 is not a relative tolerance: use a value in (0, 1), e.g. 1e-10"));
    }

    [Fact]
    public Task Solver_tolerance_and_iteration_limit_out_of_range_are_reported()
    {
        var source = InRidge(Members + """
                [Optimize(nameof(Objective), {|#0:Tolerance = -1e-8|}, {|#1:MaxIterations = -5|})]
                [ImplicitDiff]
                public static partial double[] {|CS8795:Fit|}(ReadOnlySpan<double> w0, double c);

                [Optimize(nameof(Objective), {|#2:Tolerance = double.PositiveInfinity|})]
                [ImplicitDiff]
                public static partial double[] {|CS8795:FitInfinite|}(ReadOnlySpan<double> w0, double c);
            """);
        return SolverVerifier.VerifyAsync(
            source,
            Conflict(0, "Tolerance = -1E-08 is not a tolerance: use a finite value ≥ 0, e.g. 1e-10 (NaN keeps the default)"),
            Conflict(1, "MaxIterations = -5 is negative: use 0 for the default (1000) or a positive limit"),
            Conflict(2, "Tolerance = Infinity is not a tolerance: use a finite value ≥ 0, e.g. 1e-10 (NaN keeps the default)"));
    }
}
