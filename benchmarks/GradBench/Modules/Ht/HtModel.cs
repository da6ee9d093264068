using DiffOpt;

namespace DiffOpt.GradBench.Modules.Ht;

/// <summary>
/// The objective of GradBench's <c>ht</c> eval (ADBench's hand tracking): a skinned hand mesh is posed by 26
/// parameters (global rotation and translation, then finger joint angles), and the objective is the vector of
/// differences between observed 3-D points and the posed mesh points they correspond to — a vertex ("simple"
/// variant) or a point on a triangle given by two barycentric coordinates <c>us</c> ("complicated" variant).
/// Plain differentiable C#; the Jacobians are DiffOpt-generated JVPs.
/// </summary>
/// <remarks>
/// Linear blend skinning (Magnenat-Thalmann et al., 1988), as in Taylor et al., "User-Specific Hand Modeling
/// from Monocular Depth Sequences" (CVPR 2014), the source of ADBench's HT problem. Layouts: 4 × 4 matrices are
/// row-major, one per bone, stacked (<c>bones × 16</c>); the pose is a 3 × (bones + 3) matrix stored column after
/// column; mesh positions are stored vertex after vertex (<c>x, y, z</c>); triangles are three vertex indices each,
/// one after the other. Index data (bone parents, correspondences, triangles) are <c>int[]</c>: never differentiated.
/// </remarks>
internal static partial class HtModel
{
    /// <summary>The number of pose parameters.</summary>
    public const int ThetaCount = 26;

    /// <summary>
    /// Spreads the 26 parameters over the 3 × (bones + 3) pose matrix: global rotation, scale (1), global
    /// translation, then Euler angles per bone (two for a finger's base joint, one for each of its other
    /// two joints; the wrist, the fingertips and the forearm stay at 0).
    /// </summary>
    /// <param name="theta">The 26 parameters.</param>
    /// <param name="pose">The pose matrix, column after column.</param>
    [Differentiable]
    public static void PoseParameters(ReadOnlySpan<double> theta, Span<double> pose)
    {
        for (int k = 0; k < pose.Length; k++)
        {
            pose[k] = 0;
        }

        for (int row = 0; row < 3; row++)
        {
            pose[row] = theta[row];
            pose[3 + row] = 1;
            pose[6 + row] = theta[3 + row];
        }

        int next = 6;
        int column = 5;
        for (int finger = 0; finger < 5; finger++)
        {
            for (int joint = 2; joint <= 4; joint++)
            {
                pose[3 * column] = theta[next];
                next++;
                if (joint == 2)
                {
                    pose[3 * column + 1] = theta[next];
                    next++;
                }

                column++;
            }

            column++;
        }
    }

