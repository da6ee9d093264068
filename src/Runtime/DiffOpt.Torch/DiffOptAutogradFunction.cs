using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace DiffOpt.Torch;

/// <summary>
/// The one <c>torch.autograd.Function</c> behind every <see cref="TorchFunctionDefinition"/>: TorchSharp keeps a single
/// shared instance per function class, so everything about a call (the definition, the inputs' CPU copies, shapes,
/// dtypes and devices) travels in the autograd context.
/// </summary>
internal sealed class DiffOptAutogradFunction : autograd.SingleTensorFunction<DiffOptAutogradFunction>
{
    private const string StateKey = "diffopt";

    public override string Name => "DiffOptFunction";

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var definition = (TorchFunctionDefinition)vars[0];
        var arguments = new Tensor[vars.Length - 1];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = (Tensor)vars[i + 1];
        }

        var layout = BatchLayout.Of(definition, arguments);
        var data = new double[arguments.Length][];
        for (var i = 0; i < arguments.Length; i++)
        {
            data[i] = TensorData.ToDoubles(arguments[i]);
        }

        var items = layout.ItemBuffers(data);
        double[] result;
        long[] shape;
        if (definition.IsScalarValued)
        {
            result = new double[layout.Batch];
            for (long b = 0; b < layout.Batch; b++)
            {
                layout.LoadItem(data, items, b);
                result[b] = definition.ScalarPrimal!(items);
            }

            shape = layout.AnyBatched ? new[] { layout.Batch } : Array.Empty<long>();
        }
        else
        {
            var m = definition.OutputLength;
            result = new double[checked(layout.Batch * m)];
            var output = new double[m];
            for (long b = 0; b < layout.Batch; b++)
            {
                layout.LoadItem(data, items, b);
                Array.Clear(output);
                definition.VectorPrimal!(items, output);
                Array.Copy(output, 0, result, b * m, m);
            }

            shape = layout.AnyBatched ? new[] { layout.Batch, (long)m } : new[] { (long)m };
        }

        var shapes = new long[arguments.Length][];
        var dtypes = new ScalarType[arguments.Length];
        var devices = new Device[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            shapes[i] = arguments[i].shape;
            dtypes[i] = arguments[i].dtype;
            devices[i] = arguments[i].device;
        }

        ctx.save_data(StateKey, new SavedCall(definition, layout, data, shapes, dtypes, devices));
        return TensorData.FromDoubles(result, shape, dtypes[0], devices[0]);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var call = (SavedCall)ctx.get_data(StateKey);
        var definition = call.Definition;
        var layout = call.Layout;
        var seeds = TensorData.ToDoubles(grad_output);
        var kinds = definition.Inputs;
        var count = call.Data.Length;

        // Gradients of shared arguments accumulate over the batch (the pullback adds); batched ones are per item.
        var gradients = new double[count][];
        var itemGradients = new double[count][];
        for (var i = 0; i < count; i++)
        {
            gradients[i] = new double[call.Data[i].Length];
            itemGradients[i] = layout.Batched[i] ? new double[layout.ItemLengths[i]] : gradients[i];
        }

        var items = layout.ItemBuffers(call.Data);
        var m = definition.OutputLength;
        var output = definition.IsScalarValued ? Array.Empty<double>() : new double[m];
        var outputAdjoint = definition.IsScalarValued ? Array.Empty<double>() : new double[m];
        for (long b = 0; b < layout.Batch; b++)
        {
            layout.LoadItem(call.Data, items, b);
            for (var i = 0; i < count; i++)
            {
                if (layout.Batched[i])
                {
                    Array.Clear(itemGradients[i]);
                }
            }

            if (definition.IsScalarValued)
            {
                definition.ScalarPullback!(items, seeds[b], itemGradients);
            }
            else
            {
                Array.Clear(output);
                Array.Copy(seeds, b * m, outputAdjoint, 0, m);
                definition.VectorPullback!(items, output, outputAdjoint, itemGradients);
            }

            for (var i = 0; i < count; i++)
            {
                if (layout.Batched[i])
                {
                    Array.Copy(itemGradients[i], 0, gradients[i], b * layout.ItemLengths[i], layout.ItemLengths[i]);
                }
            }
        }

        // One entry per forward argument: none for the definition, none for constant inputs.
        var result = new List<Tensor> { null! };
        for (var i = 0; i < count; i++)
        {
            result.Add(kinds[i] is TorchInput.ConstantScalar or TorchInput.ConstantVector
                ? null!
                : TensorData.FromDoubles(gradients[i], call.Shapes[i], call.Dtypes[i], call.Devices[i]));
        }

        return result;
    }

    /// <summary>What backward needs from forward.</summary>
    private sealed record SavedCall(TorchFunctionDefinition Definition, BatchLayout Layout, double[][] Data, long[][] Shapes, ScalarType[] Dtypes, Device[] Devices);
}
