using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Helpers;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Text of vector expressions for a given lane count (16, 8, 4, or 1 = plain float), so each kernel
/// emitter is written once and the flavours differ only in widths. All offsets are emitted as
/// constants or simple index expressions; loads and stores go through <c>ref float</c> bases.
/// </summary>
internal static class Simd
{
    /// <summary>The vector API class for <paramref name="width"/> lanes.</summary>
    public static string Api(int width) => width switch
    {
        16 => Vector512TypeRef,
        8 => Vector256TypeRef,
        4 => Vector128TypeRef,
        _ => throw new System.ArgumentOutOfRangeException(nameof(width)),
    };

    /// <summary>The variable type for <paramref name="width"/> lanes.</summary>
    public static string Type(int width) => width switch
    {
        1 => "float",
        4 => "V128",
        8 => "V256",
        16 => "V512",
        _ => throw new System.ArgumentOutOfRangeException(nameof(width)),
    };

    /// <summary>All lanes set to <paramref name="scalar"/>.</summary>
    public static string Broadcast(int width, string scalar) => width == 1 ? scalar : $"{Api(width)}.Create({scalar})";

    /// <summary>Zero.</summary>
    public static string Zero(int width) => width == 1 ? "0f" : $"{Type(width)}.Zero";

    /// <summary>The element at <paramref name="reference"/> + <paramref name="offset"/>, as a ref-able expression.</summary>
    public static string At(string reference, string offset) => offset == "0" ? reference : $"{UnsafeTypeRef}.Add(ref {reference}, {offset})";

    /// <summary><paramref name="width"/> floats from <paramref name="reference"/> + <paramref name="offset"/>.</summary>
    public static string Load(int width, string reference, string offset) =>
        width == 1 ? At(reference, offset) : $"{Api(width)}.LoadUnsafe(ref {reference}, {Native(offset)})";

    /// <summary>A statement storing <paramref name="value"/> at <paramref name="reference"/> + <paramref name="offset"/>.</summary>
    public static string Store(int width, string value, string reference, string offset) =>
        width == 1 ? $"{At(reference, offset)} = {value};" : $"{Api(width)}.StoreUnsafe({value}, ref {reference}, {Native(offset)});";

    /// <summary>An element offset as the nuint the vector load/store APIs take.</summary>
    private static string Native(string offset) => IsToken(offset) ? $"({NativeUIntTypeRef}){offset}" : $"({NativeUIntTypeRef})({offset})";

    private static bool IsToken(string text)
    {
        foreach (char c in text)
            if (!char.IsLetterOrDigit(c) && c != '_') return false;
        return true;
    }

    /// <summary>a * b + c (fused where the hardware has FMA).</summary>
    public static string MulAdd(int width, string a, string b, string c) =>
        width == 1 ? $"{c} + {a} * {b}" : $"{Api(width)}.MultiplyAddEstimate({a}, {b}, {c})";

    /// <summary>The sum of the lanes.</summary>
    public static string Sum(int width, string value) => width == 1 ? value : $"{Api(width)}.Sum({value})";

    /// <summary>
    /// Adds each vector's sum of lanes into its target (a float variable or reference). At 16 and 8 lanes the
    /// sums come a vector of them at a time from <c>Lanes.Sums</c> (in locals named <paramref name="name"/>0..),
    /// which adds each vector's lanes as <see cref="Sum"/> does, bit for bit, in a fraction of the instructions.
    /// </summary>
    /// <remarks>With <paramref name="assign"/>, each target (a declaration such as <c>float total</c>) is set to its sum.</remarks>
    public static void AddSums(IndentedTextWriter w, int width, IReadOnlyList<(string Vector, string Target)> sums, string name = "sums", bool assign = false)
    {
        string op = assign ? "=" : "+=";
        if (width is not (16 or 8) || sums.Count < 2)
        {
            foreach (var (vector, target) in sums)
                w.Line($"{target} {op} {Sum(width, vector)};");
            return;
        }
        for (int first = 0; first < sums.Count; first += width)
        {
            var part = sums.Skip(first).Take(width).ToArray();
            string local = $"{name}{Format.Int(first / width)}";
            w.Line($"{Type(width)} {local} = {LanesTypeRef}.Sums({string.Join(", ", Enumerable.Range(0, width).Select(j => j < part.Length ? part[j].Vector : Zero(width)))});");
            for (int j = 0; j < part.Length; j++)
                w.Line($"{part[j].Target} {op} {local}[{Format.Int(j)}];");
        }
    }

    /// <summary>
    /// The sum of every lane of several accumulators of different widths, with one horizontal sum:
    /// wider vectors are first folded (lower half + upper half) down to the narrowest vector width
    /// present, added lane-wise, and only then summed across lanes; scalars are added last.
    /// </summary>
    public static string FoldedSum(IReadOnlyList<(int Width, string Name)> accumulators)
    {
        var vectors = accumulators.Where(a => a.Width > 1).ToList();
        var scalars = accumulators.Where(a => a.Width == 1).Select(a => a.Name).ToList();
        if (vectors.Count == 0) return string.Join(" + ", scalars);
        int narrowest = vectors.Min(a => a.Width);
        string lanes = string.Join(" + ", vectors.Select(a => Fold(a.Name, a.Width, narrowest)));
        return string.Join(" + ", new[] { Sum(narrowest, vectors.Count == 1 ? lanes : $"({lanes})") }.Concat(scalars));
    }

