using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// One code path of a kernel: the widest vector it may use. Every kernel is written once per
/// flavour inside an <c>if (KernelPath.Vector512) ... else if (KernelPath.Vector256) ... else</c>
/// chain. KernelPath (LeNet.Kernels) follows IsHardwareAccelerated unless LENET_KERNEL_PATH forces
/// a path, so each path can be tested on any machine; its fields are static readonly, JIT-time
/// constants, so the JIT keeps exactly one path.
/// </summary>
/// <param name="Widest">Lanes of the widest vector: 16, 8, or 1 for the scalar fallback.</param>
/// <param name="Condition">The guard of this path, empty for the scalar fallback.</param>
internal sealed record Flavour(int Widest, string Condition)
{
    public static readonly Flavour Vector512 = new(16, $"{KernelPathTypeRef}.Vector512");
    public static readonly Flavour Vector256 = new(8, $"{KernelPathTypeRef}.Vector256");
    public static readonly Flavour Scalar = new(1, "");

    /// <summary>The paths in the order they are tried.</summary>
    public static readonly Flavour[] All = [Vector512, Vector256, Scalar];

    /// <summary>A comment naming the path.</summary>
    public string Describe() => Widest switch
    {
        16 => "// AVX-512 class hardware: 16 floats per vector.",
        8 => "// AVX2 / NEON class hardware: 8 floats per vector.",
        _ => "// No usable vectors: scalar code with the same loop structure.",
    };
}
