using LeNet.Generator.Helpers;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Text for a block kernel whose vectors hold one unit of every sample in the block: lane <c>s</c>
/// of the vector at unit <c>u</c> is sample <c>s</c>'s value, at float offset <c>u * Count</c>.
/// Offsets are given in units and scaled here, so the kernels read like their one-sample forms.
/// </summary>
/// <param name="Count">Samples per block: the vector's lanes (16 or 8).</param>
internal readonly record struct Lanes(int Count)
{
    /// <summary>The block kernels' paths, widest first: every vector path there is (the scalar path runs one sample at a time).</summary>
    public static readonly Lanes[] Paths = [new(16), new(8)];

    /// <summary>Vector registers a tile can count on: AVX-512 has 32, AVX2 16.</summary>
    public int RegisterFile => Count == 16 ? 32 : 16;

    public string Type => Simd.Type(Count);
    public string Api => Simd.Api(Count);
    public string Condition => Count == 16 ? Flavour.Vector512.Condition : Flavour.Vector256.Condition;

    /// <summary>The vector at <paramref name="unit"/> units past <paramref name="reference"/>.</summary>
    public string Load(string reference, string unit) => $"{Api}.LoadUnsafe(ref {reference}, {Offset(unit)})";

    public string Store(string value, string reference, string unit) => $"{Api}.StoreUnsafe({value}, ref {reference}, {Offset(unit)});";

    public string Splat(string scalar) => $"{Api}.Create({scalar})";

    public string Fma(string a, string b, string c) => $"{Api}.MultiplyAddEstimate({a}, {b}, {c})";

    public string Sum(string vector) => $"{Api}.Sum({vector})";

    public string Zero => $"{Type}.Zero";

    /// <summary>A float offset for a unit index: folded when constant.</summary>
    public string Offset(string unit) =>
        int.TryParse(unit, out int constant) ? $"({NativeUIntTypeRef}){Format.Int(constant * Count)}" : $"({NativeUIntTypeRef})({Index.Mul(unit, Count)})";
}
