// An instance [Optimize] + [ImplicitDiff] solver (Newton-CG, dense Cholesky) whose objective reads fields, and a caller.
using System;
using DiffOpt;

namespace Snapshots.ImplicitInstance;

/// <summary>An instance solver: f(x) = ½ Σ (x_j − c·s·(j + 1))² + ½ λ‖x‖² with s a field, so x*_j(λ, c) = c·s·(j + 1) / (1 + λ).</summary>
public sealed partial class InstanceSolver
{
    private readonly double scale;
    private readonly int size;

    public InstanceSolver(double scale, int size)
    {
        this.scale = scale;
        this.size = size;
    }

    [Differentiable]
    public double Objective(ReadOnlySpan<double> x, double lambda, double c)
    {
        double s = 0;
        for (int j = 0; j < x.Length; j++)
        {
            double r = x[j] - (c * scale * (j + 1));
            s += (0.5 * r * r) + (0.5 * lambda * x[j] * x[j]);
        }

        return s;
    }

    [Optimize(nameof(Objective), Solver = Solver.NewtonCg)]
    [ImplicitDiff(LinearSolver = LinearSolver.DenseCholesky)]
    public partial double[] Fit(ReadOnlySpan<double> x0, double lambda, double c);

    [Differentiable]
    public double Sum(double lambda, double c)
    {
        double[] x = Fit(new double[size], lambda, c);
        double s = 0;
        for (int j = 0; j < x.Length; j++)
        {
            s += x[j];
        }

        return s;
    }

    [Gradient(nameof(Sum))]
    public partial double SumGradient(double lambda, double c, out double dLambda, out double dC);
}
