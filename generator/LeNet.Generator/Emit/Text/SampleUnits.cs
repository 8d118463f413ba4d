using LeNet.Generator.Helpers;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Text for a kernel written once for a single sample and for a block: unit <c>u</c> of a
/// sample is at float <c>u</c>, or, in a block of <see cref="Lanes"/> samples, at
/// <c>u * Lanes + lane</c> inside a loop over the lanes (<see cref="OpenLanes"/>).
/// </summary>
/// <param name="Lanes">Samples per block, 1 for the one-sample kernels.</param>
internal readonly record struct SampleUnits(int Lanes)
{
    /// <summary>The one-sample layout.</summary>
    public static SampleUnits One => new(1);

    /// <summary>The lane of the sample being computed: 0 for one sample, else the lane loop's variable.</summary>
    public string Lane => Lanes == 1 ? "0" : "lane";

    /// <summary>The float at <paramref name="unit"/> of <paramref name="reference"/> (a variable, assignable).</summary>
    public string At(string reference, string unit) => Lanes == 1
        ? $"{UnsafeTypeRef}.Add(ref {reference}, {unit})"
        : $"{UnsafeTypeRef}.Add(ref {reference}, ({unit}) * {Format.Int(Lanes)} + lane)";

    /// <summary>Opens the loop over a block's lanes (nothing for one sample); dispose to close it.</summary>
    public System.IDisposable OpenLanes(IndentedTextWriter w) => Lanes == 1
        ? Nothing.Instance
        : w.Block($"for (int lane = 0; lane < {Format.Int(Lanes)}; lane++)");

    private sealed class Nothing : System.IDisposable
    {
        public static readonly Nothing Instance = new();
        public void Dispose() { }
    }
}
