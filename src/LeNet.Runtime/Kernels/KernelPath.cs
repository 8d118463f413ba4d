using System.Runtime.Intrinsics;

namespace LeNet.Kernels;

/// <summary>
/// Which code path the generated kernels take: Vector512, Vector256 or scalar. Normally the widest
/// path the hardware accelerates. Setting the environment variable <see cref="EnvironmentVariable"/>
/// to <c>512</c>, <c>256</c> or <c>scalar</c> before the process starts forces one, run in software
/// where the hardware lacks it (slowly, but with the same results), so every path can be checked
/// against the generic engine on any machine.
/// </summary>
/// <remarks>
/// The generated kernels test <see cref="Vector512"/> and <see cref="Vector256"/>. They are static
/// readonly fields of a class without a static constructor, so the JIT initialises the class while
/// compiling a kernel and treats them as constants: only the chosen path is compiled, as with
/// IsHardwareAccelerated itself.
/// </remarks>
public static class KernelPath
{
    /// <summary>The environment variable that forces a path.</summary>
    public const string EnvironmentVariable = "LENET_KERNEL_PATH";

    /// <summary>The values <see cref="EnvironmentVariable"/> accepts.</summary>
    public static IReadOnlyList<string> Choices { get; } = ["512", "256", "scalar"];

    /// <summary>The raw setting, or null when unset or empty.</summary>
    public static readonly string? Setting = Read();

    /// <summary>The forced path, or null for the hardware's choice (also when <see cref="Setting"/> is not one of <see cref="Choices"/>).</summary>
    public static readonly string? Forced = Setting is { } value && Choices.Contains(value) ? value : null;

    /// <summary>The kernels take their Vector512 path.</summary>
    public static readonly bool Vector512 = Forced is null ? System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated : Forced == "512";

    /// <summary>The kernels take their Vector256 path (when not <see cref="Vector512"/>).</summary>
    public static readonly bool Vector256 = Forced is null ? System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated : Forced == "256";

    /// <summary>The path in use: "Vector512", "Vector256" or "scalar".</summary>
    public static string Name => Vector512 ? "Vector512" : Vector256 ? "Vector256" : "scalar";

    private static string? Read()
    {
        string? value = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value.ToLowerInvariant();
    }
}
