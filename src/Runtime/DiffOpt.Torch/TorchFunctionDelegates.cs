namespace DiffOpt.Torch;

/// <summary>Runs the primal of a scalar-valued function on one item.</summary>
/// <param name="inputs">One array per tensor argument (a scalar is an array of length 1).</param>
/// <returns>The function's value.</returns>
public delegate double ScalarPrimal(double[][] inputs);

/// <summary>Runs the pullback of a scalar-valued function on one item (generated code calls <c>F__Pullback</c>).</summary>
/// <param name="inputs">One array per tensor argument, as for <see cref="ScalarPrimal"/>.</param>
/// <param name="resultAdjoint">The cotangent of the result.</param>
/// <param name="gradients">One array per tensor argument, shaped like <paramref name="inputs"/>; the pullback adds into it.</param>
public delegate void ScalarPullback(double[][] inputs, double resultAdjoint, double[][] gradients);

/// <summary>Runs the primal of a vector-valued function on one item.</summary>
/// <param name="inputs">One array per tensor argument (a scalar is an array of length 1).</param>
/// <param name="output">The output vector the function writes.</param>
public delegate void VectorPrimal(double[][] inputs, double[] output);

/// <summary>Runs the pullback of a vector-valued function on one item (generated code calls <c>F__Pullback</c>).</summary>
/// <param name="inputs">One array per tensor argument, as for <see cref="VectorPrimal"/>.</param>
/// <param name="output">Scratch space for the output vector (the pullback recomputes it).</param>
/// <param name="outputAdjoint">The cotangent of the output; the pullback may overwrite it.</param>
/// <param name="gradients">One array per tensor argument, shaped like <paramref name="inputs"/>; the pullback adds into it.</param>
public delegate void VectorPullback(double[][] inputs, double[] output, double[] outputAdjoint, double[][] gradients);
