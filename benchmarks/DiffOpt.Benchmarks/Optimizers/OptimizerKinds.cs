using DiffOpt.Solvers;

namespace DiffOpt.Benchmarks.Optimizers;

/// <summary>The optimizers compared by <see cref="OptimizerStepBenchmarks"/>, behind one step call.</summary>
public static class OptimizerKinds
{
    public static readonly string[] All = ["Sgd", "Adam", "AdamW", "Lion", "Adam8Bit", "MeZo"];

    // The loss MeZO evaluates is deliberately trivial, so the benchmark times the optimizer's own passes.
    private static readonly LossFunction CheapLoss = x => x[0] * x[0] + x[^1];

    /// <summary>Creates the named optimizer and returns a step action over fixed parameters and gradient.</summary>
    public static (Action Step, Func<long> StateBytes) Create(string kind, double[] parameters, double[] gradient)
    {
        switch (kind)
        {
            case "MeZo":
            {
                var mezo = new MeZo(1e-9);
                return (() => mezo.Step(parameters, CheapLoss), () => mezo.StateBytes);
            }

            default:
            {
                IOptimizer optimizer = kind switch
                {
                    "Sgd" => new Sgd(1e-9, momentum: 0.9),
                    "Adam" => new Adam(1e-9),
                    "AdamW" => new AdamW(1e-9),
                    "Lion" => new Lion(1e-9),
                    "Adam8Bit" => new Adam8Bit(1e-9),
                    _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
                };
                return (() => optimizer.Step(parameters, gradient), () => optimizer.StateBytes);
            }
        }
    }

    /// <summary>Bytes allocated by the first step (when the state is created), measured by the runtime.</summary>
    public static (long Measured, long Reported) MeasureState(string kind, int parameterCount)
    {
        var parameters = new double[parameterCount];
        var gradient = new double[parameterCount];
        for (int i = 0; i < parameterCount; i++)
        {
            gradient[i] = Math.Sin(i);
        }

        // Warm up on a separate instance so one-time costs (static tables, JIT) are not counted; 8192 parameters
        // are enough for Adam8Bit to take its quantized path (and build its quantization maps) here.
        Create(kind, new double[8192], new double[8192]).Step();
        var (step, stateBytes) = Create(kind, parameters, gradient);
        long before = GC.GetAllocatedBytesForCurrentThread();
        step();
        long measured = GC.GetAllocatedBytesForCurrentThread() - before;
        return (measured, stateBytes());
    }

    /// <summary>Bytes allocated per step over <paramref name="steps"/> steady-state steps, on this thread.</summary>
    public static double MeasureSteadyStateAllocation(string kind, int parameterCount, int steps = 10)
    {
        var parameters = new double[parameterCount];
        var gradient = new double[parameterCount];
        var (step, _) = Create(kind, parameters, gradient);
        for (int i = 0; i < 3; i++)
        {
            step(); // the first step allocates the state
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < steps; i++)
        {
            step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return (double)allocated / steps;
    }
}
