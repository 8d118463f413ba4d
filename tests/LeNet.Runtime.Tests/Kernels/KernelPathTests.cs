using System.Runtime.Intrinsics;
using LeNet.Kernels;

namespace LeNet.Kernels.Tests;

/// <summary>
/// The path the generated kernels take. CI runs the engine-equivalence tests once more with
/// LENET_KERNEL_PATH=512 and once with =scalar, so the paths this machine would not pick are checked too.
/// </summary>
public class KernelPathTests
{
    [Fact]
    public void Path_FollowsTheSettingOrElseTheHardware()
    {
        string expected = Environment.GetEnvironmentVariable(KernelPath.EnvironmentVariable)?.Trim().ToLowerInvariant() switch
        {
            "512" => "Vector512",
            "256" => "Vector256",
            "scalar" => "scalar",
            _ => Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : "scalar",
        };
        Assert.Equal(expected, KernelPath.Name);
    }
}
