using System;
using DiffOpt.Solvers.Internal;

namespace DiffOpt.Solvers;

/// <summary>
/// Solvers for fixed points x = T(x): plain (Picard) iteration and Anderson acceleration.
/// </summary>
/// <remarks>
/// The optimality measure is the fixed-point residual ‖T(x) − x‖₂ (reported as both
/// <see cref="OptimizationResult.Value"/> and <see cref="OptimizationResult.Residual"/>); the run converges when it
/// is at most <see cref="SolverOptions.Tolerance"/> · max(1, min(‖T(x₀) − x₀‖₂, ‖x‖₂)). <see cref="SolverOptions.ValueTolerance"/>
/// and the line-search settings are ignored. The solution is the last point x whose residual was measured.
/// </remarks>
public static class FixedPoint
{
    private const string IterateName = "FixedPoint";
    private const string AndersonName = "Anderson";

    /// <summary>Iterates x ← T(x) until the residual ‖T(x) − x‖₂ is small.</summary>
    /// <param name="map">The map T.</param>
    /// <param name="x0">The starting point (copied; must be finite and non-empty).</param>
    /// <param name="options">Tolerance, iteration limit and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x0"/> is empty or not finite.</exception>
    /// <remarks>Converges linearly for a contraction (Banach); each iteration costs one map evaluation.</remarks>
    public static OptimizationResult Iterate(FixedPointMap map, ReadOnlySpan<double> x0, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        Guard.StartingPoint(x0, nameof(x0));
        SolverOptions o = Guard.Options(options);

        double[] x = x0.ToArray();
        double[] tx = new double[x.Length];
        double threshold = double.NaN, residual = double.NaN, residual0 = double.NaN;
        for (int k = 0; ; k++)
        {
            map(x, tx);
            if (!Vec.AllFinite(tx))
            {
                return Results.Create(IterateName, x, residual, residual, threshold, k, k + 1, 0, OptimizationStatus.NonFiniteValue);
            }

            residual = Vec.Distance(tx, x);
            if (k == 0)
            {
                residual0 = residual;
            }

            threshold = Convergence.Threshold(o.Tolerance, residual0, Vec.Norm(x));

            o.Progress?.Report(new SolverProgress(IterateName, k, residual, residual, k == 0 ? 0 : 1, k + 1));
            if (residual <= threshold)
            {
                return Results.Create(IterateName, x, residual, residual, threshold, k, k + 1, 0, OptimizationStatus.Converged);
            }

            if (k >= o.MaxIterations)
            {
                return Results.Create(IterateName, x, residual, residual, threshold, k, k + 1, 0, OptimizationStatus.MaxIterationsReached);
            }

            (x, tx) = (tx, x);
        }
    }

