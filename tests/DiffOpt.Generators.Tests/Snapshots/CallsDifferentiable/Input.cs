// A differentiable method that calls another one of the same type and one of another type: the chain rule
// goes through the callees' generated pullback/pushforward helpers.
using System;
using DiffOpt;

namespace Snapshots.CallsDifferentiable;

public static partial class Activations
{
    [Differentiable]
    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));
}

public static partial class Network
{
    [Differentiable]
    public static double Neuron(double w, double b, double x) => Activations.Sigmoid(w * x + b);

    [Differentiable]
    public static double Loss(double w, double b, double x, double target)
    {
        double error = Neuron(w, b, x) - target;
        return 0.5 * error * error;
    }

    [Gradient(nameof(Loss))]
    public static partial double LossGradient(double w, double b, double x, double target, out double dw, out double db);
}
