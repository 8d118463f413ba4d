using LeNet.Engine;
using LeNet.Models;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>Every generated network the tests exercise, with the generic engine built from the same declaration.</summary>
public static class NetworkCases
{
    private static readonly Dictionary<string, INetwork> Networks = new INetwork[]
    {
        new LeNet5(), new LeNet5Modern(), new LeNet5Classic(), new LeNet5Wide(), new OddShapes(), new TrainableRbf(), new SevenKernel(),
        new MapLanes(), new TableBlocks(), new WindowsDropout(), new StridedFirstDropout(),
    }.ToDictionary(n => n.Description.Name);

    /// <summary>Names for [MemberData].</summary>
    public static TheoryData<string> Names => new(Networks.Keys);

    /// <summary>Every network's name.</summary>
    public static IEnumerable<string> AllNames => Networks.Keys;

    /// <summary>The generated engine called <paramref name="name"/>.</summary>
    public static INetwork Generated(string name) => Networks[name];

    /// <summary>The generic engine for the same declaration.</summary>
    public static INetwork Generic(string name) => new GenericNetwork(Networks[name].Description);

    /// <summary>Uniform random values in [-scale, scale] from a fixed seed.</summary>
    public static float[] Random(int count, int seed, float scale = 0.5f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return values;
    }

    /// <summary>Random parameters whose magnitudes keep every layer in its working range (about 1/sqrt(fan-in)).</summary>
    public static float[] Parameters(NetworkDescription description, int seed)
    {
        float[] parameters = new float[description.ParameterCount];
        var random = new Random(seed);
        foreach (LayerInfo layer in description.Layers)
        {
            int fanIn = layer.Kind switch
            {
                LayerKind.Convolution => Math.Max(1, LayerInfo.ConnectedPairs(layer) / layer.Output.Channels) * layer.Declaration.Kernel * layer.Declaration.Kernel,
                LayerKind.FullyConnected => layer.Input.Size,
                _ => 1,
            };
            float scale = 1.5f / MathF.Sqrt(fanIn);
            for (int i = 0; i < layer.ParameterCount; i++)
                parameters[layer.ParameterOffset + i] = (float)(random.NextDouble() * 2 - 1) * scale;
        }
        return parameters;
    }
}
