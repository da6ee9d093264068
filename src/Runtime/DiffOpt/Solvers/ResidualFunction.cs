using System;

namespace DiffOpt.Solvers;

/// <summary>
/// The residual vector r(x) of a nonlinear least-squares problem min ½‖r(x)‖₂².
/// </summary>
/// <param name="x">The parameters (length n); never modified.</param>
/// <param name="residual">Receives r(x) (length m, the residual count given to the solver); overwritten.</param>
public delegate void ResidualFunction(ReadOnlySpan<double> x, Span<double> residual);
