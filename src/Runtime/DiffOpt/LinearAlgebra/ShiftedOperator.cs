using System;
using System.Numerics.Tensors;

namespace DiffOpt.Solvers;

/// <summary>The operator A + ridge·I seen by the iterative solvers, with A given as a matrix-free product.</summary>
internal readonly struct ShiftedOperator
{
    private readonly MatVec _matvec;
    private readonly double _ridge;

    public ShiftedOperator(MatVec matvec, double ridge)
    {
        _matvec = matvec;
        _ridge = ridge;
    }

    /// <summary>result = (A + ridge·I)·v.</summary>
    public void Apply(ReadOnlySpan<double> v, Span<double> result)
    {
        _matvec(v, result);
        if (_ridge != 0)
        {
            TensorPrimitives.MultiplyAdd(v, _ridge, result, result);
        }
    }

    /// <summary>Writes r = b − (A + ridge·I)x and returns ‖r‖.</summary>
    public double Residual(ReadOnlySpan<double> b, ReadOnlySpan<double> x, Span<double> r)
    {
        Apply(x, r);
        TensorPrimitives.Subtract(b, r, r);
        return TensorPrimitives.Norm<double>(r);
    }
}
