namespace DiffOpt.Analyzers.Tests.SolverDeclarations;

/// <summary>The ridge problem of issue 5, written once: an objective, its stationarity condition and a proximal fixed-point map.</summary>
internal static class SolverSources
{
    /// <summary>½‖Xw − y‖² + ½λ‖w‖², with X row-major n × d.</summary>
    public const string Objective = """
            [Differentiable]
            public static double {|DOPT0012:Objective|}(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d)
            {
                double loss = 0;
                for (int i = 0; i < y.Length; i++)
                {
                    double r = -y[i];
                    for (int j = 0; j < d; j++)
                    {
                        r += X[i * d + j] * w[j];
                    }

                    loss += 0.5 * r * r;
                }

                for (int j = 0; j < d; j++)
                {
                    loss += 0.5 * lambda * w[j] * w[j];
                }

                return loss;
            }

        """;

    /// <summary>The gradient of <see cref="Objective"/> in w: Xᵀ(Xw − y) + λw.</summary>
    public const string Stationarity = """
            [Differentiable]
            public static void {|DOPT0012:Stationarity|}(ReadOnlySpan<double> w, double lambda, double[] X, double[] y, int d, Span<double> residual)
            {
                for (int j = 0; j < d; j++)
                {
                    residual[j] = lambda * w[j];
                }

                for (int i = 0; i < y.Length; i++)
                {
                    double r = -y[i];
                    for (int j = 0; j < d; j++)
                    {
                        r += X[i * d + j] * w[j];
                    }

                    for (int j = 0; j < d; j++)
                    {
                        residual[j] += X[i * d + j] * r;
                    }
                }
            }

        """;

    /// <summary>One proximal-gradient step of the lasso with step 1: soft-threshold(w − Xᵀ(Xw − y), α).</summary>
    public const string ProxStep = """
            [Differentiable]
            public static void {|DOPT0012:ProxStep|}(ReadOnlySpan<double> w, double alpha, double[] X, double[] y, int d, Span<double> next)
            {
                for (int j = 0; j < d; j++)
                {
                    double g = 0;
                    for (int i = 0; i < y.Length; i++)
                    {
                        double r = -y[i];
                        for (int k = 0; k < d; k++)
                        {
                            r += X[i * d + k] * w[k];
                        }

                        g += X[i * d + j] * r;
                    }

                    double z = w[j] - g;
                    next[j] = z > alpha ? z - alpha : z < -alpha ? z + alpha : 0;
                }
            }

        """;

    /// <summary>A hand-written solver body: returns a fresh array of length d (what it computes does not matter to the analyzer).</summary>
    public const string HandWrittenBody = """
            {
                var w = w0.ToArray();
                return w;
            }
        """;

    /// <summary><paramref name="members"/> in a static partial class <c>Ridge</c>, with the usings a solver file needs.</summary>
    public static string InRidge(string members) => $$"""
        using System;
        using DiffOpt;
        using DiffOpt.Solvers;

        public static partial class Ridge
        {
        {{members}}
        }
        """;
}
