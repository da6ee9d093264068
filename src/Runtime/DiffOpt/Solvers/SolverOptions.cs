using System;
using System.Globalization;

namespace DiffOpt.Solvers;

/// <summary>
/// Settings shared by the solvers in <see cref="Minimize"/>, <see cref="FixedPoint"/> and <see cref="LeastSquares"/>.
/// Each solver reads the settings that apply to it and ignores the rest.
/// </summary>
/// <remarks>
/// <para>
/// Convergence test: a solver stops with <see cref="OptimizationStatus.Converged"/> when its optimality measure
/// m(x) (see <see cref="OptimizationResult.Residual"/>) satisfies m(x) ≤ <see cref="Tolerance"/> · max(1, min(m(x₀), |f(x)|)):
/// relative to the starting value of the measure, but never looser than relative to the current objective value
/// (for fixed-point methods, to ‖x‖), so that a start with an enormous gradient cannot certify a point far from the
/// solution. With the defaults a well-conditioned smooth problem ends with a gradient at least 1e-8 times smaller
/// than at the start.
/// </para>
/// <para>Setters check their value and throw <see cref="ArgumentOutOfRangeException"/> naming the property.</para>
/// </remarks>
public sealed record SolverOptions
{
    /// <summary>The default options.</summary>
    public static SolverOptions Default { get; } = new();

    /// <summary>
    /// Relative tolerance on the optimality measure (see the class remarks); default 1e-8. Must be finite and ≥ 0;
    /// 0 runs until the measure is exactly 0 or another stop applies.
    /// </summary>
    public double Tolerance
    {
        get;
        init => field = FiniteNonNegative(value, nameof(Tolerance));
    } = 1e-8;

    /// <summary>Most iterations to run; default 1000. 0 evaluates the starting point only.</summary>
    public int MaxIterations
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxIterations));
            field = value;
        }
    } = 1000;

    /// <summary>
    /// Stop with <see cref="OptimizationStatus.SmallValueChange"/> when one iteration lowers the objective by at
    /// most this much relative to max(|f|, 1). Default 0: off, so only the optimality measure ends a run.
    /// </summary>
    public double ValueTolerance
    {
        get;
        init => field = FiniteNonNegative(value, nameof(ValueTolerance));
    }

    /// <summary>Receives one <see cref="SolverProgress"/> per iteration; default none.</summary>
    /// <remarks>The report is sent synchronously on the solver's thread; keep the handler cheap.</remarks>
    public IProgress<SolverProgress>? Progress { get; init; }

    /// <summary>Number of correction pairs L-BFGS keeps; default 10. Must be ≥ 1.</summary>
    public int HistorySize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(HistorySize));
            field = value;
        }
    } = 10;

    /// <summary>
    /// Sufficient-decrease (Armijo) constant c₁ of the line searches; default 1e-4. Must lie in (0, ½) and below
    /// <see cref="CurvatureConstant"/>.
    /// </summary>
    public double ArmijoConstant
    {
        get;
        init
        {
            if (!(value > 0 && value < 0.5))
            {
                throw new ArgumentOutOfRangeException(nameof(ArmijoConstant), value, "Must lie in (0, 0.5).");
            }

            field = value;
        }
    } = 1e-4;

    /// <summary>
    /// Curvature constant c₂ of the strong Wolfe line search (L-BFGS, Newton-CG); default 0.9. Must lie in
    /// (<see cref="ArmijoConstant"/>, 1).
    /// </summary>
    public double CurvatureConstant
    {
        get;
        init
        {
            if (!(value > 0 && value < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(CurvatureConstant), value, "Must lie in (0, 1).");
            }

            field = value;
        }
    } = 0.9;

    /// <summary>Factor by which backtracking line searches shrink the step; default 0.5. Must lie in (0, 1).</summary>
    public double BacktrackingFactor
    {
        get;
        init
        {
            if (!(value > 0 && value < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(BacktrackingFactor), value, "Must lie in (0, 1).");
            }

            field = value;
        }
    } = 0.5;

    /// <summary>Most trial points one line search may evaluate; default 40. Must be ≥ 1.</summary>
    public int MaxLineSearchSteps
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxLineSearchSteps));
            field = value;
        }
    } = 40;

    /// <summary>
    /// First trial step of the first-order methods (gradient descent, projected and proximal gradient). Default
    /// <see langword="null"/>: estimated from the curvature along the first gradient (a secant estimate).
    /// Must be finite and &gt; 0 when set.
    /// </summary>
    public double? InitialStepSize
    {
        get;
        init
        {
            if (value is double v && !(v > 0 && double.IsFinite(v)))
            {
                throw new ArgumentOutOfRangeException(nameof(InitialStepSize), v, "Must be finite and > 0.");
            }

            field = value;
        }
    }

    /// <summary>
    /// Most inner conjugate-gradient iterations per outer iteration (Newton-CG, Gauss–Newton,
    /// Levenberg–Marquardt). Default <see langword="null"/>: twice the number of variables, at least 10.
    /// Must be ≥ 1 when set.
    /// </summary>
    public int? MaxInnerIterations
    {
        get;
        init
        {
            if (value is int v)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(v, 1, nameof(MaxInnerIterations));
            }

            field = value;
        }
    }

    /// <summary>Checks the settings that depend on each other.</summary>
    /// <param name="paramName">The solver parameter that carried these options.</param>
    internal void Validate(string paramName)
    {
        if (ArmijoConstant >= CurvatureConstant)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"ArmijoConstant ({ArmijoConstant}) must be smaller than CurvatureConstant ({CurvatureConstant})."),
                paramName);
        }
    }

    private static double FiniteNonNegative(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be finite and >= 0.");
        }

        return value;
    }
}
