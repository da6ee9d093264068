using System;

namespace DiffOpt.Tests.Solvers.Problems;

/// <summary>
/// f(w, b) = C·Σᵢ log(1 + exp(−yᵢ(xᵢ·w + b))) + ½‖w‖² over θ = (w, b), the objective of make_fixtures.py.
/// Gradient and Hessian–vector product are written out by hand from the formulas.
/// </summary>
internal sealed class LogisticRegression
{
    private readonly DenseMatrix _x;
    private readonly double[] _y;
    private readonly double _c;
    private readonly double[] _margin;

    public LogisticRegression(DenseMatrix x, double[] y, double c)
    {
        _x = x;
        _y = y;
        _c = c;
        _margin = new double[x.Rows];
    }

    public static LogisticRegression BreastCancer(out Fixture fixture)
    {
        fixture = Fixture.Load("logistic_breast_cancer.json");
        int n = fixture.Integer("n"), d = fixture.Integer("d");
        return new LogisticRegression(new DenseMatrix(n, d, fixture.Vector("X")), fixture.Vector("y"), fixture.Number("C"));
    }

    public int Dimension => _x.Columns + 1;

    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int d = _x.Columns;
        double b = theta[d];
        double loss = 0;
        gradient.Clear();
        for (int i = 0; i < _x.Rows; i++)
        {
            ReadOnlySpan<double> row = _x.Row(i);
            double z = b;
            for (int j = 0; j < d; j++)
            {
                z += row[j] * theta[j];
            }

            double m = _y[i] * z;
            _margin[i] = m;
            // log(1 + e^{−m}) computed without overflow.
            loss += m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m));
            double coefficient = -_c * _y[i] / (1 + Math.Exp(m)); // C·∂/∂z
            for (int j = 0; j < d; j++)
            {
                gradient[j] += coefficient * row[j];
            }

            gradient[d] += coefficient;
        }

        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            penalty += theta[j] * theta[j];
            gradient[j] += theta[j];
        }

        return _c * loss + 0.5 * penalty;
    }

    public void HessianVectorProduct(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result)
    {
        int d = _x.Columns;
        result.Clear();
        for (int i = 0; i < _x.Rows; i++)
        {
            ReadOnlySpan<double> row = _x.Row(i);
            double z = theta[d], av = v[d];
            for (int j = 0; j < d; j++)
            {
                z += row[j] * theta[j];
                av += row[j] * v[j];
            }

            double s = 1 / (1 + Math.Exp(-_y[i] * z));
            double weight = _c * s * (1 - s) * av;
            for (int j = 0; j < d; j++)
            {
                result[j] += weight * row[j];
            }

            result[d] += weight;
        }

        for (int j = 0; j < d; j++)
        {
            result[j] += v[j];
        }
    }
}
