using DiffOpt;

namespace DiffOpt.GradBench.Modules.Ba;

/// <summary>
/// The bundle-adjustment residuals of GradBench's <c>ba</c> eval (ADBench's camera model): one observation of a
/// 3-D point by a camera gives a weighted 2-D reprojection error, and every observation's weight gives a
/// regularisation error. Written as plain differentiable C#; the derivatives are DiffOpt-generated.
/// </summary>
/// <remarks>
/// The camera has 11 parameters <c>[r1 r2 r3 C1 C2 C3 f u0 v0 k1 k2]</c>: an angle-axis rotation (Rodrigues'
/// formula), the camera centre, the focal length, the principal point and two radial-distortion coefficients
/// (Triggs et al., "Bundle Adjustment — A Modern Synthesis", 1999; the model of Agarwal et al.'s "Bundle
/// Adjustment in the Large" data sets).
/// </remarks>
internal static partial class BaModel
{
    /// <summary>Parameters per camera.</summary>
    public const int CameraParameterCount = 11;

    /// <summary>
    /// The reprojection error of one observation: <c>weight · (project(camera, point) − feature)</c>.
    /// </summary>
    /// <param name="camera">The 11 camera parameters.</param>
    /// <param name="point">The 3-D point.</param>
    /// <param name="weight">The observation's weight.</param>
    /// <param name="featureX">The observed feature's x coordinate (data).</param>
    /// <param name="featureY">The observed feature's y coordinate (data).</param>
    /// <param name="error">The two error components.</param>
    [Differentiable]
    public static void ReprojectionError(
        ReadOnlySpan<double> camera,
        ReadOnlySpan<double> point,
        double weight,
        [NonDifferentiable] double featureX,
        [NonDifferentiable] double featureY,
        Span<double> error)
    {
        // The point relative to the camera centre.
        double px = point[0] - camera[3];
        double py = point[1] - camera[4];
        double pz = point[2] - camera[5];

        // Rotate it by the angle-axis vector (r1, r2, r3): Rodrigues' formula, or its first-order form at angle 0.
        double rx = camera[0];
        double ry = camera[1];
        double rz = camera[2];
        double thetaSquared = rx * rx + ry * ry + rz * rz;
        double cx;
        double cy;
        double cz;
        if (thetaSquared != 0)
        {
            double theta = Math.Sqrt(thetaSquared);
            double cosTheta = Math.Cos(theta);
            double sinTheta = Math.Sin(theta);
            double wx = rx / theta;
            double wy = ry / theta;
            double wz = rz / theta;
            double crossX = wy * pz - wz * py;
            double crossY = wz * px - wx * pz;
            double crossZ = wx * py - wy * px;
            double along = (wx * px + wy * py + wz * pz) * (1 - cosTheta);
            cx = px * cosTheta + crossX * sinTheta + wx * along;
            cy = py * cosTheta + crossY * sinTheta + wy * along;
            cz = pz * cosTheta + crossZ * sinTheta + wz * along;
        }
        else
        {
            cx = px + (ry * pz - rz * py);
            cy = py + (rz * px - rx * pz);
            cz = pz + (rx * py - ry * px);
        }

        // Perspective division, radial distortion, focal length and principal point.
        double u = cx / cz;
        double v = cy / cz;
        double radiusSquared = u * u + v * v;
        double distortion = 1 + camera[9] * radiusSquared + camera[10] * radiusSquared * radiusSquared;
        double projectedX = u * distortion * camera[6] + camera[7];
        double projectedY = v * distortion * camera[6] + camera[8];

        error[0] = weight * (projectedX - featureX);
        error[1] = weight * (projectedY - featureY);
    }

    /// <summary>Reverse mode: one row of the 2 × 15 Jacobian block of an observation per cotangent.</summary>
    /// <param name="camera">The 11 camera parameters.</param>
    /// <param name="point">The 3-D point.</param>
    /// <param name="weight">The observation's weight.</param>
    /// <param name="featureX">The observed feature's x coordinate.</param>
    /// <param name="featureY">The observed feature's y coordinate.</param>
    /// <param name="error">Receives the two error components.</param>
    /// <param name="dCamera">Receives <c>Jᵀ·dError</c> for the camera (overwritten).</param>
    /// <param name="dPoint">Receives <c>Jᵀ·dError</c> for the point (overwritten).</param>
    /// <param name="dWeight">Receives <c>Jᵀ·dError</c> for the weight.</param>
    /// <param name="dError">The cotangent of the error.</param>
    [Vjp(nameof(ReprojectionError))]
    public static partial void ReprojectionErrorVjp(
        ReadOnlySpan<double> camera,
        ReadOnlySpan<double> point,
        double weight,
        double featureX,
        double featureY,
        Span<double> error,
        Span<double> dCamera,
        Span<double> dPoint,
        out double dWeight,
        ReadOnlySpan<double> dError);

    /// <summary>The weight regularisation error <c>1 − w²</c> of one observation.</summary>
    /// <param name="weight">The observation's weight.</param>
    /// <returns>The error.</returns>
    [Differentiable]
    public static double WeightError(double weight) => 1 - weight * weight;

    /// <summary>The weight error and its derivative.</summary>
    /// <param name="weight">The observation's weight.</param>
    /// <param name="dWeight">Receives the derivative.</param>
    /// <returns>The error.</returns>
    [Gradient(nameof(WeightError))]
    public static partial double WeightErrorGradient(double weight, out double dWeight);
}
