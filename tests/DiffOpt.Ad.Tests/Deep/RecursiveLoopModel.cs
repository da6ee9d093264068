namespace DiffOpt.AdTests.Deep;

/// <summary>Recursion whose every level loops (so every level's pullback holds a tape while the next runs).</summary>
public static partial class RecursiveLoopModel
{
    /// <summary>Level ℓ: Σᵢ sin(x[i] + ℓ) times level ℓ − 1, down to 1.</summary>
    [Differentiable]
    public static double Levels(ReadOnlySpan<double> x, int depth)
    {
        if (depth == 0)
        {
            return 1.0;
        }

        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Sin(x[i] + depth) * 0.5;
        }

        return s * Levels(x, depth - 1);
    }

    [Gradient(nameof(Levels))]
    public static partial double LevelsGradient(ReadOnlySpan<double> x, int depth, Span<double> dX);
}

/// <summary>Values that only feed comparisons (a nearest-centre search) and calls under StopGradient.</summary>
public static partial class SearchModel
{
    /// <summary>Σᵢ (xᵢ − c[nearest(xᵢ)])², the nearest centre found by comparing squared distances.</summary>
    [Differentiable]
    public static double NearestCentreCost(ReadOnlySpan<double> points, ReadOnlySpan<double> centres)
    {
        double cost = 0.0;
        for (int i = 0; i < points.Length; i++)
        {
            double best = double.MaxValue;
            int closest = 0;
            for (int j = 0; j < centres.Length; j++)
            {
                double distance = (points[i] - centres[j]) * (points[i] - centres[j]);
                if (distance < best)
                {
                    best = distance;
                    closest = j;
                }
            }

            double e = points[i] - centres[closest];
            cost += e * e;
        }

        return cost;
    }

    [Gradient(nameof(NearestCentreCost))]
    public static partial double NearestCentreCostGradient(ReadOnlySpan<double> points, ReadOnlySpan<double> centres, Span<double> dCentres);

    [Differentiable]
    public static double Maximum(ReadOnlySpan<double> x)
    {
        double m = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            m = Math.Max(m, x[i]);
        }

        return m;
    }

    /// <summary>Log-sum-exp shifted by a maximum that carries no derivative (the result does not depend on the shift).</summary>
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        double a = Ad.StopGradient(Maximum(x));
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Exp(x[i] - a);
        }

        return Math.Log(s) + a;
    }

    [Gradient(nameof(LogSumExp))]
    public static partial double LogSumExpGradient(ReadOnlySpan<double> x, Span<double> dX);
}

/// <summary>Forward mode over values that only feed comparisons.</summary>
public static partial class ComparisonOnlyModel
{
    [Differentiable]
    public static void Scale(ReadOnlySpan<double> x, double a, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = a * x[i];
        }
    }

    /// <summary>The scaled copy only selects terms: it is varied (it depends on x and a) but not useful.</summary>
    [Differentiable]
    public static double SelectedSquares(ReadOnlySpan<double> x, double a)
    {
        double[] t = new double[x.Length];
        Scale(x, a, t);
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            if (t[i] > 0.0)
            {
                s += x[i] * x[i] * a;
            }
        }

        return s;
    }

    [Gradient(nameof(SelectedSquares))]
    public static partial double SelectedSquaresGradient(ReadOnlySpan<double> x, double a, Span<double> dX, out double dA);

    [Jvp(nameof(SelectedSquares))]
    public static partial double SelectedSquaresJvp(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> dX, double dA, out double dResult);
}

/// <summary>Forward mode through the nearest-centre search.</summary>
public static partial class SearchModel
{
    [Jvp(nameof(NearestCentreCost))]
    public static partial double NearestCentreCostJvp(ReadOnlySpan<double> points, ReadOnlySpan<double> centres, ReadOnlySpan<double> dCentres, out double dResult);
}
