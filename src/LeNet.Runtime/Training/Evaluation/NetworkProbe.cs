using LeNet.Data;

namespace LeNet.Training;

/// <summary>
/// Checks that a network's outputs are finite on plain inputs before it is put to use: parameters that are
/// each finite can still overflow (every weight times 1e30 does), and such a network answers NaN for everything.
/// </summary>
internal static class NetworkProbe
{
    /// <summary>The probe inputs, every input value alike: a blank image, a mid-grey one, a full-ink one (as <see cref="InputEncoder"/> encodes them).</summary>
    public static IReadOnlyList<float> Levels { get; } = [InputEncoder.Background, (InputEncoder.Background + InputEncoder.Ink) / 2, InputEncoder.Ink];

    /// <summary>Whether every output of <paramref name="network"/> with <paramref name="parameters"/> is finite on each probe input (<see cref="Levels"/>).</summary>
    /// <exception cref="ArgumentException">The parameter count is not the network's.</exception>
    public static bool OutputsAreFinite(INetwork network, ReadOnlySpan<float> parameters)
    {
        NetworkDescription description = network.Description;
        if (parameters.Length != description.ParameterCount)
            throw new ArgumentException($"Network '{description.Name}' has {description.ParameterCount} parameters, not {parameters.Length}.", nameof(parameters));
        var workspace = new SampleWorkspace(network);
        foreach (float level in Levels)
        {
            Array.Fill(workspace.Input, level);
            workspace.Forward(parameters);
            if (!SpanMath.AllFinite(workspace.Output)) return false;
        }
        return true;
    }
}
