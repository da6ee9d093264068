namespace DiffOpt.GradBench.Modules.Ht;

/// <summary>
/// A hand-tracking problem in the layouts <see cref="HtModel"/> reads, and its objective and Jacobian. The
/// Jacobian has <c>3·points</c> rows and 26 theta columns (plus, for the complicated variant, two columns for
/// <c>us</c>); it is computed in forward mode, one generated JVP per column, because 26 (or 28) columns are far fewer
/// than the rows (reverse mode would need one VJP per row).
/// </summary>
internal sealed class HtProblem
{
    /// <summary>Creates a problem; the arrays are used as they are, not copied.</summary>
    /// <param name="theta">The 26 pose parameters.</param>
    /// <param name="us">The barycentric coordinates (<c>points × 2</c>), empty for the simple variant.</param>
    /// <param name="parents">Each bone's parent (−1 for the root).</param>
    /// <param name="baseRelatives">Rest relative transforms, <c>bones × 16</c> row-major.</param>
    /// <param name="inverseBaseAbsolutes">Inverse absolute rest transforms, <c>bones × 16</c> row-major.</param>
    /// <param name="basePositions">Homogeneous rest positions, <c>vertices × 4</c>.</param>
    /// <param name="weights">Skinning weights, <c>vertices × bones</c>.</param>
    /// <param name="triangles">Vertex indices of each triangle, <c>triangles × 3</c> row-major.</param>
    /// <param name="isMirrored">Whether to mirror the x axis.</param>
    /// <param name="correspondences">Per observed point, its vertex (simple) or triangle (complicated).</param>
    /// <param name="points">The observed points, <c>points × 3</c>.</param>
    public HtProblem(
        double[] theta,
        double[] us,
        int[] parents,
        double[] baseRelatives,
        double[] inverseBaseAbsolutes,
        double[,] basePositions,
        double[,] weights,
        int[] triangles,
        bool isMirrored,
        int[] correspondences,
        double[,] points)
    {
        int bones = parents.Length;
        int vertices = basePositions.GetLength(0);
        int count = correspondences.Length;
        Require(theta.Length == HtModel.ThetaCount, nameof(theta), $"must have {HtModel.ThetaCount} elements, has {theta.Length}");
        Require(bones >= 22, nameof(parents), $"must describe at least the 22 bones of the pose, has {bones}");
        Require(baseRelatives.Length == 16 * bones, nameof(baseRelatives), $"must be {bones} 4 × 4 matrices");
        Require(inverseBaseAbsolutes.Length == 16 * bones, nameof(inverseBaseAbsolutes), $"must be {bones} 4 × 4 matrices");
        Require(basePositions.GetLength(1) == 4, nameof(basePositions), "must have 4 (homogeneous) coordinates per vertex");
        Require(weights.GetLength(0) == vertices && weights.GetLength(1) == bones, nameof(weights), $"must be {vertices} × {bones}");
        Require(points.GetLength(0) == count && points.GetLength(1) == 3, nameof(points), $"must be {count} × 3");
        Require(us.Length == 0 || us.Length == 2 * count, nameof(us), $"must be empty or {count} × 2");
        for (int b = 0; b < bones; b++)
        {
            Require(parents[b] >= -1 && parents[b] < b, nameof(parents), $"element {b} must be −1 or an earlier bone, is {parents[b]}");
        }

        Require(triangles.Length % 3 == 0, nameof(triangles), "must have 3 vertices per triangle");
        int targets = us.Length == 0 ? vertices : triangles.Length / 3;
        for (int i = 0; i < count; i++)
        {
            Require(correspondences[i] >= 0 && correspondences[i] < targets, nameof(correspondences), $"element {i} must index one of {targets} {(us.Length == 0 ? "vertices" : "triangles")}, is {correspondences[i]}");
        }

        if (us.Length != 0)
        {
            foreach (int vertex in triangles)
            {
                Require(vertex >= 0 && vertex < vertices, nameof(triangles), $"must index the {vertices} vertices, holds {vertex}");
            }
        }

        Theta = theta;
        Us = us;
        Parents = parents;
        BaseRelatives = baseRelatives;
        InverseBaseAbsolutes = inverseBaseAbsolutes;
        BasePositions = basePositions;
        Weights = weights;
        Triangles = triangles;
        IsMirrored = isMirrored;
        Correspondences = correspondences;
        Points = points;
    }

    /// <summary>The 26 pose parameters.</summary>
    public double[] Theta { get; }

    /// <summary>The barycentric coordinates, empty for the simple variant.</summary>
    public double[] Us { get; }

    /// <summary>Each bone's parent.</summary>
    public int[] Parents { get; }

    /// <summary>Rest relative transforms.</summary>
    public double[] BaseRelatives { get; }

    /// <summary>Inverse absolute rest transforms.</summary>
    public double[] InverseBaseAbsolutes { get; }

    /// <summary>Homogeneous rest positions.</summary>
    public double[,] BasePositions { get; }

