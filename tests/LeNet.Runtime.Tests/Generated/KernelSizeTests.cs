using System.Reflection;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>
/// The models' block kernels stay small enough for the JIT to optimise. Past its limits (60,000 bytes of IL, and
/// counts of blocks, locals and their references that grow with the size: kernels of 43,258 bytes have been seen
/// switched) the JIT compiles a method with minimal optimisation. The kernel then computes the same values several
/// times slower, which no equivalence test sees: a connection table's input delta written out with every kernel
/// column did (124,863 bytes, eight times slower).
/// </summary>
public sealed class KernelSizeTests
{
    /// <summary>IL bytes a block kernel may take: well under the sizes the JIT was seen to switch.</summary>
    private const int MaxKernelIl = 30_000;

    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (Type type in NetworkTypes()) data.Add(type.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryBlockKernel_IsWithinTheJitsOptimisingSize(string network)
    {
        Type type = NetworkTypes().Single(t => t.FullName == network);
        var sizes = type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.Contains("Block", StringComparison.Ordinal))
            .Select(m => (m.Name, Il: m.GetMethodBody()?.GetILAsByteArray()?.Length ?? 0))
            .ToArray();
        Assert.NotEmpty(sizes);
        Assert.All(sizes, s => Assert.True(s.Il <= MaxKernelIl, $"{network}.{s.Name} has {s.Il:N0} bytes of IL (at most {MaxKernelIl:N0})."));
    }

    [Fact]
    public void TheCheck_SeesTheKernelPaths()
    {
        // The kernels' vector paths are local functions: the check must reach them, or it checks only the dispatchers.
        MethodInfo[] methods = typeof(LeNet.Models.LeNet5).GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
        MethodInfo path = Assert.Single(methods, m => m.Name.Contains("<BackwardBlockC3>") && m.Name.Contains("Vector512Path"));
        Assert.True(path.GetMethodBody()!.GetILAsByteArray()!.Length > 5_000);
    }

    /// <summary>The models' generated networks.</summary>
    private static IEnumerable<Type> NetworkTypes() =>
        typeof(LeNet.Models.LeNet5).Assembly.GetTypes()
            .Where(t => typeof(INetwork).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t.GetField("ParameterCount") is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
}
