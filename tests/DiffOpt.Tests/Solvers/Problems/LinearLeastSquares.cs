using System;

namespace DiffOpt.Tests.Solvers.Problems;

/// <summary>
/// f(x) = ½‖Ax − b‖² + (λ/2)‖x‖², as an objective (value, gradient, Hessian–vector product) and as a residual
/// r(x) = [Ax − b; √λ·x] with its Jacobian products.
/// </summary>
internal sealed class LinearLeastSquares
{
    private readonly DenseMatrix _a;
    private readonly double[] _b;
    private readonly double _lambda;
    private readonly double[] _r;

    public LinearLeastSquares(DenseMatrix a, double[] b, double lambda = 0)
    {
        _a = a;
        _b = b;
        _lambda = lambda;
        _r = new double[a.Rows];
    }

    public int Dimension => _a.Columns;

    public int ResidualCount => _a.Rows + (_lambda > 0 ? _a.Columns : 0);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        _a.Multiply(x, _r);
        double value = 0;
        for (int i = 0; i < _r.Length; i++)
        {
            _r[i] -= _b[i];
            value += _r[i] * _r[i];
        }

        _a.MultiplyTransposed(_r, gradient);
        double penalty = 0;
        for (int j = 0; j < x.Length; j++)
        {
            gradient[j] += _lambda * x[j];
            penalty += x[j] * x[j];
        }

        return 0.5 * value + 0.5 * _lambda * penalty;
    }

    public void HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        _a.Multiply(v, _r);
        _a.MultiplyTransposed(_r, result);
        for (int j = 0; j < v.Length; j++)
        {
            result[j] += _lambda * v[j];
        }
    }

    public void Residual(ReadOnlySpan<double> x, Span<double> residual)
    {
        _a.Multiply(x, residual[.._a.Rows]);
        for (int i = 0; i < _a.Rows; i++)
        {
            residual[i] -= _b[i];
        }

        AppendRidge(x, residual);
    }

    public void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        _a.Multiply(v, result[.._a.Rows]);
        AppendRidge(v, result);
    }

    public void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> result)
    {
        _a.MultiplyTransposed(u[.._a.Rows], result);
        if (_lambda > 0)
        {
            double s = Math.Sqrt(_lambda);
            for (int j = 0; j < result.Length; j++)
            {
                result[j] += s * u[_a.Rows + j];
            }
        }
    }

    private void AppendRidge(ReadOnlySpan<double> v, Span<double> target)
    {
        if (_lambda > 0)
        {
            double s = Math.Sqrt(_lambda);
            for (int j = 0; j < v.Length; j++)
            {
                target[_a.Rows + j] = s * v[j];
            }
        }
    }
}
