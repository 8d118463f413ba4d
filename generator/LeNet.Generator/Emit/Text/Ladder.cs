using System;
using LeNet.Generator.Helpers;

namespace LeNet.Generator.Emit;

/// <summary>
/// The two loop shapes every kernel is made of, over a contiguous run of constant length: an
/// element-wise pass and a reduction. Each is a loop over full vectors of the path's widest width
/// followed by unrolled narrower tails (<see cref="Simd.Segments"/>), so all bounds are constants
/// and no lane is visited twice.
/// </summary>
internal static class Ladder
{
    /// <summary>
    /// Emits <paramref name="body"/>(width, offset) over [0, <paramref name="length"/>), offsets
    /// relative to whatever bases the body uses; <paramref name="index"/> names the loop variable.
    /// </summary>
    public static void ForEach(IndentedTextWriter w, int length, int widest, string index, Action<int, string> body)
    {
        int full = length / widest * widest;
        if (full / widest >= 2)
        {
            using (Index.Open(w, index, full, widest))
                body(widest, index);
        }
        else if (full == widest)
            body(widest, "0");
        foreach ((int offset, int width) in Simd.Segments(length - full, Math.Max(1, widest / 2)))
            body(width, Format.Int(full + offset));
    }

    /// <summary>
    /// Emits <c>float {result} = sum over [0, length)</c> where <paramref name="accumulate"/>(width,
    /// offset, accumulator) returns the statement adding one piece into an accumulator. The main loop
    /// keeps two accumulators so consecutive FMAs do not wait on each other.
    /// </summary>
    public static void Sum(IndentedTextWriter w, int length, int widest, string result, string index, Func<int, string, string, string> accumulate)
    {
        string type = Simd.Type(widest);
        int full = length / widest * widest;
        int pairs = full / (2 * widest) * 2 * widest;
        string a = result + "0", b = result + "1";
        w.Line($"{type} {a} = {Simd.Zero(widest)}, {b} = {Simd.Zero(widest)};");
        Index.For(w, index, 0, pairs, 2 * widest, at =>
        {
            w.Line(accumulate(widest, at, a));
            w.Line(accumulate(widest, Index.Add(at, widest), b));
        }, scoped: false);
        if (full > pairs)
            w.Line(accumulate(widest, Format.Int(pairs), a));
        w.Line($"float {result} = {Simd.Sum(widest, $"{a} + {b}")};");
        foreach ((int offset, int width) in Simd.Segments(length - full, Math.Max(1, widest / 2)))
        {
            string tail = $"{result}Tail{Format.Int(full + offset)}";
            w.Line($"{Simd.Type(width)} {tail} = {Simd.Zero(width)};");
            w.Line(accumulate(width, Format.Int(full + offset), tail));
            w.Line($"{result} += {Simd.Sum(width, tail)};");
        }
    }
}
