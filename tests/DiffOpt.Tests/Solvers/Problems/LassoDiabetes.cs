using System;

namespace DiffOpt.Tests.Solvers.Problems;

/// <summary>The smooth part f(w) = 1/(2n)‖y − Xw‖² of the diabetes lasso in make_fixtures.py.</summary>
internal sealed class LassoDiabetes
{
    private readonly LinearLeastSquares _squares;
    private readonly double _scale;

    public LassoDiabetes()
    {
        Fixture = Fixture.Load("lasso_diabetes.json");
        int n = Fixture.Integer("n");
        _squares = new LinearLeastSquares(new DenseMatrix(n, Fixture.Integer("d"), Fixture.Vector("X")), Fixture.Vector("y"));
        _scale = 1.0 / n;
    }

    public Fixture Fixture { get; }

    public double Alpha => Fixture.Number("alpha");

    public int Dimension => _squares.Dimension;

    public double ValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        double value = _squares.ValueAndGradient(w, gradient);
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] *= _scale;
        }

        return value * _scale;
    }
}
