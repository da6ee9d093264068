using System;

namespace DiffOpt.Solvers;

/// <summary>
/// Watches the true residual each time a recurrence claims convergence but the recomputed residual disagrees
/// (residual replacement). When three such checks in a row fail to halve the best true residual, rounding has
/// put a floor above the tolerance and iterating further only burns operator applications.
/// </summary>
internal struct StagnationGuard
{
    private double _best;
    private int _stalls;
    private bool _started;

    /// <summary>Records a recomputed residual norm; returns true when the solve has stagnated.</summary>
    public bool Stagnated(double trueResidualNorm)
    {
        if (!_started || trueResidualNorm < 0.5 * _best)
        {
            _stalls = 0;
        }
        else
        {
            _stalls++;
        }

        _best = _started ? Math.Min(_best, trueResidualNorm) : trueResidualNorm;
        _started = true;
        return _stalls >= 3;
    }
}