    /// <summary>
    /// The posed mesh: every bone's Euler angles rotate its base relative transform, relatives chain into
    /// absolute transforms along the bone tree, vertices are blended from the bones' transforms by the skinning
    /// weights, mirrored if asked, then rotated (angle-axis), scaled and translated globally.
    /// </summary>
    /// <param name="pose">The pose matrix from <see cref="PoseParameters"/>.</param>
    /// <param name="parents">Each bone's parent (−1 for the root; parents come before children).</param>
    /// <param name="baseRelatives">Each bone's rest transform relative to its parent, <c>bones × 16</c>.</param>
    /// <param name="inverseBaseAbsolutes">Each bone's inverse absolute rest transform, <c>bones × 16</c>.</param>
    /// <param name="basePositions">Rest positions, <c>vertices × 4</c> (homogeneous).</param>
    /// <param name="weights">Skinning weights, <c>vertices × bones</c>.</param>
    /// <param name="isMirrored">Whether to mirror the x axis.</param>
    /// <param name="positions">The posed positions, <c>vertices × 3</c>.</param>
    [Differentiable]
    public static void SkinnedPositions(
        ReadOnlySpan<double> pose,
        int[] parents,
        [NonDifferentiable] ReadOnlySpan<double> baseRelatives,
        [NonDifferentiable] ReadOnlySpan<double> inverseBaseAbsolutes,
        [NonDifferentiable] double[,] basePositions,
        [NonDifferentiable] double[,] weights,
        bool isMirrored,
        Span<double> positions)
    {
        int boneCount = parents.Length;
        int vertexCount = basePositions.GetLength(0);
        double[] rotation = new double[9];
        double[] relatives = new double[16 * boneCount];
        double[] absolutes = new double[16 * boneCount];
        double[] transforms = new double[16 * boneCount];

        for (int bone = 0; bone < boneCount; bone++)
        {
            // Euler angles stored (x, z, y): R = Rz·Ry·Rx.
            int column = 3 * (bone + 3);
            double cosX = Math.Cos(pose[column]);
            double sinX = Math.Sin(pose[column]);
            double cosZ = Math.Cos(pose[column + 1]);
            double sinZ = Math.Sin(pose[column + 1]);
            double cosY = Math.Cos(pose[column + 2]);
            double sinY = Math.Sin(pose[column + 2]);

            // Ry·Rx, row by row, then Rz·(Ry·Rx).
            double a00 = cosY;
            double a01 = sinY * sinX;
            double a02 = sinY * cosX;
            double a11 = cosX;
            double a12 = -sinX;
            double a20 = -sinY;
            double a21 = cosY * sinX;
            double a22 = cosY * cosX;
            rotation[0] = cosZ * a00;
            rotation[1] = cosZ * a01 - sinZ * a11;
            rotation[2] = cosZ * a02 - sinZ * a12;
            rotation[3] = sinZ * a00;
            rotation[4] = sinZ * a01 + cosZ * a11;
            rotation[5] = sinZ * a02 + cosZ * a12;
            rotation[6] = a20;
            rotation[7] = a21;
            rotation[8] = a22;

            // relative = baseRelative · [R 0; 0 1]
            int m = 16 * bone;
            for (int r = 0; r < 4; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    relatives[m + 4 * r + c] = baseRelatives[m + 4 * r] * rotation[c]
                        + baseRelatives[m + 4 * r + 1] * rotation[3 + c]
                        + baseRelatives[m + 4 * r + 2] * rotation[6 + c];
                }

                relatives[m + 4 * r + 3] = baseRelatives[m + 4 * r + 3];
            }

            // absolute = absolute(parent) · relative
            int parent = parents[bone];
            if (parent < 0)
            {
                for (int k = 0; k < 16; k++)
                {
                    absolutes[m + k] = relatives[m + k];
                }
            }
            else
            {
                int p = 16 * parent;
                for (int r = 0; r < 4; r++)
                {
                    for (int c = 0; c < 4; c++)
                    {
                        double sum = 0;
                        for (int k = 0; k < 4; k++)
                        {
                            sum += absolutes[p + 4 * r + k] * relatives[m + 4 * k + c];
                        }

                        absolutes[m + 4 * r + c] = sum;
                    }
                }
            }

            // transform = absolute · inverseBaseAbsolute
            for (int r = 0; r < 4; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    double sum = 0;
                    for (int k = 0; k < 4; k++)
                    {
                        sum += absolutes[m + 4 * r + k] * inverseBaseAbsolutes[m + 4 * k + c];
                    }

                    transforms[m + 4 * r + c] = sum;
                }
            }
        }

        // Linear blend skinning.
        for (int v = 0; v < vertexCount; v++)
        {
            double x = 0;
            double y = 0;
            double z = 0;
            for (int bone = 0; bone < boneCount; bone++)
            {
                // A vertex is bound to a few bones (1.7 on average in the eval's hand models): skip the others.
                double w = weights[v, bone];
                if (w == 0)
                {
                    continue;
                }

                int m = 16 * bone;
                for (int k = 0; k < 4; k++)
                {
                    double b = basePositions[v, k];
                    x += w * transforms[m + k] * b;
                    y += w * transforms[m + 4 + k] * b;
                    z += w * transforms[m + 8 + k] * b;
                }
            }

            positions[3 * v] = isMirrored ? -x : x;
            positions[3 * v + 1] = y;
            positions[3 * v + 2] = z;
        }

        // Global rotation (angle-axis, identity for tiny angles), scaled per column by pose column 1.
        double ax = pose[0];
        double ay = pose[1];
        double az = pose[2];
        double norm = Math.Sqrt(ax * ax + ay * ay + az * az);
        if (norm < 0.0001)
        {
            rotation[0] = 1;
            rotation[1] = 0;
            rotation[2] = 0;
            rotation[3] = 0;
            rotation[4] = 1;
            rotation[5] = 0;
            rotation[6] = 0;
            rotation[7] = 0;
            rotation[8] = 1;
        }
        else
        {
            double ux = ax / norm;
            double uy = ay / norm;
            double uz = az / norm;
            double s = Math.Sin(norm);
            double c = Math.Cos(norm);
            rotation[0] = ux * ux + (1 - ux * ux) * c;
            rotation[1] = ux * uy * (1 - c) - uz * s;
            rotation[2] = ux * uz * (1 - c) + uy * s;
            rotation[3] = ux * uy * (1 - c) + uz * s;
            rotation[4] = uy * uy + (1 - uy * uy) * c;
            rotation[5] = uy * uz * (1 - c) - ux * s;
            rotation[6] = ux * uz * (1 - c) - uy * s;
            rotation[7] = uz * uy * (1 - c) + ux * s;
            rotation[8] = uz * uz + (1 - uz * uz) * c;
        }

        for (int v = 0; v < vertexCount; v++)
        {
            double x = positions[3 * v] * pose[3];
            double y = positions[3 * v + 1] * pose[4];
            double z = positions[3 * v + 2] * pose[5];
            positions[3 * v] = rotation[0] * x + rotation[1] * y + rotation[2] * z + pose[6];
            positions[3 * v + 1] = rotation[3] * x + rotation[4] * y + rotation[5] * z + pose[7];
            positions[3 * v + 2] = rotation[6] * x + rotation[7] * y + rotation[8] * z + pose[8];
        }
    }

    /// <summary>The "simple" objective: observed point minus the posed vertex it corresponds to.</summary>
    /// <param name="theta">The 26 pose parameters.</param>
    /// <param name="parents">Each bone's parent.</param>
    /// <param name="baseRelatives">Rest relative transforms, <c>bones × 16</c>.</param>
    /// <param name="inverseBaseAbsolutes">Inverse absolute rest transforms, <c>bones × 16</c>.</param>
    /// <param name="basePositions">Rest positions, <c>vertices × 4</c>.</param>
    /// <param name="weights">Skinning weights, <c>vertices × bones</c>.</param>
    /// <param name="isMirrored">Whether to mirror the x axis.</param>
    /// <param name="correspondences">The vertex of each observed point.</param>
    /// <param name="points">The observed points, <c>points × 3</c>.</param>
    /// <param name="error">The errors, <c>points × 3</c>.</param>
    /// <param name="positions">The posed mesh the points are compared with, <c>vertices × 3</c> (caller-provided, so that
    /// repeated evaluations allocate no mesh-sized arrays).</param>
    [Differentiable]
    public static void SimpleObjective(
        ReadOnlySpan<double> theta,
        int[] parents,
        [NonDifferentiable] ReadOnlySpan<double> baseRelatives,
        [NonDifferentiable] ReadOnlySpan<double> inverseBaseAbsolutes,
        [NonDifferentiable] double[,] basePositions,
        [NonDifferentiable] double[,] weights,
        bool isMirrored,
        int[] correspondences,
        [NonDifferentiable] double[,] points,
        Span<double> error,
        Span<double> positions)
    {
        double[] pose = new double[3 * (parents.Length + 3)];
        PoseParameters(theta, pose);
        SkinnedPositions(pose, parents, baseRelatives, inverseBaseAbsolutes, basePositions, weights, isMirrored, positions);
        for (int i = 0; i < correspondences.Length; i++)
        {
            int vertex = correspondences[i];
            for (int j = 0; j < 3; j++)
            {
                error[3 * i + j] = points[i, j] - positions[3 * vertex + j];
            }
        }
    }

    /// <summary>
    /// The "complicated" objective: observed point minus the point of the posed triangle it corresponds to, at
    /// barycentric coordinates <c>(u0, u1, 1 − u0 − u1)</c>.
    /// </summary>
    /// <param name="theta">The 26 pose parameters.</param>
    /// <param name="us">The two barycentric coordinates of each observed point, <c>points × 2</c>.</param>
    /// <param name="parents">Each bone's parent.</param>
    /// <param name="baseRelatives">Rest relative transforms, <c>bones × 16</c>.</param>
    /// <param name="inverseBaseAbsolutes">Inverse absolute rest transforms, <c>bones × 16</c>.</param>
    /// <param name="basePositions">Rest positions, <c>vertices × 4</c>.</param>
    /// <param name="weights">Skinning weights, <c>vertices × bones</c>.</param>
    /// <param name="isMirrored">Whether to mirror the x axis.</param>
    /// <param name="correspondences">The triangle of each observed point.</param>
    /// <param name="triangles">The three vertices of each triangle, <c>triangles × 3</c> row-major.</param>
    /// <param name="points">The observed points, <c>points × 3</c>.</param>
    /// <param name="error">The errors, <c>points × 3</c>.</param>
    /// <param name="positions">The posed mesh the points are compared with, <c>vertices × 3</c> (caller-provided, so that
    /// repeated evaluations allocate no mesh-sized arrays).</param>
    [Differentiable]
    public static void ComplicatedObjective(
        ReadOnlySpan<double> theta,
        ReadOnlySpan<double> us,
        int[] parents,
        [NonDifferentiable] ReadOnlySpan<double> baseRelatives,
        [NonDifferentiable] ReadOnlySpan<double> inverseBaseAbsolutes,
        [NonDifferentiable] double[,] basePositions,
        [NonDifferentiable] double[,] weights,
        bool isMirrored,
        int[] correspondences,
        int[] triangles,
        [NonDifferentiable] double[,] points,
        Span<double> error,
        Span<double> positions)
    {
        double[] pose = new double[3 * (parents.Length + 3)];
        PoseParameters(theta, pose);
        SkinnedPositions(pose, parents, baseRelatives, inverseBaseAbsolutes, basePositions, weights, isMirrored, positions);
        for (int i = 0; i < correspondences.Length; i++)
        {
            int triangle = correspondences[i];
            int v0 = triangles[3 * triangle];
            int v1 = triangles[3 * triangle + 1];
            int v2 = triangles[3 * triangle + 2];
            double u0 = us[2 * i];
            double u1 = us[2 * i + 1];
            for (int j = 0; j < 3; j++)
            {
                double onTriangle = u0 * positions[3 * v0 + j] + u1 * positions[3 * v1 + j] + (1 - u0 - u1) * positions[3 * v2 + j];
                error[3 * i + j] = points[i, j] - onTriangle;
            }
        }
    }

    /// <summary>Forward mode: one column of the simple objective's Jacobian per tangent of theta.</summary>
    /// <param name="theta">The 26 pose parameters.</param>
    /// <param name="parents">Each bone's parent.</param>
    /// <param name="baseRelatives">Rest relative transforms.</param>
    /// <param name="inverseBaseAbsolutes">Inverse absolute rest transforms.</param>
    /// <param name="basePositions">Rest positions.</param>
    /// <param name="weights">Skinning weights.</param>
    /// <param name="isMirrored">Whether to mirror the x axis.</param>
    /// <param name="correspondences">The vertex of each observed point.</param>
    /// <param name="points">The observed points.</param>
    /// <param name="error">Receives the errors.</param>
    /// <param name="positions">Receives the posed mesh.</param>
    /// <param name="dTheta">The tangent of theta.</param>
    /// <param name="dError">Receives the tangent of the errors.</param>
    /// <param name="dPositions">Receives the tangent of the posed mesh.</param>
    [Jvp(nameof(SimpleObjective))]
    public static partial void SimpleObjectiveJvp(
        ReadOnlySpan<double> theta,
        int[] parents,
        ReadOnlySpan<double> baseRelatives,
        ReadOnlySpan<double> inverseBaseAbsolutes,
        double[,] basePositions,
        double[,] weights,
        bool isMirrored,
        int[] correspondences,
        double[,] points,
        Span<double> error,
        Span<double> positions,
        ReadOnlySpan<double> dTheta,
        Span<double> dError,
        Span<double> dPositions);

    /// <summary>Forward mode: one column (or, for <c>us</c>, a compressed column) of the complicated objective's Jacobian per tangent.</summary>
    /// <param name="theta">The 26 pose parameters.</param>
    /// <param name="us">The barycentric coordinates.</param>
    /// <param name="parents">Each bone's parent.</param>
    /// <param name="baseRelatives">Rest relative transforms.</param>
    /// <param name="inverseBaseAbsolutes">Inverse absolute rest transforms.</param>
    /// <param name="basePositions">Rest positions.</param>
    /// <param name="weights">Skinning weights.</param>
    /// <param name="isMirrored">Whether to mirror the x axis.</param>
    /// <param name="correspondences">The triangle of each observed point.</param>
    /// <param name="triangles">The vertices of each triangle.</param>
    /// <param name="points">The observed points.</param>
    /// <param name="error">Receives the errors.</param>
    /// <param name="positions">Receives the posed mesh.</param>
    /// <param name="dTheta">The tangent of theta.</param>
    /// <param name="dUs">The tangent of us.</param>
    /// <param name="dError">Receives the tangent of the errors.</param>
    /// <param name="dPositions">Receives the tangent of the posed mesh.</param>
    [Jvp(nameof(ComplicatedObjective))]
    public static partial void ComplicatedObjectiveJvp(
        ReadOnlySpan<double> theta,
        ReadOnlySpan<double> us,
        int[] parents,
        ReadOnlySpan<double> baseRelatives,
        ReadOnlySpan<double> inverseBaseAbsolutes,
        double[,] basePositions,
        double[,] weights,
        bool isMirrored,
        int[] correspondences,
        int[] triangles,
        double[,] points,
        Span<double> error,
        Span<double> positions,
        ReadOnlySpan<double> dTheta,
        ReadOnlySpan<double> dUs,
        Span<double> dError,
        Span<double> dPositions);
}
