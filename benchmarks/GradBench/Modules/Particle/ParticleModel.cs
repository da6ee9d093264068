using DiffOpt;

namespace DiffOpt.GradBench.Modules.Particle;

/// <summary>
/// The charged-particle problem of GradBench's <c>particle</c> eval (Pearlmutter and Siskind, "Using Programming
/// Language Theory to Make Automatic Differentiation Sound and Efficient", 2008): a particle starting at (0, 8) with
/// velocity (0.75, 0) moves under the force −∇p of the potential p(x) = Σ 1/‖x − charge‖ of two fixed charges at
/// (10, 10 − w) and (10, 0), integrated by Euler's method with step 0.1 until it crosses the x axis; the cost is the
/// squared x coordinate of the crossing, found by linear interpolation. The force is the generated gradient of the
/// potential, called from differentiable code, so the derivative of the cost in w is a nested derivative (the
/// potential's Hessian, by forward over reverse, inside the trajectory's reverse or forward sweep).
/// </summary>
internal static partial class ParticleModel
{
    /// <summary>The potential of unit charges at the points <paramref name="charges"/> (x, y pairs) at the position <paramref name="x"/>.</summary>
    /// <param name="charges">The charges' positions, two coordinates each.</param>
    /// <param name="x">The position.</param>
    /// <returns>Σ 1/‖x − charge‖.</returns>
    [Differentiable]
    public static double Potential(ReadOnlySpan<double> charges, ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int k = 0; k < charges.Length; k += 2)
        {
            double dx = charges[k] - x[0];
            double dy = charges[k + 1] - x[1];
            sum += 1 / Math.Sqrt(dx * dx + dy * dy);
        }

        return sum;
    }

    /// <summary>The potential and its gradient in the position (reverse mode).</summary>
    /// <param name="charges">The charges' positions.</param>
    /// <param name="x">The position.</param>
    /// <param name="dX">Receives ∇ₓp.</param>
    /// <returns>The potential.</returns>
    [Gradient(nameof(Potential))]
    public static partial double PotentialGradient(ReadOnlySpan<double> charges, ReadOnlySpan<double> x, Span<double> dX);

    /// <summary>The cost of the control <paramref name="w"/>: the squared x coordinate where the trajectory crosses the x axis.</summary>
    /// <param name="w">The control: the first charge sits at (10, 10 − w).</param>
    /// <returns>x(t_f)².</returns>
    [Differentiable]
    public static double Cost(double w)
    {
        double[] charges = new double[4];
        charges[0] = 10;
        charges[1] = 10 - w;
        charges[2] = 10;
        charges[3] = 0;
        double[] x = new double[2];
        x[0] = 0;
        x[1] = 8;
        double velocityX = 0.75;
        double velocityY = 0;
        double[] gradient = new double[2];
        const double DeltaT = 0.1;
        while (true)
        {
            // The acceleration is the force −∇p (unit mass and charge).
            PotentialGradient(charges, x, gradient);
            double accelerationX = -gradient[0];
            double accelerationY = -gradient[1];
            x[0] += DeltaT * velocityX;
            x[1] += DeltaT * velocityY;
            if (x[1] <= 0)
            {
                // Interpolate linearly back to the crossing of the x axis.
                double deltaTFinal = -x[1] / velocityY;
                double crossing = x[0] + deltaTFinal * velocityX;
                return crossing * crossing;
            }

            velocityX += DeltaT * accelerationX;
            velocityY += DeltaT * accelerationY;
        }
    }

    /// <summary>The cost and its derivative in w by reverse mode (over the potential's reverse-mode gradient).</summary>
    /// <param name="w">The control.</param>
    /// <param name="dW">Receives the derivative.</param>
    /// <returns>The cost.</returns>
    [Gradient(nameof(Cost))]
    public static partial double CostGradient(double w, out double dW);

    /// <summary>The cost and its derivative in w by forward mode (over the potential's reverse-mode gradient).</summary>
    /// <param name="w">The control.</param>
    /// <param name="dW">The tangent of w.</param>
    /// <param name="dResult">Receives the tangent of the cost.</param>
    /// <returns>The cost.</returns>
    [Jvp(nameof(Cost))]
    public static partial double CostJvp(double w, double dW, out double dResult);
}