    /// <summary>The first <paramref name="target"/> lanes of <paramref name="value"/> (<paramref name="width"/> lanes): free, the same register.</summary>
    public static string Lower(string value, int width, int target)
    {
        if (target == 1 && width > 1) return $"{Api(width)}.ToScalar({value})";
        for (; width > target; width /= 2)
            value = $"{Api(width)}.GetLower({value})";
        return value;
    }

    /// <summary><paramref name="value"/> of <paramref name="width"/> lanes folded to <paramref name="target"/> lanes by adding halves.</summary>
    private static string Fold(string value, int width, int target)
    {
        for (; width > target; width /= 2)
            value = $"{Api(width)}.GetLower({value}) + {Api(width)}.GetUpper({value})";
        return value;
    }

    /// <summary>A short suffix for variable names of this width ("" for the widest path's main type).</summary>
    public static string Suffix(int width) => width switch { 16 => "16", 8 => "8", 4 => "4", _ => "1" };

    /// <summary>
    /// Splits [0, <paramref name="length"/>) into pieces no wider than <paramref name="widest"/>
    /// lanes: as many full vectors as fit, then one of each narrower width, then scalars. The pieces
    /// cover every index exactly once, so sums and accumulations need no masks.
    /// </summary>
    public static List<(int Offset, int Width)> Segments(int length, int widest)
    {
        var segments = new List<(int, int)>();
        int offset = 0;
        for (int width = widest; width >= 4; width /= 2)
            while (length - offset >= width)
            {
                segments.Add((offset, width));
                offset += width;
            }
        for (; offset < length; offset++) segments.Add((offset, 1));
        return segments;
    }

    /// <summary>
    /// Covers [0, <paramref name="length"/>) with as few vectors as possible, letting the last one
    /// overlap its neighbour (a row of 10 becomes 8 lanes at 0 and 4 lanes at 6) instead of ending
    /// in scalars. Only for results that are written, never accumulated: the overlapped lanes are
    /// computed twice and stored twice with the same value.
    /// </summary>
    public static List<(int Offset, int Width)> Covering(int length, int widest)
    {
        if (length < 4 || widest < 4) return Segments(length, widest);
        int main = widest;
        while (main > length) main /= 2;
        var segments = new List<(int, int)>();
        int offset = 0;
        for (; length - offset >= main; offset += main)
            segments.Add((offset, main));
        if (offset < length)
        {
            int last = 4;
            while (last < length - offset) last *= 2;
            segments.Add((length - last, last));
        }
        return segments;
    }

    /// <summary>
    /// Covers [0, <paramref name="length"/>) with whole vectors of <paramref name="widest"/> lanes
    /// where that takes fewer vectors than <see cref="Covering"/> (a row of 14 becomes one Vector512
    /// instead of two Vector256): the last vector reads up to <paramref name="widest"/> - 1 floats
    /// past the end, which must be readable, and its lanes past the end must not be stored
    /// (<see cref="Pieces"/>). Otherwise <see cref="Covering"/>.
    /// </summary>
    public static List<(int Offset, int Width)> Reading(int length, int widest)
    {
        List<(int Offset, int Width)> covering = Covering(length, widest);
        int whole = (length + widest - 1) / widest;
        if (widest < 4 || whole >= covering.Count) return covering;
        return Enumerable.Range(0, whole).Select(i => (i * widest, widest)).ToList();
    }

    /// <summary>
    /// Statements storing the first <paramref name="lanes"/> lanes of <paramref name="vector"/>
    /// (<paramref name="width"/> lanes, a local) at <paramref name="reference"/> + <paramref name="offset"/>
    /// and nothing past them: the narrower vectors of a <see cref="Covering"/> of those lanes, each
    /// taken from the lower lanes after a lane shuffle where it does not start at lane 0.
    /// </summary>
    public static IEnumerable<string> Pieces(int width, string vector, int lanes, string reference, int offset)
    {
        if (lanes == width)
        {
            yield return Store(width, vector, reference, Format.Int(offset));
            yield break;
        }
        foreach ((int start, int piece) in Covering(lanes, System.Math.Max(1, width / 2)))
        {
            string from = start == 0
                ? vector
                : $"{Api(width)}.Shuffle({vector}, {Api(width)}.Create({string.Join(", ", Enumerable.Range(0, width).Select(lane => Format.Int((start + lane) % width)))}))";
            yield return Store(piece, Lower(from, width, piece), reference, Format.Int(offset + start));
        }
    }

    /// <summary>
    /// How many leading lanes of each <see cref="Covering"/> segment repeat lanes an earlier segment
    /// already holds (0 for all but possibly the last).
    /// </summary>
    public static int Overlap(List<(int Offset, int Width)> segments, int index) =>
        index == 0 ? 0 : System.Math.Max(0, segments[index - 1].Offset + segments[index - 1].Width - segments[index].Offset);

    /// <summary>A constant vector of 0 in the first <paramref name="zeros"/> lanes and 1 in the rest.</summary>
    public static string Mask(int width, int zeros) =>
        $"{Api(width)}.Create({string.Join(", ", Enumerable.Range(0, width).Select(lane => lane < zeros ? "0f" : "1f"))})";
}
