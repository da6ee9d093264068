using DiffOpt;

namespace GpuBatch;

/// <summary>
/// Himmelblau's function, f(x, y) = (x² + y − 11)² + (x + y² − 7)²: four global minima, all with f = 0, at (3, 2),
/// (−2.805118, 3.131312), (−3.779310, −3.283186) and (3.584428, −1.848126), and a local maximum at (−0.270845, −0.923039).
/// </summary>
public static partial class Himmelblau
{
    [Differentiable]
    public static double F(double x, double y) => (x * x + y - 11) * (x * x + y - 11) + (x + y * y - 7) * (x + y * y - 7);

    // Generates ValueKernel/GradientKernel/JvpKernel and the Value/Gradient/Jvp launchers.
    [Kernel(nameof(F))]
    public static partial class Kernels;
}
