using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DiffOpt;

/// <summary>
/// The reverse-mode tape of generated gradients: a stack of the values a loop overwrites that the reverse
/// sweep needs again. One tape serves one derivative call; tapes are pooled per thread, so steady-state calls
/// allocate nothing. Used by generated code; not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Tape
{
    // The largest array .NET allocates is a little under 2^31 elements.
    private const int MaxLength = 1 << 30;

    // Tapes larger than this are not kept for the next call: one huge derivative should not pin its memory.
    private const int MaxCachedLength = 1 << 20;

    // Tapes per thread: a derivative whose reverse sweep calls another looped derivative holds one tape while the
    // callee uses the next, so recursion needs one per level (determinant by minors: one per row). The first few are
    // kept whatever their size; deeper ones only while small, so deep recursion does not pin much memory.
    private const int CachedPerThread = 64;

    private const int CachedAtAnySize = 8;

    private const int MaxDeepCachedLength = 4096;

    [ThreadStatic]
    private static Tape?[]? cached;

    [ThreadStatic]
    private static int cachedCount;

    private double[] doubles;
    private int[] ints;
    private int doubleCount;
    private int intCount;

    private Tape()
    {
        doubles = ArrayPool<double>.Shared.Rent(256);
        ints = ArrayPool<int>.Shared.Rent(256);
    }

    /// <summary>The number of doubles and ints currently stored (for tests of the memory cost).</summary>
    public int Count => doubleCount + intCount;

    /// <summary>The largest number of values this tape has had room for, in bytes.</summary>
    public long CapacityBytes => ((long)doubles.Length * sizeof(double)) + ((long)ints.Length * sizeof(int));

    /// <summary>Takes one of this thread's pooled tapes, or a new one when all are in use.</summary>
    public static Tape Rent()
    {
        if (cachedCount == 0)
        {
            return new Tape();
        }

        var tape = cached![--cachedCount]!;
        cached[cachedCount] = null;
        return tape;
    }

    /// <summary>Gives the tape back to the pool; it must be empty, since every push has its pop.</summary>
    public void Return()
    {
        doubleCount = 0;
        intCount = 0;
        cached ??= new Tape?[CachedPerThread];
        var limit = cachedCount < CachedAtAnySize ? MaxCachedLength : MaxDeepCachedLength;
        if (doubles.Length > limit || ints.Length > limit || cachedCount == CachedPerThread)
        {
            ArrayPool<double>.Shared.Return(doubles);
            ArrayPool<int>.Shared.Return(ints);
            return;
        }

        cached[cachedCount++] = this;
    }

    /// <summary>Saves a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double value)
    {
        if (doubleCount == doubles.Length)
        {
            Grow(ref doubles);
        }

        doubles[doubleCount++] = value;
    }

    /// <summary>Saves an int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(int value)
    {
        if (intCount == ints.Length)
        {
            Grow(ref ints);
        }

        ints[intCount++] = value;
    }

    /// <summary>Saves a bool (as an int).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(bool value) => Push(value ? 1 : 0);

    /// <summary>Saves a whole array (an input of a call that is overwritten later).</summary>
    /// <param name="values">The values.</param>
    public void Push(ReadOnlySpan<double> values)
    {
        while (doubleCount + values.Length > doubles.Length)
        {
            Grow(ref doubles);
        }

        values.CopyTo(doubles.AsSpan(doubleCount));
        doubleCount += values.Length;
    }

    /// <summary>Restores a whole array saved by <see cref="Push(ReadOnlySpan{double})"/>.</summary>
    /// <param name="destination">Where the values go back; its length is the number of values restored.</param>
    public void Pop(Span<double> destination)
    {
        doubleCount -= destination.Length;
        doubles.AsSpan(doubleCount, destination.Length).CopyTo(destination);
    }

    /// <summary>Restores the last saved double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PopDouble() => doubles[--doubleCount];

    /// <summary>Restores the last saved int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int PopInt() => ints[--intCount];

    /// <summary>Restores the last saved bool.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool PopBool() => ints[--intCount] != 0;

    private static void Grow<T>(ref T[] array)
    {
        if (array.Length >= MaxLength / 2)
        {
            throw new InvalidOperationException(
                "The reverse-mode tape of this derivative would exceed " + MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " values: the loops it differentiates keep too many intermediate values. Differentiate a shorter loop at a time, or give the loop body a [DerivativeOf] derivative.");
        }

        var larger = ArrayPool<T>.Shared.Rent(array.Length * 2);
        Array.Copy(array, larger, array.Length);
        ArrayPool<T>.Shared.Return(array);
        array = larger;
    }
}
