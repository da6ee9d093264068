namespace DiffOpt.GradBench.Modules.Ba;

/// <summary>
/// A bundle-adjustment problem as GradBench's <c>ba</c> eval defines it: one camera, one point, one weight and one
/// feature, replicated to <c>n</c> cameras, <c>m</c> points and <c>p</c> observations, observation <c>i</c> seeing
/// point <c>i mod m</c> from camera <c>i mod n</c>. The replication is only a way to ship a large problem in a small
/// message: every observation is computed, none is assumed equal to another.
/// </summary>
internal sealed class BaProblem
{
    /// <summary>Creates the replicated problem.</summary>
    /// <param name="cameraCount">The number of cameras <c>n</c>.</param>
    /// <param name="pointCount">The number of points <c>m</c>.</param>
    /// <param name="observationCount">The number of observations <c>p</c>.</param>
    /// <param name="camera">One camera's 11 parameters.</param>
    /// <param name="point">One 3-D point.</param>
    /// <param name="weight">One observation weight.</param>
    /// <param name="feature">One 2-D feature.</param>
    public BaProblem(int cameraCount, int pointCount, int observationCount, ReadOnlySpan<double> camera, ReadOnlySpan<double> point, double weight, ReadOnlySpan<double> feature)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cameraCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pointCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationCount, 1);
        if (camera.Length != BaModel.CameraParameterCount)
        {
            throw new ArgumentException($"a camera has {BaModel.CameraParameterCount} parameters, got {camera.Length}", nameof(camera));
        }

        if (point.Length != 3)
        {
            throw new ArgumentException($"a point has 3 coordinates, got {point.Length}", nameof(point));
        }

        if (feature.Length != 2)
        {
            throw new ArgumentException($"a feature has 2 coordinates, got {feature.Length}", nameof(feature));
        }

        CameraCount = cameraCount;
        PointCount = pointCount;
        ObservationCount = observationCount;
        Cameras = new double[BaModel.CameraParameterCount * cameraCount];
        Points = new double[3 * pointCount];
        Weights = new double[observationCount];
        Observations = new int[2 * observationCount];
        Features = new double[2 * observationCount];
        for (int i = 0; i < cameraCount; i++)
        {
            camera.CopyTo(Cameras.AsSpan(BaModel.CameraParameterCount * i));
        }

        for (int i = 0; i < pointCount; i++)
        {
            point.CopyTo(Points.AsSpan(3 * i));
        }

        for (int i = 0; i < observationCount; i++)
        {
            Weights[i] = weight;
            Observations[2 * i] = i % cameraCount;
            Observations[(2 * i) + 1] = i % pointCount;
            Features[2 * i] = feature[0];
            Features[(2 * i) + 1] = feature[1];
        }
    }

    /// <summary>The number of cameras <c>n</c>.</summary>
    public int CameraCount { get; }

    /// <summary>The number of points <c>m</c>.</summary>
    public int PointCount { get; }

    /// <summary>The number of observations <c>p</c>.</summary>
    public int ObservationCount { get; }

    /// <summary>The cameras, 11 parameters each.</summary>
    public double[] Cameras { get; }

    /// <summary>The points, 3 coordinates each.</summary>
    public double[] Points { get; }

    /// <summary>The observation weights.</summary>
    public double[] Weights { get; }

    /// <summary>Per observation, its camera and its point.</summary>
    public int[] Observations { get; }

    /// <summary>Per observation, the observed feature (x, y).</summary>
    public double[] Features { get; }

    /// <summary>The camera parameters observation <paramref name="i"/> uses.</summary>
    public ReadOnlySpan<double> CameraOf(int i) => Cameras.AsSpan(BaModel.CameraParameterCount * Observations[2 * i], BaModel.CameraParameterCount);

    /// <summary>The point observation <paramref name="i"/> sees.</summary>
    public ReadOnlySpan<double> PointOf(int i) => Points.AsSpan(3 * Observations[(2 * i) + 1], 3);

    /// <summary>The objective: every observation's reprojection error (2 each) and weight error (1 each).</summary>
    /// <param name="reprojectionError">Receives <c>2·p</c> values.</param>
    /// <param name="weightError">Receives <c>p</c> values.</param>
    public void Objective(Span<double> reprojectionError, Span<double> weightError)
    {
        for (int i = 0; i < ObservationCount; i++)
        {
            BaModel.ReprojectionError(CameraOf(i), PointOf(i), Weights[i], Features[2 * i], Features[(2 * i) + 1], reprojectionError.Slice(2 * i, 2));
        }

        for (int i = 0; i < ObservationCount; i++)
        {
            weightError[i] = BaModel.WeightError(Weights[i]);
        }
    }

    /// <summary>
    /// The Jacobian of the objective in (cameras, points, weights). Each observation's reprojection error depends on
    /// 15 inputs (its camera, its point, its weight) and has 2 components, so its 2 × 15 block is computed in reverse
    /// mode: two generated VJPs, one per row (forward mode would need 15 JVPs). The weight error's derivative comes
    /// from the generated gradient of <see cref="BaModel.WeightError"/>.
    /// </summary>
    /// <param name="jacobian">Receives the sparse Jacobian.</param>
    public void Jacobian(BaSparseJacobian jacobian)
    {
        Span<double> error = stackalloc double[2];
        Span<double> cotangent = stackalloc double[2];
        Span<double> dCamera = stackalloc double[BaModel.CameraParameterCount];
        Span<double> dPoint = stackalloc double[3];
        jacobian.Clear();
        for (int i = 0; i < ObservationCount; i++)
        {
            for (int row = 0; row < 2; row++)
            {
                cotangent[row] = 1;
                cotangent[1 - row] = 0;
                BaModel.ReprojectionErrorVjp(CameraOf(i), PointOf(i), Weights[i], Features[2 * i], Features[(2 * i) + 1], error, dCamera, dPoint, out double dWeight, cotangent);
                jacobian.AddReprojectionRow(i, Observations[2 * i], Observations[(2 * i) + 1], dCamera, dPoint, dWeight);
            }
        }

        for (int i = 0; i < ObservationCount; i++)
        {
            BaModel.WeightErrorGradient(Weights[i], out double dWeight);
            jacobian.AddWeightRow(i, dWeight);
        }
    }
}
