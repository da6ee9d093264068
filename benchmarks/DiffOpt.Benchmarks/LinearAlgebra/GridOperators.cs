using DiffOpt.Solvers;

namespace DiffOpt.Benchmarks.LinearAlgebra;

/// <summary>
/// Matrix-free five-point stencils on a rows×columns grid (n = rows·columns unknowns, zero boundary values):
/// the sparse, structured operators that implicit differentiation and PDE-constrained problems produce.
/// </summary>
internal sealed class GridOperators
{
    private readonly int _rows;
    private readonly int _columns;
    private readonly double _convection;
    private readonly double[]? _scale;
    private double[]? _scratch;

    /// <param name="rows">Grid rows.</param>
    /// <param name="columns">Grid columns.</param>
    /// <param name="convection">
    /// Cell Péclet number β of a central-difference convection term along the rows: the east/west couplings
    /// become −1 ± β, making the operator nonsymmetric. 0 gives the SPD Laplacian.
    /// </param>
    /// <param name="scale">Optional diagonal S: the operator becomes S·L·S (still SPD, badly scaled).</param>
    public GridOperators(int rows, int columns, double convection = 0, double[]? scale = null)
    {
        _rows = rows;
        _columns = columns;
        _convection = convection;
        _scale = scale;
    }

    public int Size => _rows * _columns;

    public double[] Diagonal()
    {
        var d = new double[Size];
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = 4 * (_scale is null ? 1 : _scale[i] * _scale[i]);
        }

        return d;
    }

    /// <summary>result = A·v (A = S·L·S when a scale was given).</summary>
    public void Apply(ReadOnlySpan<double> v, Span<double> result)
    {
        if (_scale is null)
        {
            Stencil(v, result);
            return;
        }

        // S·L·S·v: scale, apply the stencil, scale again. One scratch vector per operator, made once.
        _scratch ??= new double[Size];
        for (var i = 0; i < _scratch.Length; i++)
        {
            _scratch[i] = _scale[i] * v[i];
        }

        Stencil(_scratch, result);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] *= _scale[i];
        }
    }

    private void Stencil(ReadOnlySpan<double> v, Span<double> result)
    {
        var west = -1 - _convection;
        var east = -1 + _convection;
        for (var r = 0; r < _rows; r++)
        {
            for (var c = 0; c < _columns; c++)
            {
                var k = (r * _columns) + c;
                var sum = 4 * v[k];
                if (c > 0)
                {
                    sum += west * v[k - 1];
                }

                if (c < _columns - 1)
                {
                    sum += east * v[k + 1];
                }

                if (r > 0)
                {
                    sum -= v[k - _columns];
                }

                if (r < _rows - 1)
                {
                    sum -= v[k + _columns];
                }

                result[k] = sum;
            }
        }
    }

    /// <summary>result = Aᵀ·v: the transpose swaps the east and west couplings.</summary>
    public MatVec TransposedMatVec() => new GridOperators(_rows, _columns, -_convection, _scale).Apply;

    public MatVec AsMatVec() => Apply;
}
