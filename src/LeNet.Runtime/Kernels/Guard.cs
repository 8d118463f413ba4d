using System.Diagnostics.CodeAnalysis;

namespace LeNet.Kernels;

/// <summary>
/// Argument checks for the generated entry points: one length check per buffer per call, after
/// which the kernels index without bounds checks. Kept out of the generated code so every network
/// shares one throw path.
/// </summary>
public static class Guard
{
    /// <summary>Throws when <paramref name="actual"/> is shorter than <paramref name="required"/>.</summary>
    public static void Length(string network, string buffer, int actual, int required)
    {
        if (actual < required) Throw(network, buffer, actual, required);
    }

    [DoesNotReturn]
    private static void Throw(string network, string buffer, int actual, int required) =>
        throw new ArgumentException($"{network}: '{buffer}' holds {actual} floats but needs at least {required}.", buffer);
}