    /// <summary>
    /// Finds a fixed point x = T(x) by Anderson acceleration: each new point combines the last
    /// <paramref name="memory"/> map values with weights that minimise the linearised residual.
    /// </summary>
    /// <param name="map">The map T.</param>
    /// <param name="x0">The starting point (copied; must be finite and non-empty).</param>
    /// <param name="memory">How many previous residual differences to use (m ≥ 1; 5–10 is typical).</param>
    /// <param name="options">Tolerance, iteration limit and progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x0"/> is empty or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="memory"/> is less than 1.</exception>
    /// <remarks>
    /// Undamped Anderson acceleration in the form of Walker &amp; Ni, "Anderson Acceleration for Fixed-Point
    /// Iterations", SIAM J. Numer. Anal. 49 (2011): with fₖ = T(xₖ) − xₖ and the differences ΔF, ΔG of the last m
    /// residuals and map values, γ = argmin ‖fₖ − ΔF·γ‖₂ and xₖ₊₁ = T(xₖ) − ΔG·γ. The small least-squares problem is
    /// solved through its normal equations with a relative ridge of 1e-10 (Cholesky); if that fails, or the
    /// accelerated point is not finite, the memory is cleared and a plain step is taken.
    /// </remarks>
    public static OptimizationResult Anderson(FixedPointMap map, ReadOnlySpan<double> x0, int memory, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        Guard.StartingPoint(x0, nameof(x0));
        ArgumentOutOfRangeException.ThrowIfLessThan(memory, 1);
        SolverOptions o = Guard.Options(options);

        int n = x0.Length, m = memory;
        double[] x = x0.ToArray();
        double[] gx = new double[n];        // T(x)
        double[] residualVec = new double[n]; // f = T(x) − x
        double[] prevG = new double[n];
        double[] prevF = new double[n];
        double[] dF = new double[m * n];
        double[] dG = new double[m * n];
        double[] gram = new double[m * m];
        double[] system = new double[m * m];
        double[] gamma = new double[m];
        int count = 0, newest = -1;

        double threshold = double.NaN, residual = double.NaN, residual0 = double.NaN;
        for (int k = 0; ; k++)
        {
            map(x, gx);
            if (!Vec.AllFinite(gx))
            {
                return Results.Create(AndersonName, x, residual, residual, threshold, k, k + 1, 0, OptimizationStatus.NonFiniteValue);
            }

            Vec.Subtract(gx, x, residualVec);
            residual = Vec.Norm(residualVec);
            if (k == 0)
            {
                residual0 = residual;
            }

            threshold = Convergence.Threshold(o.Tolerance, residual0, Vec.Norm(x));

            o.Progress?.Report(new SolverProgress(AndersonName, k, residual, residual, k == 0 ? 0 : 1, k + 1));
            if (residual <= threshold)
            {
                return Results.Create(AndersonName, x, residual, residual, threshold, k, k + 1, 0, OptimizationStatus.Converged);
            }

            if (k >= o.MaxIterations)
            {
                return Results.Create(AndersonName, x, residual, residual, threshold, k, k + 1, 0, OptimizationStatus.MaxIterationsReached);
            }

            if (k > 0)
            {
                // Push ΔF = f − f_prev, ΔG = T(x) − T(x_prev) into the ring and refresh that row of the Gram matrix.
                int slot = (newest + 1) % m;
                Span<double> dFSlot = dF.AsSpan(slot * n, n);
                Vec.Subtract(residualVec, prevF, dFSlot);
                Vec.Subtract(gx, prevG, dG.AsSpan(slot * n, n));
                newest = slot;
                count = Math.Min(count + 1, m);
                for (int j = 0; j < m; j++)
                {
                    double v = j == slot || IsStored(j, newest, count, m) ? Vec.Dot(dFSlot, dF.AsSpan(j * n, n)) : 0;
                    gram[slot * m + j] = v;
                    gram[j * m + slot] = v;
                }
            }

            residualVec.CopyTo(prevF);
            gx.CopyTo(prevG);

            // Plain step x = T(x), then subtract ΔG·γ when the small least-squares solve succeeds.
            gx.CopyTo(x);
            if (count > 0 && SolveWeights(gram, system, dF, residualVec, gamma, count, newest, m, n))
            {
                for (int i = 0, slot = newest; i < count; i++, slot = (slot - 1 + m) % m)
                {
                    Vec.Axpy(-gamma[i], dG.AsSpan(slot * n, n), x);
                }

                if (!Vec.AllFinite(x))
                {
                    gx.CopyTo(x);
                    count = 0;
                }
            }
            else if (count > 0)
            {
                count = 0;
            }
        }
    }

    private static bool IsStored(int slot, int newest, int count, int m) => ((newest - slot + m) % m) < count;

    /// <summary>
    /// Solves (ΔFᵀΔF + λI)γ = ΔFᵀf over the stored slots (ordered newest first) by Cholesky; false on breakdown.
    /// </summary>
    private static bool SolveWeights(
        ReadOnlySpan<double> gram, Span<double> system, ReadOnlySpan<double> dF, ReadOnlySpan<double> f, Span<double> gamma, int count, int newest, int m, int n)
    {
        double trace = 0;
        for (int i = 0, si = newest; i < count; i++, si = (si - 1 + m) % m)
        {
            gamma[i] = Vec.Dot(dF.Slice(si * n, n), f);
            for (int j = 0, sj = newest; j < count; j++, sj = (sj - 1 + m) % m)
            {
                system[i * count + j] = gram[si * m + sj];
            }

            trace += gram[si * m + si];
        }

        double ridge = 1e-10 * trace / count;
        for (int i = 0; i < count; i++)
        {
            system[i * count + i] += ridge;
        }

        // In-place Cholesky L·Lᵀ of the count×count matrix, then forward and back substitution on gamma.
        for (int j = 0; j < count; j++)
        {
            double diagonal = system[j * count + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= system[j * count + k] * system[j * count + k];
            }

            if (!(diagonal > 0))
            {
                return false;
            }

            double pivot = Math.Sqrt(diagonal);
            system[j * count + j] = pivot;
            for (int i = j + 1; i < count; i++)
            {
                double v = system[i * count + j];
                for (int k = 0; k < j; k++)
                {
                    v -= system[i * count + k] * system[j * count + k];
                }

                system[i * count + j] = v / pivot;
            }
        }

        for (int i = 0; i < count; i++)
        {
            double v = gamma[i];
            for (int k = 0; k < i; k++)
            {
                v -= system[i * count + k] * gamma[k];
            }

            gamma[i] = v / system[i * count + i];
        }

        for (int i = count - 1; i >= 0; i--)
        {
            double v = gamma[i];
            for (int k = i + 1; k < count; k++)
            {
                v -= system[k * count + i] * gamma[k];
            }

            gamma[i] = v / system[i * count + i];
        }

        return double.IsFinite(gamma[0]);
    }
}
