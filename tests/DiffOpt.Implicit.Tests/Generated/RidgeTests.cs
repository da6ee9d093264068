using DiffOpt.Solvers;

namespace DiffOpt.ImplicitTests.Generated;

/// <summary>
/// Ridge regression with n = 200, d = 30: the generated solvers against the closed form (XᵀX + λI)w = Xᵀy, solved here by
/// an independent Cholesky factorisation, and implicit derivatives against dw*/dλ = −(XᵀX + λI)⁻¹w* and central finite
/// differences of the closed-form solution map.
/// </summary>
public sealed class RidgeTests
{
    private const int N = 200;
    private const int D = 30;
    private const int NV = 50;

    private static readonly double[] X = Data(N * D, 1);
    private static readonly double[] Y = Targets(X, N, 2);
    private static readonly double[] Xv = Data(NV * D, 3);
    private static readonly double[] Yv = Targets(Xv, NV, 4);

    public static TheoryData<double> Lambdas() => new(0.1, 1.0, 10.0);

    private static double[] Data(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
    }

    private static double[] Targets(double[] x, int rows, int seed)
    {
        var random = new Random(seed);
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < D; j++)
            {
                y[i] += x[(i * D) + j] * Math.Cos(j);
            }

            y[i] += 0.1 * ((2 * random.NextDouble()) - 1);
        }

        return y;
    }

    /// <summary>Solves (XᵀX + λI)z = b by a plain Cholesky factorisation (independent of the library).</summary>
    private static double[] SolveNormal(double lambda, double[] b, double[]? x = null)
    {
        x ??= X;
        var a = new double[D, D];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < D; j++)
            {
                for (var k = 0; k < D; k++)
                {
                    a[j, k] += x[(i * D) + j] * x[(i * D) + k];
                }
            }
        }

        for (var j = 0; j < D; j++)
        {
            a[j, j] += lambda;
        }

        var l = new double[D, D];
        for (var j = 0; j < D; j++)
        {
            var s = a[j, j];
            for (var k = 0; k < j; k++)
            {
                s -= l[j, k] * l[j, k];
            }

            l[j, j] = Math.Sqrt(s);
            for (var i = j + 1; i < D; i++)
            {
                var t = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    t -= l[i, k] * l[j, k];
                }

                l[i, j] = t / l[j, j];
            }
        }

        var z = (double[])b.Clone();
        for (var i = 0; i < D; i++)
        {
            for (var k = 0; k < i; k++)
            {
                z[i] -= l[i, k] * z[k];
            }

            z[i] /= l[i, i];
        }

        for (var i = D - 1; i >= 0; i--)
        {
            for (var k = i + 1; k < D; k++)
            {
                z[i] -= l[k, i] * z[k];
            }

            z[i] /= l[i, i];
        }

        return z;
    }

    private static double[] ClosedForm(double lambda, double[]? x = null)
    {
        x ??= X;
        var b = new double[D];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < D; j++)
            {
                b[j] += x[(i * D) + j] * Y[i];
            }
        }

        return SolveNormal(lambda, b, x);
    }

    /// <summary>dw*/dλ = −(XᵀX + λI)⁻¹ w*.</summary>
    private static double[] SolutionDerivative(double lambda) => SolveNormal(lambda, ClosedForm(lambda)).Select(v => -v).ToArray();

    private static double ValidationLoss(double[] w)
    {
        double loss = 0;
        for (var i = 0; i < NV; i++)
        {
            var r = -Yv[i];
            for (var j = 0; j < D; j++)
            {
                r += Xv[(i * D) + j] * w[j];
            }

            loss += 0.5 * r * r;
        }

        return loss;
    }

    /// <summary>d/d(log λ) of the validation loss at w*(λ): λ · ∇V(w*)ᵀ dw*/dλ.</summary>
    private static double Hypergradient(double lambda)
    {
        var w = ClosedForm(lambda);
        var dw = SolutionDerivative(lambda);
        double sum = 0;
        for (var i = 0; i < NV; i++)
        {
            var r = -Yv[i];
            for (var j = 0; j < D; j++)
            {
                r += Xv[(i * D) + j] * w[j];
            }

            for (var j = 0; j < D; j++)
            {
                sum += r * Xv[(i * D) + j] * dw[j];
            }
        }

        return lambda * sum;
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1e-12, Math.Abs(expected)), $"expected {expected:R}, actual {actual:R}");

    private static void AssertClose(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale, $"[{i}] expected {expected[i]:R}, actual {actual[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Lambdas))]
    public void Generated_solvers_match_the_closed_form(double lambda)
    {
        var expected = ClosedForm(lambda);
        var tight = new SolverOptions { Tolerance = 1e-10 };
        AssertClose(expected, Ridge.Fit(new double[D], lambda, X, Y, D, tight), 1e-7);
        AssertClose(expected, Ridge.FitNewton(new double[D], lambda, X, Y, D, tight), 1e-7);
        var result = Ridge.FitResult(new double[D], lambda, X, Y, D, tight);
        Assert.True(result.Converged);
        AssertClose(expected, result.Solution, 1e-7);
        AssertClose(expected, Ridge.FitCg(new double[D], lambda, X, Y, D), 1e-5);
    }

    [Fact]
    public void Non_convergent_solver_throws_with_the_full_result_or_returns_it()
    {
        var options = new SolverOptions { MaxIterations = 2 };
        var exception = Assert.Throws<OptimizationException>(() => Ridge.Fit(new double[D], 0.1, X, Y, D, options));
        Assert.False(exception.Result.Converged);
        Assert.Equal(OptimizationStatus.MaxIterationsReached, exception.Status);
        Assert.Equal(D, exception.Result.Solution.Length);
        var result = Ridge.FitGradientDescent(new double[D], 0.1, X, Y, D, options);
        Assert.False(result.Converged);
        Assert.Equal(2, result.Iterations);
    }

    [Fact]
    public void Empty_initial_point_names_the_parameter()
    {
        Assert.Equal("w0", Assert.Throws<ArgumentException>(() => Ridge.Fit(ReadOnlySpan<double>.Empty, 1, X, Y, D)).ParamName);
    }

    [Theory]
    [MemberData(nameof(Lambdas))]
    public void Hypergradient_through_each_solver_kind_matches_the_closed_form(double lambda)
    {
        var logLambda = Math.Log(lambda);
        var expected = Hypergradient(lambda);
        var value = Bilevel.ValidationGradient(logLambda, X, Y, Xv, Yv, D, out var optimized);
        AssertClose(ValidationLoss(ClosedForm(lambda)), value, 1e-6);
        AssertClose(expected, optimized, 1e-5);
        Bilevel.ValidationRootGradient(logLambda, X, Y, Xv, Yv, D, out var root, new double[N * D]);
        AssertClose(expected, root, 1e-8);
        Bilevel.ValidationFixedGradient(logLambda, X, Y, Xv, Yv, D, out var fixedPoint, new double[N * D]);
        AssertClose(expected, fixedPoint, 1e-8);
    }

    [Theory]
    [MemberData(nameof(Lambdas))]
    public void The_attribute_tolerance_applies_to_calls_from_differentiable_code(double lambda)
    {
        // Inside differentiable code the solver gets no options: [Optimize(Tolerance = 1e-13)] is what it runs with.
        // The default (1e-8) bounds the hypergradient's error near 1e-8 relative; the tight solver reaches about 2e-11 (then the linear solve's 1e-10 tolerance limits it).
        var logLambda = Math.Log(lambda);
        var expected = Hypergradient(lambda);
        Bilevel.ValidationTightGradient(logLambda, X, Y, Xv, Yv, D, out var tight);
        AssertClose(expected, tight, 1e-10);

        // Options passed explicitly replace the attribute's (here: one iteration, which cannot converge).
        var stopped = Assert.Throws<OptimizationException>(() => Ridge.FitTight(new double[D], lambda, X, Y, D, new SolverOptions { MaxIterations = 1 }));
        Assert.Equal(OptimizationStatus.MaxIterationsReached, stopped.Result.Status);
    }

    [Theory]
    [MemberData(nameof(Lambdas))]
    public void Forward_mode_hypergradient_matches_the_closed_form(double lambda)
    {
        var logLambda = Math.Log(lambda);
        var expected = Hypergradient(lambda);
        Bilevel.ValidationJvp(logLambda, X, Y, Xv, Yv, D, 1.0, new double[N * D], out var optimized);
        AssertClose(expected, optimized, 1e-5);
        Bilevel.ValidationRootJvp(logLambda, X, Y, Xv, Yv, D, 1.0, out var root);
        AssertClose(expected, root, 1e-8);
        Bilevel.ValidationFixedJvp(logLambda, X, Y, Xv, Yv, D, 1.0, out var fixedPoint);
        AssertClose(expected, fixedPoint, 1e-8);
    }

    [Theory]
    [MemberData(nameof(Lambdas))]
    public void Solution_derivative_in_both_modes_matches_the_closed_form(double lambda)
    {
        var expected = SolutionDerivative(lambda);
        var w = new double[D];
        var dw = new double[D];
        Bilevel.SolutionJvp(lambda, X, Y, D, w, 1.0, dw);
        AssertClose(ClosedForm(lambda), w, 1e-6);
        AssertClose(expected, dw, 1e-5);

        // Reverse mode, one cotangent per coordinate: row j of the Jacobian is dw_j/dλ.
        for (var j = 0; j < D; j += 7)
        {
            var cotangent = new double[D];
            cotangent[j] = 1;
            Bilevel.SolutionVjp(lambda, X, Y, D, w, out var dLambda, cotangent);
            AssertClose(expected[j], dLambda, 1e-5);
        }
    }

    [Fact]
    public void Derivative_with_respect_to_the_data_matches_finite_differences()
    {
        const double lambda = 0.5;
        var logLambda = Math.Log(lambda);
        var dX = new double[N * D];
        var dY = new double[N];
        Bilevel.ValidationGradientData(logLambda, X, Y, Xv, Yv, D, out _, dX, dY);
        var dXRoot = new double[N * D];
        Bilevel.ValidationRootGradient(logLambda, X, Y, Xv, Yv, D, out _, dXRoot);
        foreach (var index in new[] { 0, 17, 311, 2999, 5999 })
        {
            const double h = 1e-5;
            var plus = (double[])X.Clone();
            var minus = (double[])X.Clone();
            plus[index] += h;
            minus[index] -= h;
            var fd = (ValidationLoss(ClosedForm(lambda, plus)) - ValidationLoss(ClosedForm(lambda, minus))) / (2 * h);
            Assert.True(Math.Abs(fd - dX[index]) <= 1e-6 + (1e-4 * Math.Abs(fd)), $"dX[{index}]: fd {fd:R}, implicit {dX[index]:R}");
            Assert.True(Math.Abs(fd - dXRoot[index]) <= 1e-6 + (1e-5 * Math.Abs(fd)), $"dX[{index}] (root): fd {fd:R}, implicit {dXRoot[index]:R}");
        }

        Assert.Contains(dY, v => v != 0);
    }

    private delegate void Pullback(ReadOnlySpan<double> initialPoint, double lambda, double[] x, double[] y, int d, ReadOnlySpan<double> solution, ref double lambdaAdjoint, Span<double> xAdjoint, Span<double> yAdjoint, Span<double> solutionAdjoint);

    public static TheoryData<string, LinearSolver> EveryLinearSolver()
    {
        var data = new TheoryData<string, LinearSolver>();
        foreach (var kind in new[] { "Fit", "Root", "Fixed" })
        {
            foreach (var solver in Enum.GetValues<LinearSolver>())
            {
                data.Add(kind, solver);
            }
        }

        return data;
    }

    private static Pullback PullbackOf(string kind, LinearSolver solver) => (kind, solver) switch
    {
        ("Fit", LinearSolver.Automatic) => Ridge.Fit__Solve__Pullback,
        ("Fit", LinearSolver.ConjugateGradient) => Ridge.FitCg__Solve__Pullback,
        ("Fit", LinearSolver.NormalCg) => Ridge.FitNormalCg__Solve__Pullback,
        ("Fit", LinearSolver.Gmres) => Ridge.FitGmres__Solve__Pullback,
        ("Fit", LinearSolver.BiCgStab) => Ridge.FitBiCgStab__Solve__Pullback,
        ("Fit", LinearSolver.DenseLu) => Ridge.FitDenseLu__Solve__Pullback,
        ("Fit", LinearSolver.DenseCholesky) => Ridge.FitDenseCholesky__Solve__Pullback,
        ("Root", LinearSolver.Automatic) => Ridge.Root__Solve__Pullback,
        ("Root", LinearSolver.ConjugateGradient) => Ridge.RootCg__Solve__Pullback,
        ("Root", LinearSolver.NormalCg) => Ridge.RootNormalCg__Solve__Pullback,
        ("Root", LinearSolver.Gmres) => Ridge.RootGmres__Solve__Pullback,
        ("Root", LinearSolver.BiCgStab) => Ridge.RootBiCgStab__Solve__Pullback,
        ("Root", LinearSolver.DenseLu) => Ridge.RootDenseLu__Solve__Pullback,
        ("Root", LinearSolver.DenseCholesky) => Ridge.RootDenseCholesky__Solve__Pullback,
        ("Fixed", LinearSolver.Automatic) => Ridge.Fixed__Solve__Pullback,
        ("Fixed", LinearSolver.ConjugateGradient) => Ridge.FixedCg__Solve__Pullback,
        ("Fixed", LinearSolver.NormalCg) => Ridge.FixedNormalCg__Solve__Pullback,
        ("Fixed", LinearSolver.Gmres) => Ridge.FixedGmres__Solve__Pullback,
        ("Fixed", LinearSolver.BiCgStab) => Ridge.FixedBiCgStab__Solve__Pullback,
        ("Fixed", LinearSolver.DenseLu) => Ridge.FixedDenseLu__Solve__Pullback,
        _ => Ridge.FixedDenseCholesky__Solve__Pullback,
    };

    [Theory]
    [MemberData(nameof(EveryLinearSolver))]
    public void Every_linear_solver_gives_the_closed_form_solution_derivative(string kind, LinearSolver solver)
    {
        foreach (var lambda in new[] { 0.1, 1.0, 10.0 })
        {
            // cᵀ dw*/dλ for a fixed c, from the pullback at the exact solution (no re-solve inside).
            var w = ClosedForm(lambda);
            var c = Enumerable.Range(0, D).Select(j => Math.Sin(j + 0.5)).ToArray();
            var expected = SolutionDerivative(lambda).Zip(c, (a, b) => a * b).Sum();
            double dLambda = 0;
            var cotangent = (double[])c.Clone();
            PullbackOf(kind, solver)(new double[D], lambda, X, Y, D, w, ref dLambda, default, default, cotangent);
            AssertClose(expected, dLambda, 1e-6);
            Assert.All(cotangent, v => Assert.Equal(0.0, v));
        }
    }

    [Fact]
    public void Pullback_checks_the_lengths_of_the_adjoints()
    {
        var w = ClosedForm(1.0);
        double dLambda = 0;
        Assert.Equal("solutionAdjoint", Assert.Throws<ArgumentException>(() => Ridge.Fit__Solve__Pullback(new double[D], 1.0, X, Y, D, w, ref dLambda, default, default, new double[D - 1])).ParamName);
        Assert.Equal("XAdjoint", Assert.Throws<ArgumentException>(() => Ridge.Fit__Solve__Pullback(new double[D], 1.0, X, Y, D, w, ref dLambda, new double[3], default, new double[D])).ParamName);
    }

    [Fact]
    public void Second_order_through_a_solver_is_reported_not_silently_wrong()
    {
        Assert.Throws<NotSupportedException>(() => Bilevel.ValidationHvp(0.0, X, Y, Xv, Yv, D, 1.0, out _));
    }

    [Theory]
    [MemberData(nameof(Lambdas))]
    public void Vjp_and_jvp_declarations_on_solvers_match_the_closed_form(double lambda)
    {
        var expected = SolutionDerivative(lambda);
        var c = Enumerable.Range(0, D).Select(j => Math.Cos(j + 0.25)).ToArray();
        var expectedDot = expected.Zip(c, (a, b) => a * b).Sum();

        var dX = new double[N * D];
        dX[5] = 123; // overwritten, not accumulated
        Ridge.FitVjp(new double[D], lambda, X, Y, D, out var dLambda, dX, c);
        AssertClose(expectedDot, dLambda, 1e-5);
        Assert.NotEqual(123, dX[5]);

        var w = Ridge.RootVjp(new double[D], lambda, X, Y, D, out var dLambdaRoot, c);
        AssertClose(ClosedForm(lambda), w, 1e-10);
        AssertClose(expectedDot, dLambdaRoot, 1e-8);

        var dw = new double[D];
        var solution = Ridge.FitJvp(new double[D], lambda, X, Y, D, 1.0, dw);
        AssertClose(ClosedForm(lambda), solution, 1e-6);
        AssertClose(expected, dw, 1e-5);

        var dwFixed = new double[D];
        Ridge.FixedJvp(new double[D], lambda, X, Y, D, 1.0, new double[N * D], dwFixed);
        AssertClose(expected, dwFixed, 1e-8);
    }

    [Fact]
    public void Vjp_data_derivative_matches_the_reverse_derivative_of_a_caller()
    {
        // dX from FitVjp with cotangent ∇V(w*) equals dX of the validation loss through the solver.
        const double lambda = 2.0;
        var w = ClosedForm(lambda);
        var cotangent = new double[D];
        for (var i = 0; i < NV; i++)
        {
            var r = -Yv[i];
            for (var j = 0; j < D; j++)
            {
                r += Xv[(i * D) + j] * w[j];
            }

            for (var j = 0; j < D; j++)
            {
                cotangent[j] += r * Xv[(i * D) + j];
            }
        }

        var dX = new double[N * D];
        Ridge.FitVjp(new double[D], lambda, X, Y, D, out _, dX, cotangent);
        var dXCaller = new double[N * D];
        Bilevel.ValidationGradientData(Math.Log(lambda), X, Y, Xv, Yv, D, out _, dXCaller, new double[N]);
        AssertClose(dXCaller, dX, 1e-5);
    }

    [Fact]
    public void Derivative_declarations_check_span_lengths()
    {
        Assert.Equal("dw", Assert.Throws<ArgumentException>(() => Ridge.FitVjp(new double[D], 1, X, Y, D, out _, new double[N * D], new double[D + 1])).ParamName);
        Assert.Equal("dX", Assert.Throws<ArgumentException>(() => Ridge.FitVjp(new double[D], 1, X, Y, D, out _, new double[3], new double[D])).ParamName);
        Assert.Equal("dSolution", Assert.Throws<ArgumentException>(() => Ridge.FitJvp(new double[D], 1, X, Y, D, 1, new double[2])).ParamName);
    }
}
