using System;
using static TorchSharp.torch;

namespace DiffOpt.Torch;

/// <summary>How the arguments of one call split into items: the batch size, and per argument whether it is batched and its item length.</summary>
internal sealed class BatchLayout
{
    private BatchLayout(long batch, bool anyBatched, bool[] batched, int[] itemLengths)
    {
        Batch = batch;
        AnyBatched = anyBatched;
        Batched = batched;
        ItemLengths = itemLengths;
    }

    /// <summary>The number of items (1 without a batch dimension).</summary>
    public long Batch { get; }

    /// <summary>Whether any argument has a batch dimension (then the result has one too).</summary>
    public bool AnyBatched { get; }

    /// <summary>Per argument: whether it has a batch dimension.</summary>
    public bool[] Batched { get; }

    /// <summary>Per argument: the number of doubles in one item.</summary>
    public int[] ItemLengths { get; }

    public static BatchLayout Of(TorchFunctionDefinition definition, Tensor[] arguments)
    {
        var kinds = definition.Inputs;
        var batched = new bool[arguments.Length];
        var lengths = new int[arguments.Length];
        long batch = -1;
        for (var i = 0; i < arguments.Length; i++)
        {
            var rank = kinds[i] is TorchInput.Vector or TorchInput.ConstantVector ? 1 : 0;
            var dims = arguments[i].dim();
            if (dims != rank && dims != rank + 1)
            {
                throw new ArgumentException(
                    $"{definition.Name}: tensor argument {i} has {dims} dimensions; expected {rank} ({(rank == 0 ? "a scalar" : "a vector")}) or {rank + 1} (with a leading batch dimension).",
                    "arguments");
            }

            batched[i] = dims == rank + 1;
            lengths[i] = rank == 0 ? 1 : checked((int)arguments[i].shape[dims - 1]);
            if (batched[i])
            {
                var size = arguments[i].shape[0];
                if (batch >= 0 && size != batch)
                {
                    throw new ArgumentException($"{definition.Name}: tensor argument {i} has batch size {size}, another argument has {batch}.", "arguments");
                }

                batch = size;
            }
        }

        return new BatchLayout(batch < 0 ? 1 : batch, batch >= 0, batched, lengths);
    }

    /// <summary>The item arrays of one call: views for shared arguments, scratch arrays for batched ones.</summary>
    public double[][] ItemBuffers(double[][] data)
    {
        var items = new double[data.Length][];
        for (var i = 0; i < data.Length; i++)
        {
            items[i] = Batched[i] ? new double[ItemLengths[i]] : data[i];
        }

        return items;
    }

    /// <summary>Copies item <paramref name="index"/> of every batched argument into its scratch array.</summary>
    public void LoadItem(double[][] data, double[][] items, long index)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (Batched[i])
            {
                Array.Copy(data[i], index * ItemLengths[i], items[i], 0, ItemLengths[i]);
            }
        }
    }
}
