using System;

namespace DiffOpt.Solvers;

/// <summary>A scalar loss of a parameter vector, evaluated without its gradient (for zeroth-order optimizers).</summary>
/// <param name="parameters">The parameters at which to evaluate the loss.</param>
/// <returns>The loss; must be finite.</returns>
public delegate double LossFunction(ReadOnlySpan<double> parameters);
