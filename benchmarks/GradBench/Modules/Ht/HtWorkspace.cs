namespace DiffOpt.GradBench.Modules.Ht;

/// <summary>Scratch buffers of <see cref="HtProblem.Objective"/> and <see cref="HtProblem.Jacobian"/>.</summary>
/// <param name="Error">The objective, which every JVP also computes.</param>
/// <param name="Positions">The posed mesh (<c>vertices × 3</c>).</param>
/// <param name="PositionTangent">The tangent of the posed mesh, which every JVP also computes.</param>
/// <param name="ThetaTangent">The one-hot tangent of theta.</param>
/// <param name="UsTangents">The two compressed tangents of <c>us</c> (1 at every u₀, 1 at every u₁).</param>
/// <param name="ZeroUsTangent">A zero tangent of <c>us</c>.</param>
internal sealed record HtWorkspace(double[] Error, double[] Positions, double[] PositionTangent, double[] ThetaTangent, double[][] UsTangents, double[] ZeroUsTangent);