    /// <summary>Skinning weights.</summary>
    public double[,] Weights { get; }

    /// <summary>Vertex indices of each triangle.</summary>
    public int[] Triangles { get; }

    /// <summary>Whether to mirror the x axis.</summary>
    public bool IsMirrored { get; }

    /// <summary>Per observed point, its vertex or triangle.</summary>
    public int[] Correspondences { get; }

    /// <summary>The observed points.</summary>
    public double[,] Points { get; }

    /// <summary>Whether this is the complicated variant (points on triangles).</summary>
    public bool IsComplicated => Us.Length != 0;

    /// <summary>The number of objective components, <c>3·points</c>.</summary>
    public int ErrorCount => 3 * Correspondences.Length;

    /// <summary>The number of Jacobian columns: 26, plus 2 (compressed <c>us</c> columns) for the complicated variant.</summary>
    public int JacobianColumnCount => (IsComplicated ? 2 : 0) + HtModel.ThetaCount;

    /// <summary>The objective.</summary>
    /// <param name="workspace">Scratch buffers from <see cref="CreateWorkspace"/>.</param>
    /// <param name="error">Receives the <see cref="ErrorCount"/> components.</param>
    public void Objective(HtWorkspace workspace, Span<double> error)
    {
        if (IsComplicated)
        {
            HtModel.ComplicatedObjective(Theta, Us, Parents, BaseRelatives, InverseBaseAbsolutes, BasePositions, Weights, IsMirrored, Correspondences, Triangles, Points, error, workspace.Positions);
        }
        else
        {
            HtModel.SimpleObjective(Theta, Parents, BaseRelatives, InverseBaseAbsolutes, BasePositions, Weights, IsMirrored, Correspondences, Points, error, workspace.Positions);
        }
    }

    /// <summary>
    /// The Jacobian, column after column (<c>jacobian[c·rows + r]</c>), in the reference's column order: for the
    /// complicated variant first ∂/∂u₀ and ∂/∂u₁ of each point's own coordinates, then the 26 theta columns.
    /// </summary>
    /// <remarks>
    /// A point's error depends only on its own two coordinates <c>us[2i]</c>, <c>us[2i+1]</c>, so the tangent that is 1
    /// at every <c>us[2i]</c> gives all the ∂/∂u₀ entries in one JVP (column compression, Curtis, Powell and Reid 1974),
    /// and likewise for u₁.
    /// </remarks>
    /// <param name="workspace">Scratch buffers from <see cref="CreateWorkspace"/>.</param>
    /// <param name="jacobian">Receives <see cref="ErrorCount"/> × <see cref="JacobianColumnCount"/> values.</param>
    public void Jacobian(HtWorkspace workspace, Span<double> jacobian)
    {
        int rows = ErrorCount;
        double[] dTheta = workspace.ThetaTangent;
        Array.Clear(dTheta);
        int column = 0;
        if (IsComplicated)
        {
            for (int coordinate = 0; coordinate < 2; coordinate++)
            {
                HtModel.ComplicatedObjectiveJvp(Theta, Us, Parents, BaseRelatives, InverseBaseAbsolutes, BasePositions, Weights, IsMirrored, Correspondences, Triangles, Points, workspace.Error, workspace.Positions, dTheta, workspace.UsTangents[coordinate], jacobian.Slice(column * rows, rows), workspace.PositionTangent);
                column++;
            }
        }

        for (int k = 0; k < HtModel.ThetaCount; k++)
        {
            dTheta[k] = 1;
            Span<double> dError = jacobian.Slice(column * rows, rows);
            if (IsComplicated)
            {
                HtModel.ComplicatedObjectiveJvp(Theta, Us, Parents, BaseRelatives, InverseBaseAbsolutes, BasePositions, Weights, IsMirrored, Correspondences, Triangles, Points, workspace.Error, workspace.Positions, dTheta, workspace.ZeroUsTangent, dError, workspace.PositionTangent);
            }
            else
            {
                HtModel.SimpleObjectiveJvp(Theta, Parents, BaseRelatives, InverseBaseAbsolutes, BasePositions, Weights, IsMirrored, Correspondences, Points, workspace.Error, workspace.Positions, dTheta, dError, workspace.PositionTangent);
            }

            dTheta[k] = 0;
            column++;
        }
    }

    /// <summary>Allocates the scratch buffers <see cref="Objective"/> and <see cref="Jacobian"/> need, once per input.</summary>
    /// <returns>The workspace.</returns>
    public HtWorkspace CreateWorkspace()
    {
        double[] u0 = new double[Us.Length];
        double[] u1 = new double[Us.Length];
        for (int i = 0; i < Us.Length; i += 2)
        {
            u0[i] = 1;
            u1[i + 1] = 1;
        }

        int mesh = 3 * BasePositions.GetLength(0);
        return new HtWorkspace(new double[ErrorCount], new double[mesh], new double[mesh], new double[HtModel.ThetaCount], [u0, u1], new double[Us.Length]);
    }

    private static void Require(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {message}", name);
        }
    }
}
